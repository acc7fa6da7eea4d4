"""The normalised view (`generator/spec/normal.py`) and the promise it rests on.

The view gives every node the builders read one shape, and follows `$ref`s with no cycle guard of its
own: `spec/chains.py`, run at load even with `--skip-validation`, refuses every pure cycle (and every
ref that leads nowhere) a builder could follow. Checked here by hand-made cycles in every place a
builder follows refs, and by random graphs of refs: each spec is refused at load or built, never
looped on.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main as cli_main
from generator.errors import Diagnostics, SpecError
from generator.ir import model as ir
from generator.ir.build import build_api
from generator.spec.normal import normalise
from generator.spec.normal_schema import NOT_A_SCHEMA
from generator.spec.refs import open_spec


def _document(schemas: Dict[str, Any], **more: Any) -> Dict[str, Any]:
    get: Dict[str, Any] = {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Root"}}}}}}
    document: Dict[str, Any] = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {"/things": {"get": get}}}
    document["components"] = {"schemas": schemas}
    document.update(more)
    return document


def _open(tmp_path: Path, document: Dict[str, Any], name: str = "spec.json") -> Any:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return open_spec(path, name)


# ---- the view ---------------------------------------------------------------------------------


def test_schemas_read_in_one_shape(tmp_path: Path) -> None:
    spec = _open(tmp_path, _document({
        "Root": {
            "type": "object",
            "nullable": True,
            "required": ["a", 7],
            "properties": {
                "a": {"type": ["string", 5], "readOnly": True, "minLength": 1, "example": "x"},
                "b": 5,
                "c": True,
                "d": {"$ref": "#/components/schemas/Other"},
            },
            "additionalProperties": False,
            "description": "  ",
            "title": 12,
        },
        "Other": {"enum": "not a list", "allOf": {"not": "a list"}, "items": None, "format": 3},
    }))
    view = normalise(spec)
    root, other = view.components["Root"], view.components["Other"]
    assert root.types == ("object", "null") and root.nullable  # 3.0's nullable folded in
    assert root.required == ("a", "7") and root.additional is False
    assert root.description is None and root.title is None  # blank and non-text read as absent
    a, b, c, d = (root.properties[k] for k in "abcd")
    assert a.types == ("string",) and a.ptr == "#/components/schemas/Root/properties/a"
    assert (a.read_only, a.write_only, a.deprecated) == (True, False, False)
    assert a.constraints == {"minLength": 1} and a.examples == ("x",)
    assert b.malformed and not b.mapping and b.raw == {}  # a number: an empty schema, warned about
    assert not c.malformed and not c.mapping  # `true` is a schema
    assert d.ref == "#/components/schemas/Other" and view.resolve(d) is other
    assert other.enum is None and other.all_of == () and other.items is None and other.format is None


def test_a_schema_that_is_not_a_mapping_is_warned_about_where_it_was(tmp_path: Path) -> None:
    spec = _open(tmp_path, _document({"Root": {"type": "object", "properties": {"b": 5, "c": True}}}))
    diagnostics = Diagnostics()
    api = build_api(spec, diagnostics)
    root = api.definitions["#/components/schemas/Root"]
    assert isinstance(root, ir.ObjectDef) and [p.type for p in root.properties] == [ir.AnyType(), ir.AnyType()]
    assert [(w.message, w.place.pointer) for w in diagnostics.warnings] == [(NOT_A_SCHEMA, "#/components/schemas/Root/properties/b")]


def test_parameters_bodies_and_responses_are_followed_once(tmp_path: Path) -> None:
    shared = {"name": "limit", "in": "query", "schema": {"type": "integer"}}
    document = _document({"Root": {"type": "string"}})
    document["components"]["parameters"] = {"Limit": shared}
    document["paths"]["/things"]["parameters"] = [{"$ref": "#/components/parameters/Limit"}, {"name": 5, "in": "query"}]
    document["paths"]["/other"] = {"get": {"parameters": [{"$ref": "#/components/parameters/Limit"}], "responses": {200: {"description": "ok"}}}}
    view = normalise(_open(tmp_path, document))
    first, second = view.paths
    assert [p.name for p in first.parameters] == ["limit"]  # one with no string name is left out
    assert first.parameters[0] is second.operations[0].parameters[0]  # made once
    assert first.parameters[0].ptr == "#/components/parameters/Limit"
    assert second.operations[0].responses is not None and list(second.operations[0].responses) == ["200"]


# ---- no cycle reaches the builders ----------------------------------------------------------------


def _cycles() -> Iterator[Any]:
    """Specs with a pure cycle (or a ref to nothing) where a builder would follow it."""
    yield "schema refs", _document({"Root": {"$ref": "#/components/schemas/A"}, "A": {"$ref": "#/components/schemas/Root"}})
    yield "allOf", _document({"Root": {"allOf": [{"$ref": "#/components/schemas/A"}]}, "A": {"allOf": [{"$ref": "#/components/schemas/Root"}]}})
    # Refs into an `x-` extension: the bundler does not walk it, the builders read it.
    yield "inside an extension", _document(
        {"Root": {"$ref": "#/x-defs/A"}},
        **{"x-defs": {"A": {"type": "object", "properties": {"p": {"$ref": "#/x-defs/B"}}}, "B": {"$ref": "#/x-defs/C"}, "C": {"$ref": "#/x-defs/B"}}},
    )
    yield "to nothing, inside an extension", _document(
        {"Root": {"$ref": "#/x-defs/A"}}, **{"x-defs": {"A": {"type": "array", "items": {"$ref": "#/x-defs/Missing"}}}}
    )
    yield "in an example", _document(
        {"Root": {"$ref": "#/components/schemas/Ex/example"}, "Ex": {"example": {"$ref": "#/components/schemas/Ex/example"}}}
    )
    params = _document({"Root": {"type": "string"}})
    params["components"]["parameters"] = {"A": {"$ref": "#/components/parameters/B"}, "B": {"$ref": "#/components/parameters/A"}}
    params["paths"]["/things"]["get"]["parameters"] = [{"$ref": "#/components/parameters/A"}]
    yield "parameters", params
    responses = _document({"Root": {"type": "string"}})
    responses["components"]["responses"] = {"A": {"$ref": "#/components/responses/B"}, "B": {"$ref": "#/components/responses/A"}}
    responses["paths"]["/things"]["get"]["responses"] = {"200": {"$ref": "#/components/responses/A"}}
    yield "responses", responses
    bodies = _document({"Root": {"type": "string"}})
    bodies["components"]["requestBodies"] = {"A": {"$ref": "#/components/requestBodies/A"}}
    bodies["paths"]["/things"]["post"] = {"requestBody": {"$ref": "#/components/requestBodies/A"}, "responses": {"204": {"description": "no"}}}
    yield "request bodies", bodies
    items = _document({"Root": {"type": "string"}})
    items["components"]["pathItems"] = {"A": {"$ref": "#/components/pathItems/A"}}
    items["paths"]["/loop"] = {"$ref": "#/components/pathItems/A"}
    yield "path items", items
    schemes = _document({"Root": {"type": "string"}})
    schemes["components"]["securitySchemes"] = {"A": {"$ref": "#/components/securitySchemes/B"}, "B": {"$ref": "#/components/securitySchemes/A"}}
    yield "security schemes", schemes


@pytest.mark.parametrize("document", [d for _, d in _cycles()], ids=[name for name, _ in _cycles()])
def test_cycles_are_refused_at_load(tmp_path: Path, document: Dict[str, Any]) -> None:
    with pytest.raises(SpecError, match=r"cycle|does not resolve"):
        _open(tmp_path, document)


@pytest.mark.parametrize("document", [d for _, d in _cycles()][:4], ids=[name for name, _ in _cycles()][:4])
def test_the_command_line_refuses_them_with_skip_validation(tmp_path: Path, document: Dict[str, Any]) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(cli_main, ["generate", "--spec", str(spec), "--out", str(tmp_path / "out"), "--skip-validation", "--no-cache"])
    assert result.exit_code == 2, result.output  # a refusal, not a crash (3) nor a hang
    assert not (tmp_path / "out").exists()


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout()


_PLACES = ["#/components/schemas/S{}", "#/x-defs/D{}", "#/components/schemas/S{}/properties/p", "#/x-defs/D{}/items"]


@st.composite
def _ref_graphs(draw: Any) -> Dict[str, Any]:
    """Schemas in components and in an extension, each a ref, an allOf of refs, or an object or
    array holding a ref, pointing anywhere among them (their subschemas included)."""
    count = draw(st.integers(1, 5))
    targets = st.builds(lambda place, i: place.format(i), st.sampled_from(_PLACES), st.integers(0, count - 1))
    ref = targets.map(lambda t: {"$ref": t})
    shape = st.one_of(
        ref,
        st.lists(ref, min_size=1, max_size=3).map(lambda parts: {"allOf": parts}),
        ref.map(lambda r: {"type": "object", "properties": {"p": r}}),
        ref.map(lambda r: {"type": "array", "items": r}),
        st.just({"type": "object", "properties": {"p": {"type": "string"}}}),
    )
    schemas = {f"S{i}": draw(shape) for i in range(count)}
    schemas["Root"] = {"$ref": draw(targets)}
    return _document(schemas, **{"x-defs": {f"D{i}": draw(shape) for i in range(count)}})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True)
@given(document=_ref_graphs())
def test_random_ref_graphs_are_refused_or_built(tmp_path: Path, document: Dict[str, Any]) -> None:
    try:
        spec = _open(tmp_path, document)
    except SpecError:
        return  # refused at load: the builders never see it
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(10)
    try:
        build_api(spec, Diagnostics())  # may refuse an alias cycle (a SpecError), never loop
    except SpecError:
        pass
    except _Timeout:
        pytest.fail("the builders looped on a spec chains.py let through: " + json.dumps(document))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

