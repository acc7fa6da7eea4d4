"""Specs split over many files: bundling (`generator/spec/refs.py`) and where messages point.

The golden case `tests/fixtures/specs/multifile_petstore.yaml` (files in its subfolder) checks the SDK
made from a split spec byte for byte; these tests check the bundled document itself, that every
diagnostic names the file a node is really in (validation errors, IR warnings, ref problems, with
lines), and that bundling does not depend on the order in which refs are met.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Dict, List

import pytest
from click.testing import CliRunner

from generator.cli import main as cli_main
from generator.errors import SpecError
from generator.spec.refs import open_spec
from generator.spec.walk import walk_refs
from generator.spec.document import Spec

ROOT = Path(__file__).resolve().parent.parent
PETSTORE = ROOT / "tests" / "fixtures" / "specs" / "multifile_petstore.yaml"
PARTS = "tests/fixtures/specs/multifile_petstore"
MULTIFILE = ROOT / "tests" / "fixtures" / "multifile"


@pytest.fixture(scope="module")
def petstore() -> Spec:
    return open_spec(PETSTORE, "tests/fixtures/specs/multifile_petstore.yaml")


def _line(path: Path, needle: str) -> int:
    """The 1-based line of the first line of `path` containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_bundled_document_is_one_local_document(petstore: Spec) -> None:
    document = petstore.document
    schemas = document["components"]["schemas"]
    assert sorted(schemas) == ["Color", "Error", "Error2", "Pet", "PetList", "Tag", "owner"]
    # The root's own Error kept its name; common.yaml's Error (a different schema) became Error2.
    assert schemas["Error"]["required"] == ["message"]
    assert schemas["Error2"]["required"] == ["code", "message"]
    # components.schemas.Pet was only a $ref to pet.yaml: it is now pet.yaml's content.
    assert schemas["Pet"]["description"] == "A pet in the store."
    assert sorted(document["components"]["parameters"]) == ["Limit", "PetId"]
    assert sorted(document["components"]["responses"]) == ["Error", "Problem"]
    # Path items are inlined; a path file's own `components` only served its refs.
    pets = document["paths"]["/pets"]
    assert "$ref" not in pets and "components" not in pets and set(pets) == {"get", "post"}
    for holder_ptr, holder, _ in walk_refs(document):
        ref = holder["$ref"]
        assert ref.startswith("#/"), f"{holder_ptr}: {ref}"
        petstore.node_at(ref)  # resolves


def test_each_external_target_is_bundled_once(petstore: Spec) -> None:
    from_pet_yaml = [ptr for ptr, origin in petstore.origins.items() if origin[0] == f"{PARTS}/schemas/pet.yaml"]
    assert from_pet_yaml == ["#/components/schemas/Pet"]
    refs = [holder["$ref"] for _, holder, _ in walk_refs(petstore.document)]
    assert refs.count("#/components/schemas/Pet") == 6  # every ref to pet.yaml (from four files, itself included)
    assert refs.count("#/components/responses/Error") == 2


def test_places_name_the_file_the_node_is_in(petstore: Spec) -> None:
    common_json = ROOT / PARTS / "schemas" / "common.json"
    place = petstore.place("#/components/schemas/Tag/properties/color")
    assert (place.file, place.pointer) == (f"{PARTS}/schemas/common.json", "#/Tag/properties/color")
    assert place.line == _line(common_json, '"color": {"$ref"')
    # Through a $ref: the parameter is written in common.yaml.
    place = petstore.place("#/paths/~1pets/get/parameters/0/schema/maximum")
    common = ROOT / PARTS / "common.yaml"
    assert (place.file, place.pointer) == (f"{PARTS}/common.yaml", "#/components/parameters/Limit/schema/maximum")
    assert place.line == _line(common, "maximum: 100")
    # An inlined path item.
    place = petstore.place("#/paths/~1pets~1{petId}/get/summary")
    assert (place.file, place.pointer) == (f"{PARTS}/paths/pet.yaml", "#/get/summary")
    assert place.line == _line(ROOT / PARTS / "paths" / "pet.yaml", "summary: One pet.")
    # The root document's own nodes.
    place = petstore.place("#/paths/~1owners~1{ownerId}/get/operationId")
    assert place.file == "tests/fixtures/specs/multifile_petstore.yaml"
    assert place.line == _line(PETSTORE, "operationId: getOwner")


