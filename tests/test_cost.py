"""Bounded cost: the work sdkgen does grows about linearly with the size of the spec, whatever its shape.

Each family of `cost_specs.py` is generated (load, refs, IR, Python view, templates, docs: everything
but black and the validator, which run in other processes) at size n and 4n, and the calls of
sdkgen's own functions are counted with cProfile. Linear work gives a ratio of about 4 (less, with the
fixed cost of the runtime modules), n log n a little more; quadratic work gives about 16 and an
exponential walk far more. Work is counted, never timed: the machine may be busy.
"""

from __future__ import annotations

import cProfile
import json
import pstats
from pathlib import Path
from typing import Any, Dict

import pytest

from cost_specs import FAMILIES
from generator.ir.build import build_api
from generator.errors import Diagnostics
from generator.spec.refs import open_spec
from generator.targets.python.render import render_all

GENERATOR = str(Path(__file__).resolve().parent.parent / "generator")
GROWTH = 4
# A ratio above this is worse than n log n: 4 * log(4n) / log(n) is under 6 for the sizes below.
LIMIT = 6.0
SIZES = {
    "allOf diamond": 4,
    "allOf diamond, no object": 4,
    "wide oneOf": 60,
    "huge enum": 1000,
    "many properties": 300,
    "same titles": 60,
    "same operationIds": 300,
    "$ref chain": 60,  # 240 links at 4n: sdkgen refuses chains of more than 256 (refs.check_chains)
    "deep nesting": 12,  # 48 levels of objects at 4n: under the 200-level cap
    "many path parameters": 60,
    "maps beside operations": 150,
}


def work(document: Dict[str, Any], folder: Path) -> int:
    """Calls of sdkgen's functions (lambdas and comprehensions included) to generate `document`."""
    path = folder / "spec.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    profile = cProfile.Profile()
    profile.enable()
    try:
        api = build_api(open_spec(path, "spec.json"), Diagnostics())
        render_all(api)
    finally:
        profile.disable()
    stats: Dict[Any, Any] = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return sum(calls for (filename, _, _), (_, calls, *_rest) in stats.items() if filename.startswith(GENERATOR))


def test_every_family_is_measured() -> None:
    assert set(SIZES) == set(FAMILIES)


@pytest.mark.parametrize("family", sorted(SIZES))
def test_work_grows_about_linearly(family: str, tmp_path: Path) -> None:
    build = FAMILIES[family]
    n = SIZES[family]
    work(build(2), tmp_path)  # imports, compiled templates: paid once, not counted
    small = work(build(n), tmp_path)
    large = work(build(GROWTH * n), tmp_path)
    ratio = large / small
    assert ratio <= LIMIT, f"{family}: {small:,} calls at n={n}, {large:,} at n={GROWTH * n} (x{ratio:.1f})"
