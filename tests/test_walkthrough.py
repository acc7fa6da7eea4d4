"""The README's "Use it in your own repository", from an empty folder: sdkgen built as a wheel from
this checkout and installed away from it, a vendor's spec with a `sdkgen.yaml` beside it, a
generation, an edit of the spec, a regeneration, `--check`, and git seeing the output as generated.

Offline: the wheel is built with the test environment's setuptools (no build isolation) and installed
without dependencies into a folder of its own; the test environment supplies jinja2, black and the rest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest

ROOT = Path(__file__).resolve().parent.parent

VENDOR_SPEC = """\
openapi: 3.1.0
info: {title: Acme Widgets API, version: "1.0"}
servers: [{url: "https://api.acme.test/v1"}]
paths:
  /widgets:
    get:
      operationId: listWidgets
      responses:
        "200":
          description: the widgets
          content: {application/json: {schema: {$ref: "#/components/schemas/WidgetV2"}}}
    post:
      operationId: postWidget
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/WidgetV2"}}}
      responses: {"204": {description: made}}
components:
  schemas:
    WidgetV2:
      type: object
      properties:
        id: {type: string}
"""

CONFIG = """\
spec: openapi.yaml
out: generated
regenerate: sdkgen generate
package-name: acme
client: {api-key-env: ACME_API_KEY}
operations:
  POST /widgets: {resource: widgets, method: create}
  listWidgets: {resource: widgets, method: list}
schemas:
  "#/components/schemas/WidgetV2": {name: Widget}
"""


def _run(args: list[str], cwd: Path, env: Dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding sdkgen installed from a wheel of this checkout (its `bin/sdkgen` too)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "generator", source / "generator", symlinks=True, ignore=ignore)
    shutil.copytree(ROOT / "templates", source / "templates", ignore=ignore)
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", ".", "-w", str(work / "dist")], source, env)
    wheel = next((work / "dist").glob("sdkgen-*.whl"))
    target = work / "site"
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], work, env)
    return target


def test_from_an_empty_folder_to_a_regenerated_sdk(installed: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(installed), XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"))
    sdkgen = [str(installed / "bin" / "sdkgen")]
    where = _run([sys.executable, "-c", "import generator; print(generator.__file__)"], tmp_path, env).stdout
    assert where.startswith(str(installed)), where  # the wheel's copy, not this checkout
    assert _run(sdkgen + ["--version"], tmp_path, env).stdout.strip() == "sdkgen 0.1.0"

    repo = tmp_path / "acme-sdk"
    repo.mkdir()
    _run(["git", "init", "-q"], repo, env)
    (repo / "openapi.yaml").write_text(VENDOR_SPEC)
    (repo / "sdkgen.yaml").write_text(CONFIG)
    first = _run(sdkgen + ["generate"], repo, env)
    assert "0 warning(s)" in first.stdout
    package = repo / "generated" / "python" / "acme"
    client = (package / "_client.py").read_text()
    assert client.splitlines()[0].endswith("Do not edit: run `sdkgen generate`.")
    assert "def list(" in (package / "resources" / "widgets.py").read_text()
    types = lambda: "".join(module.read_text() for module in sorted((package / "types").glob("*.py")))  # noqa: E731
    assert "class Widget(" in types()
    java = _run(sdkgen + ["generate", "--target", "java", "--out", "java-out"], repo, env)  # the wheel has every target
    assert "0 warning(s)" in java.stdout and any((repo / "java-out").rglob("*.java"))
    shutil.rmtree(repo / "java-out")

    # The vendor adds a field; the SDK follows with one regeneration, and CI's --check agrees.
    (repo / "openapi.yaml").write_text(VENDOR_SPEC + "        colour: {type: string}\n")
    stale = subprocess.run(sdkgen + ["generate", "--check"], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert stale.returncode == 1 and "run `sdkgen generate`" in stale.stdout
    _run(sdkgen + ["generate"], repo, env)
    assert "colour" in types()
    assert "up to date" in _run(sdkgen + ["generate", "--check"], repo, env).stdout

    attributes = _run(["git", "check-attr", "linguist-generated", "generated/python/acme/_client.py", "openapi.yaml"], repo, env).stdout
    assert attributes.splitlines() == [
        "generated/python/acme/_client.py: linguist-generated: true",
        "openapi.yaml: linguist-generated: unspecified",
    ]
