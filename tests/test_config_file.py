"""sdkgen.yaml beside a spec: found, read as strictly as a spec, and winning over `x-sdkgen`; the
command line's defaults, regenerate command, quiet mode, sorted warnings and `.gitattributes`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import main as cli_main

SPEC: Dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Thing Store API", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "listThings",
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
            },
            "post": {"operationId": "makeThing", "responses": {"204": {"description": "ok"}}},
        },
        "/things/{id}": {
            "get": {
                "operationId": "getThing",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "ok"}},
            }
        },
    },
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}},
}


def project(folder: Path, config: str | None, spec: Dict[str, Any] = SPEC, name: str = "openapi.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml.safe_dump(spec, sort_keys=False))
    if config is not None:
        (folder / "sdkgen.yaml").write_text(config)
    return folder


def run(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(folder)
    return CliRunner().invoke(cli_main, ["generate", *args])


def files_under(folder: Path) -> List[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def one_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line]
    assert len(lines) == 1, result.output
    return lines[0]


# ---- what the config file decides -----------------------------------------------------------------


def test_names_from_the_config_file_with_no_x_sdkgen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, """\
out: sdk
package-name: things
client: {api-key-env: THINGS_KEY}
operations:
  GET /things: {resource: store.things, method: list}
  makeThing: {resource: store.things, method: create}
  get /things/{id}: {resource: store.things, method: retrieve}
schemas:
  "#/components/schemas/Thing": {name: Widget}
