"""Golden files: what the generator makes now is, byte for byte, what is checked in.

The trees under tests/golden/ leave out the runtime modules (see golden_cases.py); they are checked
here once: sdkgen emits each as its source under one fixed header, and black leaves them as they are.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import black
import pytest

from generator.errors import Diagnostics
from generator.pipeline import Options, build_files
from generator.targets.python.format import black_mode, format_files
from generator.targets.python.render import RUNTIME, RUNTIME_HEADER, RUNTIME_MODULES, runtime_files
from tests.golden_cases import ROOT, Case, cases, generate


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and ".mypy_cache" not in p.parts
    }


def _diff(name: str, expected: bytes, actual: bytes) -> str:
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(keepends=True),
        actual.decode("utf-8", "replace").splitlines(keepends=True),
        fromfile=f"checked-in/{name}",
        tofile=f"generated-now/{name}",
        n=2,
    )
    return "".join(list(lines)[:80])


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_output_matches_golden(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    generate(case, out)
    expected, actual = _tree(case.out), _tree(out)
    problems = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            problems.append(f"{name}: checked in, but the generator no longer makes it")
        elif name not in expected:
            problems.append(f"{name}: made by the generator, but not checked in")
        elif expected[name] != actual[name]:
            problems.append(_diff(name, expected[name], actual[name]))
    assert not problems, (
        f"{case.name} is not what the generator makes now. Run `make generate`, read the diff as a "
        "reviewer would, and commit it.\n\n" + "\n".join(problems[:10])
    )


def test_the_runtime_is_emitted_as_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    sources = sorted(p.name for p in RUNTIME.iterdir() if p.suffix == ".py")
    assert sources == sorted(f"{module}.py" for module in RUNTIME_MODULES)
    case = next(c for c in cases() if c.out.name == "cov_params")
    options = Options(case.spec.relative_to(ROOT), Path("unused"), skip_validation=case.skip_validation)
    files = build_files(options, Diagnostics())  # rendered and formatted, as written
    for name in sources:
        emitted = files[f"python/cov_params/{name}"].encode("utf-8")
        assert emitted == RUNTIME_HEADER.encode("utf-8") + (RUNTIME / name).read_bytes(), name


def test_golden_trees_hold_no_runtime_and_generated_holds_all_of_it() -> None:
    runtime = runtime_files()
    for case in cases():
        for package in sorted(p for p in (case.out / "python").iterdir() if (p / "__init__.py").is_file()):
            found = {name for name in runtime if (package / name).exists()}
            if case.with_runtime:
                assert found == set(runtime), package
                for name in found:
                    assert (package / name).read_text(encoding="utf-8") == runtime[name], package / name
            else:
                assert not found, f"{package}: runtime modules in a golden tree: {sorted(found)}"


@pytest.mark.parametrize("name", sorted(runtime_files()))
def test_the_runtime_is_in_blacks_layout(name: str) -> None:
    """The format stage leaves the runtime modules alone: black must leave them alone too."""
    text = runtime_files()[name]
    assert black.format_str(text, mode=black_mode()) == text


def test_the_format_stage_leaves_known_runtime_text_alone() -> None:
    """A text passed as `stable` is not formatted (the runtime's, which the test above holds to
    black's layout): here one black would change, to see that it is really skipped."""
    unformatted = "x  =  [1,\n2]\n"
    out = format_files({"p/a.py": unformatted, "p/b.py": "y  =  1\n"}, use_cache=False, full=True, stable={unformatted})
    assert out == {"p/a.py": unformatted, "p/b.py": "y = 1\n"}


def test_where_each_runtime_name_lives_is_read_from_the_runtime() -> None:
    """Generated modules import runtime names from the module that defines them, as the runtime's own
    source says (no second list to fall out of step): a name the runtime does not define is an error,
    not a guess."""
    from generator.targets.python.runtime_names import module_of

    assert module_of("Stream") == "_streaming"
    assert module_of("SyncCursorPage") == "_pagination"
    assert module_of("not_given") == "_types"
    assert module_of("to_streamed_response_wrapper") == "_response_modes"
    with pytest.raises(ValueError, match="the runtime defines no 'NoSuchThing'"):
        module_of("NoSuchThing")
