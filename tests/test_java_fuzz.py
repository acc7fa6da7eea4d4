"""The Java target on every golden spec and on random hostile specs (`fuzz_specs`): it renders, and
everything it renders compiles with `javac --release 11 -Xlint:all -Werror`, runtime included, and
so do the example programs of its docs. One javac run for all the trees (each in its own base
package), so the JVM starts once.

Slow tier (`@pytest.mark.slow`): about 40 trees of ~70 files each.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any, Dict, List

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_specs import openapi_specs
from generator.errors import Diagnostics
from generator.ir.build import build_api
from generator.spec.refs import open_spec
from generator.docs.stage import docs_files
from generator.ir import model as ir
from generator.targets.java import TARGET
from java_tools import compile, require_java
from test_java_docs import write_examples
from tests.golden_cases import cases, open_case

# JAVA_FUZZ_SPECS=80 draws that many, at random (by default 25, the same ones every run).
RANDOM_SPECS = int(os.environ.get("JAVA_FUZZ_SPECS", "25"))


def _render(api: ir.Api) -> Dict[str, str]:
    """The Java target's files and its docs."""
    rendered = TARGET.render(api)
    assert rendered.docs is not None
    return {**rendered.files, **docs_files(api, rendered.docs, "docs/java")}


def _write(files: Dict[str, str], out: Path) -> Path:
    """The sources, and the docs' example programs beside them."""
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    sources = out / "java" / "src" / "main" / "java"
    pages = [text for path, text in sorted(files.items()) if path.startswith("docs/") and not path.endswith("/index.md")]
    write_examples(pages, sources / "examples")
    return sources


@pytest.mark.slow
def test_java_of_every_golden_and_random_spec_compiles(tmp_path: Path) -> None:
    require_java()
    trees: List[Path] = []
    bases = set()
    for index, case in enumerate(cases()):
        files = _render(build_api(open_case(case), Diagnostics()))
        base = _base(files)
        assert base not in bases, f"{case.name}: base package {base} taken by another golden spec"
        bases.add(base)
        trees.append(_write(files, tmp_path / f"golden{index}"))

    drawn: List[Dict[str, Any]] = []

    @settings(
        max_examples=RANDOM_SPECS,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(spec=openapi_specs())
    def draw(spec: Dict[str, Any]) -> None:
        drawn.append(copy.deepcopy(spec))

    draw()
    for index, raw in enumerate(drawn):
        spec = copy.deepcopy(raw)
        spec.setdefault("x-sdkgen", {})["java"] = {"package": f"fuzz{index}"}
        spec_path = tmp_path / f"fuzz{index}.json"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        api = build_api(open_spec(spec_path, spec_path.name), Diagnostics())
        trees.append(_write(_render(api), tmp_path / f"fuzz{index}"))
    sources = sorted(path for tree in trees for path in tree.rglob("*.java"))
    compile(sources, tmp_path / "classes", junit=False)


def _base(files: Dict[str, str]) -> tuple[str, ...]:
    okhttp = next(path for path in files if path.endswith("/client/okhttp/OkHttpTransport.java"))
    return tuple(okhttp[len("java/src/main/java/") :].split("/")[:-3])