""")
    result = run(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    package = tmp_path / "sdk" / "python" / "things"
    resource = (package / "resources" / "store_things.py").read_text()
    for method in ("def list(", "def create(", "def retrieve("):
        assert method in resource
    assert any("class Widget(" in module.read_text() for module in (package / "types").glob("*.py"))
    assert '"THINGS_KEY"' in (package / "_settings.py").read_text()


def test_the_config_file_wins_over_x_sdkgen_setting_by_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = yaml.safe_load(yaml.safe_dump(SPEC))
    spec["x-sdkgen"] = {"package-name": "from_spec", "client": {"api-key-env": "SPEC_KEY", "base-url-env": "SPEC_URL"}}
    spec["paths"]["/things"]["get"]["x-sdkgen"] = {"resource": "spec_things", "method": "all"}
    project(tmp_path, "package-name: from_config\nclient: {api-key-env: CONFIG_KEY}\noperations:\n  listThings: {method: list}\n", spec)
    result = run(tmp_path, monkeypatch, "--out", "out")
    assert result.exit_code == 0, result.output
    package = tmp_path / "out" / "python" / "from_config"
    settings = (package / "_settings.py").read_text()
    assert '"CONFIG_KEY"' in settings and '"SPEC_URL"' in settings  # client's variables one by one
    resource = (package / "resources" / "spec_things.py").read_text()  # the spec's resource stays
    assert "def list(" in resource and "def all(" not in resource
    assert (tmp_path / "openapi.yaml").read_text() == yaml.safe_dump(spec, sort_keys=False)  # never written


@pytest.mark.parametrize(
    ("config", "line", "pointer", "message"),
    [
        ("colour: blue\n", 1, "#/colour", "unknown setting 'colour'"),
        ("operations:\n  makeThingz: {method: x}\n", 2, "#/operations/makeThingz", "no operationId 'makeThingz'.*did you mean 'makeThing'"),
        ("operations:\n  PUT /things: {method: x}\n", 2, "#/operations/PUT ~1things", "the spec has no PUT /things"),
        ("operations:\n  listThings:\n    methd: all\n", 3, "#/operations/listThings/methd", "unknown setting 'methd'"),
        ("operations:\n  listThings: {method: a}\n  GET /things: {method: b}\n", 3, "#/operations/GET ~1things", "names the same operation as 'listThings'"),
        ("operations:\n  listThings: {resource: t, method: all}\n  makeThing:\n    resource: t\n    method: all\n", 5,
         "#/operations/makeThing/method", "POST /things is configured as t.all, which GET /things already is"),
        ("operations:\n  listThings: {pagination: {items: rows}}\n", 2, "#/operations/listThings/pagination", "pagination does not fit"),
        ("schemas:\n  Thing: {name: W}\n", 2, "#/schemas/Thing", "names no component schema.*#/components/schemas/Thing"),
        ("schemas:\n  '#/components/schemas/Thing':\n    nme: W\n", 3, "#/schemas/#~1components~1schemas~1Thing/nme", "unknown setting 'nme'"),
        ("targets: [python, cobol]\n", 1, "#/targets/1", "unknown target 'cobol'"),
        ("overlays: fixes.yaml\n", 1, "#/overlays", "must be a list of file paths"),
        ("skip-validation: yes please\n", 1, "#/skip-validation", "must be true or false"),
        ("regenerate: ''\n", 1, "#/regenerate", "must be a non-empty string"),
        ("- spec: openapi.yaml\n", 1, "#", "must be a mapping of settings"),
        ("spec: [openapi.yaml\n", 2, "", "invalid YAML"),
    ],
)
def test_a_bad_config_file_is_one_error_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, line: int, pointer: str, message: str
) -> None:
    project(tmp_path, config)
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "keep.txt").write_text("mine")
    error = one_error(run(tmp_path, monkeypatch))
    assert error.startswith(f"sdkgen: error: sdkgen.yaml:{line}: {pointer}"), error
    assert re.search(message, error), error
    assert files_under(tmp_path / "generated") == ["keep.txt"]


# ---- finding it, and the defaults -----------------------------------------------------------------


def test_found_beside_the_spec_in_the_working_folder_or_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beside = project(tmp_path / "vendor", "package-name: beside\nout: ../out_beside\n")
    assert run(tmp_path, monkeypatch, "--spec", "vendor/openapi.yaml").exit_code == 0
    assert (tmp_path / "out_beside" / "python" / "beside").is_dir()  # paths relative to the config file
    (tmp_path / "other.yaml").write_text("spec: vendor/openapi.yaml\npackage-name: named\nout: out_named\n")
    assert run(tmp_path, monkeypatch, "--config", "other.yaml").exit_code == 0
    assert (tmp_path / "out_named" / "python" / "named").is_dir()
    (beside / "sdkgen.yaml").unlink()
    (tmp_path / "sdkgen.yaml").write_text("spec: vendor/openapi.yaml\npackage-name: here\n")
    assert run(tmp_path, monkeypatch).exit_code == 0
    assert (tmp_path / "generated" / "python" / "here").is_dir()


def test_a_working_folder_config_about_another_spec_is_not_applied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, "spec: openapi.yaml\npackage-name: first\noperations:\n  listThings: {method: all}\n")
    project(tmp_path / "second", None, {**SPEC, "paths": {}})
    result = run(tmp_path, monkeypatch, "--spec", "second/openapi.yaml", "--out", "out2")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out2" / "python" / "thing_store_api").is_dir() or not (tmp_path / "out2" / "python" / "first").exists()


def test_with_nothing_named_the_spec_is_openapi_yaml_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    error = one_error(run(tmp_path, monkeypatch))
    assert "no spec to read: pass --spec FILE" in error
    project(tmp_path, None)
    result = run(tmp_path, monkeypatch, "-q")
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "generated" / ".gitattributes").read_text().splitlines()[-1] == "* linguist-generated=true"


# ---- what it prints and what headers say ----------------------------------------------------------


def header(folder: Path) -> str:
    client = next(folder.rglob("_client.py"))
    return client.read_text().splitlines()[0]


def test_headers_name_the_command_that_was_run_or_the_configured_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, None)
    assert run(tmp_path, monkeypatch, "--out", "my sdk", "--spec", "openapi.yaml", "--check").exit_code == 1
    assert run(tmp_path, monkeypatch, "--out", "my sdk", "--spec", "openapi.yaml").exit_code == 0
    assert header(tmp_path / "my sdk").endswith("Do not edit: run `sdkgen generate --spec openapi.yaml --out 'my sdk'`.")
    stale = run(tmp_path, monkeypatch, "--out", "my sdk", "--check")  # another command: other headers
    assert stale.exit_code == 1
    assert "is stale" in stale.output and "run `sdkgen generate --out 'my sdk'`" in stale.output
    (tmp_path / "sdkgen.yaml").write_text("regenerate: make sdk\n")
    assert run(tmp_path, monkeypatch).exit_code == 0
    assert header(tmp_path / "generated").endswith("Do not edit: run `make sdk`.")
    java = run(tmp_path, monkeypatch, "--target", "java")
    assert java.exit_code == 0, java.output
    assert "run `make sdk`" in next((tmp_path / "generated").rglob("*.java")).read_text()


def test_warnings_are_sorted_by_file_and_line_and_quiet_hides_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = yaml.safe_load(yaml.safe_dump(SPEC))
    # Undeclared path parameters: each a warning, found in the spec's order of operations.
    spec["paths"] = {
        "/z/{b}": {"get": {"responses": {"204": {"description": "ok"}}}},
        "/a/{a}": {"get": {"responses": {"204": {"description": "ok"}}}},
    }
    project(tmp_path, None, spec)
    result = run(tmp_path, monkeypatch, "--skip-validation")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) >= 2
    lines = [int(re.match(r"warning: openapi.yaml:(\d+):", w).group(1)) for w in warnings]  # type: ignore[union-attr]
    assert lines == sorted(lines)
    quiet = run(tmp_path, monkeypatch, "-q", "--skip-validation")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_editing_the_config_file_changes_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, "operations:\n  listThings: {method: every}\n")
    assert run(tmp_path, monkeypatch).exit_code == 0
    first = (tmp_path / "generated" / "docs" / "index.md").read_text()
    (tmp_path / "sdkgen.yaml").write_text("operations:\n  listThings: {method: all}\n")
    assert run(tmp_path, monkeypatch, "--check").exit_code == 1
    assert run(tmp_path, monkeypatch).exit_code == 0
    second = (tmp_path / "generated" / "docs" / "index.md").read_text()
    assert "every" in first and "every" not in second and "all" in second
