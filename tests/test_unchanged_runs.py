"""A run with nothing to do is skipped (generator/output/unchanged.py), and only then: any change to an
input, to the output folder or to the entry itself makes the run do the whole work again."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from generator import cache as cache_module
from generator.pipeline import Options, Result, run

SPEC = """\
openapi: 3.1.0
info: {title: Parts, version: "1"}
paths:
  /parts/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "part.yaml"}}}}
"""
PART = "type: object\nproperties:\n  id: {type: string}\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    cache_module._key_at.cache_clear()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "openapi.yaml").write_text(SPEC)
    (tmp_path / "part.yaml").write_text(PART)
    yield tmp_path
    cache_module._key_at.cache_clear()


def generate(**given: object) -> Result:
    options = Options(Path("openapi.yaml"), Path("out"), **given)  # type: ignore[arg-type]
    return run(options)


def test_an_identical_run_is_skipped_with_the_same_warnings(folder: Path) -> None:
    first = generate()
    assert not first.skipped and first.changes.added
    second = generate()
    assert second.skipped and second.file_count == len(first.files)
    assert [str(w) for w in second.diagnostics.warnings] == [str(w) for w in first.diagnostics.warnings]
    assert generate(check=True).skipped  # --check agrees, reading only


@pytest.mark.parametrize(
    "change",
    ["edit a bundled file", "edit the spec", "edit an output file", "delete an output file", "another regenerate command",
     "forge the entry", "no cache"],
)
def test_any_change_means_the_whole_run(folder: Path, change: str) -> None:
    first = generate()
    client = next((folder / "out").rglob("_client.py"))
    given: dict[str, object] = {}
    if change == "edit a bundled file":
        (folder / "part.yaml").write_text(PART + "  name: {type: string}\n")
    elif change == "edit the spec":
        (folder / "openapi.yaml").write_text(SPEC.replace("Parts", "Pieces"))
    elif change == "edit an output file":
        client.write_text(client.read_text() + "# mine\n")
    elif change == "delete an output file":
        client.unlink()
    elif change == "another regenerate command":
        given["regenerate"] = "make sdk"
    elif change == "forge the entry":
        entry = next((folder / "cache" / "sdkgen" / "runs").iterdir())
        tag, body = entry.read_bytes().split(b"\n", 1)
        entry.write_bytes(b"0" * len(tag) + b"\n" + body)
    elif change == "no cache":
        given["use_cache"] = False
    second = generate(**given)
    assert not second.skipped
    if change in ("edit an output file", "delete an output file"):
        assert second.changes.modified or second.changes.added  # put back as generated
        assert "# mine" not in client.read_text()
    if change == "edit a bundled file":
        assert any("name" in module.read_text() for module in (folder / "out").rglob("types/_*.py"))
    assert len(first.files) > 0


def test_a_fifo_as_the_spec_is_not_read_by_the_shortcut(folder: Path) -> None:
    generate()
    os.unlink(folder / "openapi.yaml")
    os.mkfifo(folder / "openapi.yaml")
    with pytest.raises(Exception) as refused:
        generate()
    assert "not a regular file" in str(refused.value)
