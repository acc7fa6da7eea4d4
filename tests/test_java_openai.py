"""The whole public OpenAI spec through the Java target (issue 10: "General like the Python target"):
generated with `--skip-validation`, as a user of a spec they do not own would, and compiled with
`javac --release 11 -Xlint:all -Werror` (no errors, no unchecked or other lint warnings), with the
example program of each of its docs pages (the only target, so its docs are `docs/`). Slow tier:
about 3,000 files and 585,000 lines, and ~290 programs: half a minute of javac."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from java_tools import compile, require_java, sources_under
from test_java_docs import write_examples

REPO = Path(__file__).resolve().parent.parent
PUBLIC_SPEC = REPO.parent / "shared" / "specs" / "openai-openapi.yaml"


@pytest.mark.slow
def test_the_java_of_the_whole_openai_spec_compiles(tmp_path: Path) -> None:
    require_java()
    if not PUBLIC_SPEC.exists():
        pytest.skip(f"{PUBLIC_SPEC} is not there (../shared beside the checkout)")
    out = tmp_path / "out"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")}
    command = [sys.executable, "-c", "from generator.cli import main; main()", "generate"]
    command += ["--spec", str(PUBLIC_SPEC), "--out", str(out), "--skip-validation", "--target", "java"]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    sources = sources_under(out / "java" / "src" / "main" / "java")
    assert len(sources) > 1000, f"only {len(sources)} Java files"
    pages = [p.read_text(encoding="utf-8") for p in sorted((out / "docs").glob("*.md")) if p.name != "index.md"]
    examples = write_examples(pages, tmp_path / "examples")
    assert len(examples) > 200, f"only {len(examples)} docs pages"
    compile([*sources, *examples], tmp_path / "classes", junit=False)