def _invoke(tmp_path: Path, spec: Path, *options: str) -> Any:
    return CliRunner().invoke(
        cli_main, ["generate", "--spec", str(spec.relative_to(ROOT)), "--out", str(tmp_path / "out"), *options]
    )


def test_validation_errors_and_warnings_name_other_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    spec = MULTIFILE / "located" / "spec.yaml"
    thing = "tests/fixtures/multifile/located/schemas/thing.yaml"
    session = "tests/fixtures/multifile/located/parameters/session.yaml"
    strict = _invoke(tmp_path, spec)
    assert strict.exit_code == 2
    assert strict.stderr.startswith(
        f'sdkgen: error: {thing}:8: #/properties/size/minimum: "zero" is not of type "number"'
    ), strict.stderr
    lenient = _invoke(tmp_path, spec, "--skip-validation")
    assert lenient.exit_code == 0, lenient.output
    warnings = lenient.stderr.splitlines()
    assert f"warning: {session}:2: #: cookie parameter 'session' is not supported; send it with extra_headers" in warnings
    assert any(w.startswith(f"warning: {thing}:8: #/properties/size/minimum: spec validation:") for w in warnings)
    assert "2 warning(s)" in lenient.stdout


def test_ref_problems_in_other_files_name_their_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = _invoke(tmp_path, MULTIFILE / "bad_refs" / "spec.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    holder = "tests/fixtures/multifile/bad_refs/sub/holder.yaml"
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"sdkgen: error: {holder}:4: #/properties/missing/$ref: "
        "$ref '#/definitions/Nope' does not resolve: nothing at #/definitions/Nope"
    )
    assert f"{holder}:6: #/properties/remote/$ref: $ref 'https://example.com/remote.yaml' points to a URL; sdkgen reads no network resources" in lines
    assert any(line.startswith(f"{holder}:8: #/properties/escaping/$ref: $ref '../../located/schemas/thing.yaml' points outside the spec's folder") for line in lines)
    assert any(
        # A file with nothing to point at in it: the ref that names it is the place.
        line.startswith("tests/fixtures/multifile/bad_refs/sub/deeper/more.yaml:4: ")
        and line.endswith("names tests/fixtures/multifile/bad_refs/sub/deeper/not_there.yaml: no such file")
        for line in lines
    ), lines
    assert lines[-1] == "4 problems with $refs"
    assert not (tmp_path / "out").exists()


def test_alias_cycle_across_files_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = _invoke(tmp_path, MULTIFILE / "alias_cycle" / "spec.yaml")
    assert result.exit_code == 2
    folder = "tests/fixtures/multifile/alias_cycle"
    assert result.stderr.strip() == (
        f"sdkgen: error: {folder}/a.yaml:1: #: a $ref cycle with no object in it: "
        f"{folder}/a.yaml# -> {folder}/b.yaml# -> {folder}/a.yaml#"
    )


def test_openapi_30_split_spec_generates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = _invoke(tmp_path, MULTIFILE / "openapi30" / "spec.yaml")
    assert result.exit_code == 0, result.output
    models = "".join(p.read_text() for p in sorted((tmp_path / "out" / "python" / "thirty" / "types").glob("*.py")))
    assert "class Widget(BaseModel):" in models and "note: Optional[str] = None" in models


# ---- determinism ----------------------------------------------------------------------------------


