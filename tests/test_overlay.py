"""OpenAPI Overlays (`--overlay FILE`, `generator/spec/overlay.py`, `overlay_apply.py`).

What an overlay's actions do to the bundled document (update, remove, append, order), that a
malformed overlay is one error at its file, line and pointer, that a target matching nothing is a
warning at its place, and that every message about the patched spec names the file and line the text
came from: the overlay for what an update wrote, the spec (or the other file of a split spec) for the
rest, even where a removal moved list items.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any, List

import pytest
from click.testing import CliRunner

from generator.cli import main as cli_main
from generator.errors import Diagnostics, Place, SpecError
from generator.spec.refs import open_spec
from generator.spec.document import Spec
from generator.spec.validate import _digest

ROOT = Path(__file__).resolve().parent.parent
PETSTORE = ROOT / "tests" / "fixtures" / "specs" / "multifile_petstore.yaml"

SPEC = """\
openapi: 3.1.0
info:
  title: Tiny
  version: 1.0.0
tags:
  - name: items
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - name: a
          in: query
          schema: {type: string}
        - name: dummy
          in: query
          schema: {type: string}
        - name: c
          in: query
          schema: {type: integer}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Item"
components:
  schemas:
    Item:
      type: object
      properties:
        id: {type: string}
"""

HEAD = "overlay: 1.0.0\ninfo:\n  title: Test\n  version: 1.0.0\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _open(tmp_path: Path, *overlays: str, spec: str = SPEC) -> tuple[Spec, List[Any], list[Path]]:
    spec_path = _write(tmp_path, "spec.yaml", spec)
    paths = [_write(tmp_path, f"o{i}.yaml", text) for i, text in enumerate(overlays, 1)]
    warnings: List[Any] = []
    opened = open_spec(spec_path, "spec.yaml", tuple((p, p.name) for p in paths), lambda m, p: warnings.append((m, p)))
    return opened, warnings, paths


def test_update_merges_recursively_and_keeps_what_it_does_not_name(tmp_path: Path) -> None:
    spec, warnings, (overlay,) = _open(tmp_path, HEAD + textwrap.dedent("""\
        actions:
          - target: $.info
            update:
              description: Added by the overlay.
              title: Renamed
          - target: $.components.schemas.Item
            update:
              properties:
                name: {type: string}
              required: [id]
        """))
    assert warnings == []
    assert spec.document["info"] == {"title": "Renamed", "version": "1.0.0", "description": "Added by the overlay."}
    item = spec.document["components"]["schemas"]["Item"]
    assert item["properties"] == {"id": {"type": "string"}, "name": {"type": "string"}}
    assert item["required"] == ["id"]
    # Where each node now is written: the overlay for what it wrote, the spec for the rest.
    place = spec.place("#/components/schemas/Item/properties/name/type")
    assert (place.file, place.line) == ("o1.yaml", _line(overlay, "name: {type: string}"))
    assert place.pointer == "#/actions/1/update/properties/name/type"
    place = spec.place("#/info/title")
    assert (place.file, place.pointer, place.line) == ("o1.yaml", "#/actions/0/update/title", _line(overlay, "title: Renamed"))
    place = spec.place("#/info/version")
    assert (place.file, place.line) == ("spec.yaml", 4)


def test_remove_keeps_the_places_of_the_items_it_moved(tmp_path: Path) -> None:
    spec, _, _ = _open(tmp_path, HEAD + textwrap.dedent("""\
        actions:
          - target: $.paths['/items'].get.parameters[?@.name == 'dummy']
            remove: true
          - target: $.components.schemas.Item.properties.id
            remove: true
        """))
    parameters = spec.document["paths"]["/items"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == ["a", "c"]
    assert spec.document["components"]["schemas"]["Item"]["properties"] == {}
    # `c` is item 1 now, and still written at line 20 of the spec, as item 2.
    place = spec.place("#/paths/~1items/get/parameters/1/schema/type")
    assert (place.file, place.pointer, place.line) == ("spec.yaml", "#/paths/~1items/get/parameters/2/schema/type", 20)
    place = spec.place("#/paths/~1items/get/parameters/0/name")
    assert (place.file, place.line) == ("spec.yaml", 12)


def test_update_of_a_list_appends_and_a_list_update_concatenates(tmp_path: Path) -> None:
    spec, _, (overlay,) = _open(tmp_path, HEAD + textwrap.dedent("""\
        actions:
          - target: $.tags
            update:
              name: added
          - target: $.paths['/items'].get.parameters
            update:
              - {name: first, in: query, schema: {type: string}}
              - {name: second, in: query, schema: {type: string}}
          - target: $.paths['/items'].get
            update:
              tags: [items]
              parameters:
                - {name: third, in: query, schema: {type: string}}
        """))
    assert spec.document["tags"] == [{"name": "items"}, {"name": "added"}]
    names = [p["name"] for p in spec.document["paths"]["/items"]["get"]["parameters"]]
    assert names == ["a", "dummy", "c", "first", "second", "third"]
    assert spec.document["paths"]["/items"]["get"]["tags"] == ["items"]
    place = spec.place("#/paths/~1items/get/parameters/4/name")
    assert (place.file, place.line) == ("o1.yaml", _line(overlay, "name: second"))
    place = spec.place("#/tags/1")
    assert (place.file, place.pointer) == ("o1.yaml", "#/actions/0/update")


def test_a_target_that_selects_nothing_is_a_warning_at_its_place(tmp_path: Path) -> None:
    spec, warnings, (overlay,) = _open(tmp_path, HEAD + textwrap.dedent("""\
        actions:
          - target: $.info
            update: {x-ok: true}
          - target: $.paths.*.post
            update: {x-never: true}
        """))
    assert spec.document["info"]["x-ok"] is True
    assert warnings == [(
        "overlay target '$.paths.*.post' selects nothing in the spec",
        Place("o1.yaml", "#/actions/1/target", _line(overlay, "$.paths.*.post")),
    )]


def test_overlays_apply_in_order_each_to_what_the_last_left(tmp_path: Path) -> None:
    first = HEAD + "actions:\n  - target: $.info\n    update: {title: First, x-first: 1}\n"
    second = HEAD + textwrap.dedent("""\
        actions:
          - target: $[?@['x-first'] == 1]
            update: {x-seen: true}
          - target: $.info
            update: {title: Second}
        """)
    spec, warnings, _ = _open(tmp_path, first, second)
    # `$[?...]` filters the root's children: info has x-first, so it is selected.
    assert spec.document["info"]["x-seen"] is True
    assert spec.document["info"]["title"] == "Second"
    assert spec.place("#/info/title").file == "o2.yaml"
    assert spec.place("#/info/x-first").file == "o1.yaml"
    assert warnings == []
    spec, _, _ = _open(tmp_path, second, first)
    assert spec.document["info"]["title"] == "First"


def test_a_primitive_target_of_an_update_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        _open(tmp_path, HEAD + "actions:\n  - target: $.info.title\n    update: New\n")
    assert str(caught.value).startswith("o1.yaml:6: #/actions/0/target: the target selects a string (spec.yaml:3: #/info/title)")


def test_an_update_that_does_not_fit_the_node_it_merges_into_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        _open(tmp_path, HEAD + "actions:\n  - target: $.info\n    update:\n      title: {a: 1}\n")
    assert str(caught.value).startswith("o1.yaml:8: #/actions/0/update/title: `update` gives 'title' a mapping where the spec has a string (spec.yaml:3: #/info/title)")


BAD_OVERLAYS = [
    ("- a list\n", "o1.yaml:1: #: not an Overlay document: the top level is a list, not a mapping"),
    ("info: {title: t, version: v}\nactions: []\n", "o1.yaml:1: #: not an Overlay document: it has no `overlay` field (overlay: 1.0.0)"),
    ("openapi: 3.1.0\n", "o1.yaml:1: #: an OpenAPI document, not an overlay: it has no `overlay` field"),
    ("overlay: 2.0.0\n", "o1.yaml:1: #/overlay: Overlay 2.0.0 is not supported (sdkgen reads 1.0.x)"),
    ("overlay: 1.0\n", 'o1.yaml:1: #/overlay: `overlay` must be a string such as "1.0.0", not the float 1.0'),
    ("overlay: 1.0.0\nactions: [{target: $, update: {}}]\n", "o1.yaml:1: #: `info` (a mapping with `title` and `version`) is required"),
    ("overlay: 1.0.0\ninfo: {title: t}\nactions: [{target: $, update: {}}]\n", "o1.yaml:2: #/info: `version` is required"),
    (HEAD + "actions: {target: $}\n", "o1.yaml:5: #/actions: `actions` must be a list of at least one action, not a mapping"),
    (HEAD + "actions: []\n", "o1.yaml:5: #/actions: `actions` must be a list of at least one action (it is empty)"),
    (HEAD + "actions:\n  - update: {}\n", "o1.yaml:6: #/actions/0: `target` is required"),
    (HEAD + "actions:\n  - target: $.info\n", "o1.yaml:6: #/actions/0: an action needs `update` (a value to merge) or `remove: true`"),
    (HEAD + "actions:\n  - target: $.info\n    remove: true\n    update: {}\n", "o1.yaml:6: #/actions/0: an action has `update` or `remove: true`, not both"),
    (HEAD + "actions:\n  - target: $.info\n    remove: 'yes'\n", "o1.yaml:7: #/actions/0/remove: `remove` must be true or false, not a string"),
    (HEAD + "actions:\n  - target: $.paths[\n    remove: true\n", "o1.yaml:6: #/actions/0/target: `target` is not an RFC 9535 JSONPath query: "),
    (HEAD + "actions:\n  - target: paths\n    remove: true\n", "o1.yaml:6: #/actions/0/target: `target` is not an RFC 9535 JSONPath query: "),
    (HEAD + "actions:\n  - target: $.info\n    update: {}\n    copy: $.x\n", "o1.yaml:8: #/actions/0/copy: unknown key 'copy' in an action"),
    (HEAD + "extras: 1\nactions:\n  - target: $\n    update: {}\n", "o1.yaml:5: #/extras: unknown key 'extras' in the overlay"),
    (HEAD + "extends: 3\nactions:\n  - target: $\n    update: {}\n", "o1.yaml:5: #/extends: `extends` must be a string, not the int 3"),
    (HEAD + "actions:\n  - target: $\n    remove: true\n", "o1.yaml:6: #/actions/0/target: `remove` cannot remove the whole document"),
    ("overlay: 1.0.0\noverlay: 1.0.0\n", "o1.yaml:2: duplicate key"),
]


@pytest.mark.parametrize("text, expected", BAD_OVERLAYS, ids=[str(i) for i in range(len(BAD_OVERLAYS))])
def test_a_malformed_overlay_is_one_error_with_its_place(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(SpecError) as caught:
        _open(tmp_path, text)
    assert str(caught.value).startswith(expected), str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_update_may_bring_a_local_ref_and_must_not_bring_another(tmp_path: Path) -> None:
    spec, _, (overlay,) = _open(tmp_path, HEAD + textwrap.dedent("""\
        actions:
          - target: $.components.schemas
            update:
              Name:
                type: object
                properties:
                  item: {$ref: '#/components/schemas/Item'}
          - target: $.components.schemas.Item.properties
            update:
              name: {$ref: '#/components/schemas/Name'}
        """))
    assert spec.document["components"]["schemas"]["Item"]["properties"]["name"] == {"$ref": "#/components/schemas/Name"}
    # A ref the overlay wrote that leads nowhere is refused at its line in the overlay.
    dangling = HEAD + "actions:\n  - target: $.components.schemas.Item.properties\n    update:\n      name: {$ref: '#/components/schemas/Nope'}\n"
    with pytest.raises(SpecError) as caught:
        _open(tmp_path, dangling)
    assert str(caught.value).startswith(
        "o1.yaml:8: #/actions/0/update/name/$ref: $ref '#/components/schemas/Nope' does not resolve"), str(caught.value)
    elsewhere = HEAD + "actions:\n  - target: $.components.schemas.Item.properties\n    update:\n      name: {$ref: 'other.yaml'}\n"
    with pytest.raises(SpecError) as caught:
        _open(tmp_path, elsewhere)
    assert str(caught.value).startswith("o1.yaml:8: #/actions/0/update/name/$ref: $ref 'other.yaml' from an overlay names another file")


def test_a_removal_that_leaves_a_ref_dangling_is_refused_at_the_ref(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        _open(tmp_path, HEAD + "actions:\n  - target: $.components.schemas.Item\n    remove: true\n")
    assert str(caught.value).startswith("spec.yaml:27: #/paths/~1items/get/responses/200/content/application~1json/schema/$ref: ")


def test_overlays_reach_into_the_other_files_of_a_split_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    overlay = _write(tmp_path, "o.yaml", HEAD + textwrap.dedent("""\
        actions:
          - target: $.paths['/pets'].get
            update: {x-touched: true, summary: From the overlay.}
          - target: $.paths['/pets'].get.parameters[0]
            remove: true
        """))
    plain = open_spec(PETSTORE, "petstore.yaml")
    spec = open_spec(PETSTORE, "petstore.yaml", ((overlay, "o.yaml"),))
    get = spec.document["paths"]["/pets"]["get"]
    assert get["x-touched"] is True
    assert len(get["parameters"]) == len(plain.document["paths"]["/pets"]["get"]["parameters"]) - 1
    # The parameter that moved up is still named where the split spec wrote it.
    moved, before = spec.place("#/paths/~1pets/get/parameters/0"), plain.place("#/paths/~1pets/get/parameters/1")
    assert (moved.file, moved.pointer, moved.line) == (before.file, before.pointer, before.line)
    assert moved.file.endswith("paths/pets.yaml")
    assert spec.place("#/paths/~1pets/get/summary").file == "o.yaml"
    assert spec.place("#/paths/~1pets/get/operationId") == plain.place("#/paths/~1pets/get/operationId")


def test_applying_overlays_is_deterministic(tmp_path: Path) -> None:
    text = HEAD + textwrap.dedent("""\
        actions:
          - target: $..parameters[?@.in == 'query']
            update: {x-q: true}
          - target: $..[?@.name == 'dummy']
            remove: true
          - target: $.tags
            update: [{name: b}, {name: a}]
        """)
    runs = [_open(tmp_path, text)[0] for _ in range(3)]
    dumps = {json.dumps([r.document, sorted((k, v[0], v[2]) for k, v in r.origins.items())]) for r in runs}
    assert len(dumps) == 1


def _cli(tmp_path: Path, *args: str) -> Any:
    return CliRunner().invoke(cli_main, ["generate", "--spec", str(tmp_path / "spec.yaml"), "--out", str(tmp_path / "out"), *args])


def test_the_command_line_applies_overlays_and_names_their_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "spec.yaml", SPEC)
    good = _write(tmp_path, "good.yaml", HEAD + textwrap.dedent("""\
        actions:
          - target: $.components.schemas.Item.properties
            update:
              label: {type: string, description: A label from the overlay.}
          - target: $.paths.*.delete
            update: {x-no: true}
        """))
    result = _cli(tmp_path, "--overlay", "good.yaml")
    assert result.exit_code == 0, result.output
    assert f"warning: good.yaml:{_line(good, 'paths.*.delete')}: #/actions/1/target: overlay target" in result.stderr
    models = "".join(p.read_text() for p in (tmp_path / "out" / "python").rglob("*.py"))
    assert "A label from the overlay." in models
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    # A validation error in what the overlay wrote: its line in the overlay; nothing is written.
    bad = _write(tmp_path, "bad.yaml", HEAD + "actions:\n  - target: $.components.schemas.Item\n    update:\n      properties:\n        size: {type: strin}\n")
    result = _cli(tmp_path, "--overlay", "good.yaml", "--overlay", "bad.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith(f"sdkgen: error: bad.yaml:{_line(bad, 'strin')}: #/actions/0/update/properties/size/type: "), result.stderr
    # A malformed overlay: one line, exit 2, the output as it was.
    _write(tmp_path, "broken.yaml", "overlay: 1.0.0\ninfo: {title: t, version: v}\nactions:\n  - target: $.x\n")
    result = _cli(tmp_path, "--overlay", "broken.yaml")
    assert result.exit_code == 2
    assert result.stderr == "sdkgen: error: broken.yaml:4: #/actions/0: an action needs `update` (a value to merge) or `remove: true`\n"
    result = _cli(tmp_path, "--overlay", "missing.yaml")
    assert (result.exit_code, result.stderr) == (2, "sdkgen: error: missing.yaml: no such file\n")
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()} == before
    # Without the overlay the label is gone again (no cache hands back the patched output).
    result = _cli(tmp_path)
    assert result.exit_code == 0, result.output
    models = "".join(p.read_text() for p in (tmp_path / "out" / "python").rglob("*.py"))
    assert "A label from the overlay." not in models


def test_the_verdict_cache_key_follows_the_overlay_files(tmp_path: Path) -> None:
    remove = HEAD + "actions:\n  - target: $.tags\n    remove: true\n"
    first = _digest(_open(tmp_path, remove)[0])
    assert _digest(_open(tmp_path, "# a comment moves no node, but lines\n" + remove)[0]) != first
    assert _digest(_open(tmp_path, remove)[0]) == first
    assert _digest(_open(tmp_path)[0]) != first


def test_warnings_of_later_stages_name_the_overlay_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "spec.yaml", SPEC)
    overlay = _write(tmp_path, "cookie.yaml", HEAD + textwrap.dedent("""\
        actions:
          - target: $.paths['/items'].get.parameters
            update:
              name: session
              in: cookie
              schema: {type: string}
        """))
    result = _cli(tmp_path, "--overlay", "cookie.yaml")
    assert result.exit_code == 0, result.output
    line = _line(overlay, "name: session")
    assert f"warning: cookie.yaml:{line}: #/actions/0/update: cookie parameter 'session' is not supported" in result.stderr, result.stderr


def test_a_ref_to_a_text_that_an_overlay_brings_is_inlined_and_reported_at_its_line(tmp_path: Path) -> None:
    spec, _, (overlay,) = _open(tmp_path, HEAD + textwrap.dedent("""\
        actions:
          - target: $
            update:
              x-texts: {intro: From the overlay's texts.}
          - target: $.info
            update:
              description: {$ref: '#/x-texts/intro'}
        """))
    assert spec.document["info"]["description"] == "From the overlay's texts."
    [(place, message)] = spec.bent
    assert (place.file, place.pointer, place.line) == ("o1.yaml", "#/actions/1/update/description/$ref", _line(overlay, "$ref: '#/x-texts/intro'"))
    assert message.startswith("$ref '#/x-texts/intro' names a string where OpenAPI allows no $ref")


def test_no_cache_answers_for_an_overlay_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "spec.yaml", SPEC)
    body = HEAD + "actions:\n  - target: $.components.schemas.Item.properties\n    update:\n      size: {type: strin}\n"
    _write(tmp_path, "o.yaml", body)
    first = _cli(tmp_path, "--overlay", "o.yaml")
    assert first.exit_code == 2 and first.stderr.startswith("sdkgen: error: o.yaml:8: "), first.stderr
    # The same document with the overlay's lines moved: the verdict names the new line.
    _write(tmp_path, "o.yaml", "# moved\n" + body)
    moved = _cli(tmp_path, "--overlay", "o.yaml")
    assert moved.exit_code == 2 and moved.stderr.startswith("sdkgen: error: o.yaml:9: "), moved.stderr
    # Fixed in place: generates, and the output has the fixed field.
    _write(tmp_path, "o.yaml", body.replace("strin", "integer"))
    fixed = _cli(tmp_path, "--overlay", "o.yaml")
    assert fixed.exit_code == 0, fixed.output
    assert "size: Optional[int]" in "".join(p.read_text() for p in (tmp_path / "out" / "python").rglob("*.py"))


def test_a_config_files_overlays_apply_before_its_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "spec.yaml", SPEC)
    overlay = _write(tmp_path, "fixes.yaml", HEAD + textwrap.dedent("""\
        actions:
          - target: $.paths
            update:
              /items/{id}:
                get:
                  operationId: getItem
                  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                  responses: {"200": {description: OK}}
          - target: $.paths.*.post
            update: {x-no: true}
        """))
    # The config names the operation the overlay added.
    _write(tmp_path, "sdkgen.yaml", "spec: spec.yaml\nout: out\noverlays: [fixes.yaml]\noperations:\n  getItem: {resource: items, method: fetch}\n")
    result = CliRunner().invoke(cli_main, ["generate"])
    assert result.exit_code == 0, result.output
    assert f"fixes.yaml:{_line(overlay, 'paths.*.post')}: #/actions/1/target: overlay target" in result.stderr
    assert "def fetch(" in (tmp_path / "out" / "python" / "tiny" / "resources" / "items.py").read_text()
