"""black stays the contract of the layout module: over fuzzed specs and every golden spec, what the
templates print with the module's line breaks is what black makes of it, and the format stage finds
the statements it still has to give black without parsing the files.

The fuzzed sample: every spec-dependent module is rendered, and black over the whole file must give
the format stage's output, which must be black's fixed point too (black --check agrees). How many
statements the format stage still gave black is recorded as a hypothesis event (`--hypothesis-show-
statistics`); on the golden specs it must be none (the OpenAI spec's count is in the bench).
"""

from __future__ import annotations

import ast
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Dict

import black
import pytest
from hypothesis import HealthCheck, Phase, assume, event, given, note, settings

from fuzz_specs import openapi_specs
from generator.errors import Diagnostics, SpecError
from generator.ir.build import build_api
from generator.spec.refs import open_spec
from generator.targets.python import format as format_stage
from generator.targets.python.format import black_mode, format_files
from generator.targets.python.long_lines import imports_gap, statements_for_black
from generator.targets.python.lower import lower
from generator.targets.python.render import render_target, runtime_files
from golden_cases import ROOT, cases, open_case

LONG_RUN = "SDKGEN_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("SDKGEN_FUZZ_EXAMPLES", "12"))


def rendered(spec_path: Path, shown: str) -> Dict[str, str]:
    """The Python modules a spec makes, before the format stage, without the runtime's."""
    return rendered_api(build_api(open_spec(spec_path, shown), Diagnostics()))


def rendered_case(case: Any) -> Dict[str, str]:
    """`rendered` for a golden case, its sdkgen.yaml applied."""
    return rendered_api(build_api(open_case(case, case.spec.relative_to(ROOT).as_posix()), Diagnostics()))


def rendered_api(api: Any) -> Dict[str, str]:
    runtime = set(runtime_files().values())
    return {p: t for p, t in render_target(api, lower(api)).items() if p.endswith(".py") and t not in runtime}


def check_against_black(files: Dict[str, str]) -> int:
    formatted = format_files(files, use_cache=False)
    for path, text in files.items():
        whole = black.format_str(imports_gap(text), mode=black_mode())
        assert formatted[path] == whole, f"{path}: the format stage's output is not black's"
        assert black.format_str(whole, mode=black_mode()) == whole, f"{path} is not stable under black"
    return statements_for_black(files)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if LONG_RUN else []),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(spec=openapi_specs())
def test_fuzzed_specs_are_laid_out_as_black_would(spec: Dict[str, Any]) -> None:
    note(json.dumps(spec, ensure_ascii=True))
    with tempfile.TemporaryDirectory(prefix="sdkgen-layout-") as work:
        path = Path(work) / "spec.json"
        path.write_text(json.dumps(spec), encoding="utf-8")
        try:
            files = rendered(path, "spec.json")
        except SpecError:
            assume(False)
            return
    event(f"statements given to black: {check_against_black(files)}")


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_golden_specs_are_laid_out_whole(case: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    files = rendered_case(case)
    assert statements_for_black(files) == 0


def test_the_cold_format_stage_parses_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """No `ast` on the cold path: the scan finds the long statements, black formats only those."""
    monkeypatch.chdir(ROOT)
    files = rendered_case(cases()[0])
    source = next(iter(files.values()))
    files["python/extra.py"] = source + "\n\nX = f(" + ", ".join(f"argument_{i}" for i in range(20)) + ")\n"

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the format stage parsed a file")

    monkeypatch.setattr(ast, "parse", refuse)
    monkeypatch.setattr(format_stage.ast, "parse", refuse)
    formatted = format_files(files, use_cache=False)
    monkeypatch.undo()
    assert statements_for_black(files) == 1
    assert formatted["python/extra.py"] == black.format_str(imports_gap(files["python/extra.py"]), mode=black_mode())


def test_what_the_layout_declines_black_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    """With every shape declined (printed flat), the format stage finds every long statement by its
    scan and the files come out as black makes them: the fallback is whole."""
    from generator.targets.python import layout

    def decline() -> list[object]:
        raise layout.Declined("declined for the test")

    real = layout._or_flat
    monkeypatch.setattr(layout, "_or_flat", lambda flat, make, *args, **kwargs: real(flat, decline, *args, **kwargs))
    monkeypatch.setattr(layout, "_exploded_import", lambda *args: decline())  # the imports' own shape
    monkeypatch.setattr(layout, "fits", lambda text: False)
    monkeypatch.chdir(ROOT)
    given_to_black = 0
    for case in cases():
        given_to_black += check_against_black(rendered_case(case))
    assert given_to_black > 20  # the shapes the layout module lays out, each given to black now