def _write_split(folder: Path, order: List[str]) -> Path:
    """A root that uses three files in the given order; two of them define a schema named Error."""
    folder.mkdir(parents=True)
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    for name in ("a", "b"):
        (folder / name / "errors.yaml").write_text(
            "components:\n  schemas:\n    Error:\n      type: object\n      properties:\n"
            f"        from_{name}: {{type: string}}\n",
            encoding="utf-8",
        )
    (folder / "shared.yaml").write_text("type: object\nproperties:\n  id: {type: string}\n", encoding="utf-8")
    refs = {
        "a": "a/errors.yaml#/components/schemas/Error",
        "b": "b/errors.yaml#/components/schemas/Error",
        "shared": "shared.yaml",
    }
    paths = "".join(
        f"  /{key}:\n    get:\n      operationId: get_{key}\n      responses:\n        \"200\":\n"
        f"          description: ok\n          content:\n            application/json:\n"
        f"              schema:\n                $ref: {refs[key]}\n"
        for key in order
    )
    root = folder / "spec.yaml"
    root.write_text(
        'openapi: 3.1.0\ninfo: {title: Order, version: "1"}\npaths:\n' + paths
        + "components:\n  schemas:\n    Error:\n      type: string\n",
        encoding="utf-8",
    )
    return root


def _names(spec: Spec) -> Dict[str, str]:
    """Each bundled component, by the file and pointer it came from."""
    return {f"{origin[0].split('/', 1)[1]}{origin[2]}": ptr for ptr, origin in sorted(spec.origins.items())}


def test_bundling_does_not_depend_on_the_order_refs_are_met(tmp_path: Path) -> None:
    first = open_spec(_write_split(tmp_path / "one", ["a", "b", "shared"]), "one/spec.yaml")
    second = open_spec(_write_split(tmp_path / "two", ["shared", "b", "a"]), "two/spec.yaml")
    assert _names(first) == _names(second) == {
        "a/errors.yaml#/components/schemas/Error": "#/components/schemas/Error2",
        "b/errors.yaml#/components/schemas/Error": "#/components/schemas/Error3",
        "shared.yaml#": "#/components/schemas/shared",
    }
    dump = lambda spec: json.dumps(spec.document["components"], sort_keys=True)  # noqa: E731
    assert dump(first) == dump(second)


def test_refs_inside_a_file_resolve_relative_to_it(tmp_path: Path) -> None:
    """`../x.yaml` in a/b/c.yaml is a/x.yaml; `#/...` in a file is that file's pointer, not the root's."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "x.yaml").write_text("type: object\nproperties:\n  x: {type: integer}\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "c.yaml").write_text(
        "C:\n  type: object\n  properties:\n    x: {$ref: ../x.yaml}\n    d: {$ref: '#/D'}\nD:\n  type: string\n",
        encoding="utf-8",
    )
    root = tmp_path / "spec.yaml"
    root.write_text(
        'openapi: 3.1.0\ninfo: {title: Rel, version: "1"}\npaths: {}\n'
        "components:\n  schemas:\n    C: {$ref: 'a/b/c.yaml#/C'}\n    D: {type: integer}\n",
        encoding="utf-8",
    )
    spec = open_spec(root, "spec.yaml")
    schemas = spec.document["components"]["schemas"]
    assert schemas["C"]["properties"]["x"] == {"$ref": "#/components/schemas/x"}
    assert schemas["C"]["properties"]["d"] == {"$ref": "#/components/schemas/D2"}  # c.yaml's D, not the root's
    assert schemas["D2"] == {"type": "string"} and schemas["D"] == {"type": "integer"}


def test_a_missing_pointer_in_another_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text('{"Pet": {"type": "object"}}', encoding="utf-8")
    root = tmp_path / "spec.yaml"
    root.write_text(
        'openapi: 3.1.0\ninfo: {title: Missing, version: "1"}\npaths: {}\n'
        "components:\n  schemas:\n    Cat: {$ref: 'other.json#/Cat'}\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as raised:
        open_spec(root, "spec.yaml")
    assert str(raised.value) == (
        "spec.yaml:6: #/components/schemas/Cat/$ref: $ref 'other.json#/Cat' does not resolve: nothing at #/Cat in other.json"
    )


def test_the_golden_split_spec_copies_cleanly(tmp_path: Path) -> None:
    """Bundling reads files relative to the spec wherever it is: a copy elsewhere bundles the same."""
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / PARTS, copy / "multifile_petstore")
    shutil.copy(PETSTORE, copy / "multifile_petstore.yaml")
    original = open_spec(PETSTORE, "x.yaml").document
    copied = open_spec(copy / "multifile_petstore.yaml", "x.yaml").document
    assert json.dumps(original, sort_keys=True) == json.dumps(copied, sort_keys=True)
