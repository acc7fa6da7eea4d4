"""Golden files: what the generator makes now is, byte for byte, what is checked in."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from generator.pipeline import Options, run
from tests.golden_cases import ROOT, Case, cases


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
    run(Options(case.spec.relative_to(ROOT), out, skip_validation=case.skip_validation))
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
