"""IR building: small inline specs -> the IR the Python target and the docs read."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from generator.ir import model as ir
from generator.ir.build import build_api
from generator.errors import Diagnostics
from generator.targets.python.lower import default_fits, lower
from generator.targets.python.naming import name_api
from generator.spec.refs import open_spec

S = "#/components/schemas/"


def build(tmp_path: Path, schemas: Dict[str, Any], paths: Dict[str, Any] | None = None, version: str = "3.1.0") -> Tuple[ir.Api, List[str]]:
    document = {
        "openapi": version,
        "info": {"title": "T", "version": "1"},
        "paths": paths or {},
        "components": {"schemas": schemas},
    }
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(document))
    diagnostics = Diagnostics()
    api = build_api(open_spec(spec_file, "spec.json"), diagnostics)
    return api, [f"{w.place.pointer}: {w.message}" for w in diagnostics.warnings]


def prop(api: ir.Api, schema: str, name: str) -> ir.Property:
    definition = api.definitions[S + schema]
    assert isinstance(definition, ir.ObjectDef)
    return next(p for p in definition.properties if p.wire_name == name)


def ref(name: str) -> Dict[str, str]:
    return {"$ref": S + name}


def _json(schema: Dict[str, Any]) -> Dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


STRING, INTEGER, NULL = ir.Primitive("string"), ir.Primitive("integer"), ir.NullType()


def optional(expr: ir.TypeExpr) -> ir.UnionType:
    return ir.UnionType((expr, NULL))


# ---- nullability ----------------------------------------------------------------------------------


def test_openapi_30_nullable_forms(tmp_path: Path) -> None:
    api, warnings = build(
        tmp_path,
        {
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
            "NullableObject": {"type": "object", "nullable": True, "properties": {"a": {"type": "string"}}},
            "Pet": {
                "type": "object",
                "required": ["nick"],
                "properties": {
                    "nick": {"type": "string", "nullable": True},
                    "owner": {"nullable": True, "allOf": [ref("Owner")]},
                    "prediction": {"nullable": True, "oneOf": [ref("Owner")]},
                    "other": ref("NullableObject"),
                    "tags": {"type": "array", "nullable": True, "items": {"type": "string"}},
                    "mood": {"type": "string", "nullable": True, "enum": ["a", "b"]},
                },
            },
        },
        version="3.0.3",
    )
    assert warnings == []
    nick = prop(api, "Pet", "nick")
    assert nick.required and nick.type == optional(STRING)  # required and nullable stay apart
    assert prop(api, "Pet", "owner").type == optional(ir.DefRef(S + "Owner"))  # no copy of Owner
    assert prop(api, "Pet", "prediction").type == optional(ir.DefRef(S + "Owner"))  # not "null only"
    assert prop(api, "Pet", "other").type == optional(ir.DefRef(S + "NullableObject"))
    assert prop(api, "Pet", "tags").type == optional(ir.ArrayType(STRING))
    assert prop(api, "Pet", "mood").type == optional(ir.LiteralType(("a", "b")))
    assert not any(n.startswith("PetOwner") for n in name_api(api).models.values())


def test_openapi_31_type_lists_null_and_const(tmp_path: Path) -> None:
    api, _ = build(
        tmp_path,
        {
            "S": {
                "type": "object",
                "properties": {
                    "label": {"type": ["string", "null"]},
                    "either": {"type": ["string", "integer"]},
                    "nothing": {"type": "null"},
                    "kind": {"const": "shape"},
                    "flag": {"const": True},
                    "none": {"const": None},
                    "odd": {"enum": ["", "a-b", "a_b", "a-b", None]},
                },
            },
            "E": {"type": ["string", "null"], "enum": ["x", "y", None]},
        },
    )
    assert prop(api, "S", "label").type == optional(STRING)
    assert prop(api, "S", "either").type == ir.UnionType((STRING, INTEGER))
    assert prop(api, "S", "nothing").type == NULL
    assert prop(api, "S", "kind").type == ir.LiteralType(("shape",))
    assert prop(api, "S", "flag").type == ir.LiteralType((True,))
    assert prop(api, "S", "none").type == NULL
    assert prop(api, "S", "odd").type == optional(ir.LiteralType(("", "a-b", "a_b")))  # repeats dropped
    enum = api.definitions[S + "E"]
    assert isinstance(enum, ir.EnumDef) and enum.values == ("x", "y") and enum.nullable


# ---- objects --------------------------------------------------------------------------------------


def test_maps_free_form_and_closed_objects(tmp_path: Path) -> None:
    api, _ = build(
        tmp_path,
        {
            "Point": {"type": "object", "additionalProperties": False, "properties": {"x": {"type": "number"}}},
            "Empty": {"type": "object", "additionalProperties": False},
            "Free": {"type": "object"},
            "Points": {"type": "object", "additionalProperties": ref("Point")},
            "Grid": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
        },
    )
    point = api.definitions[S + "Point"]
    assert isinstance(point, ir.ObjectDef) and point.additional is None
    assert isinstance(api.definitions[S + "Empty"], ir.ObjectDef)
    free = api.definitions[S + "Free"]
    assert isinstance(free, ir.AliasDef) and free.target == ir.MapType(ir.AnyType())
    points = api.definitions[S + "Points"]
    assert isinstance(points, ir.AliasDef) and points.target == ir.MapType(ir.DefRef(S + "Point"))
    grid = api.definitions[S + "Grid"]
    assert isinstance(grid, ir.AliasDef) and grid.target == ir.ArrayType(ir.ArrayType(INTEGER))


def test_all_of_merges_properties_and_required(tmp_path: Path) -> None:
    api, _ = build(
        tmp_path,
        {
            "A": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "n": {"type": "integer"}}},
            "B": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
            "C": {"allOf": [ref("A"), ref("B"), {"required": ["n"], "properties": {"id": {"type": "integer"}}}]},
            "Alias": {"allOf": [ref("A")], "description": "A, described again"},
        },
    )
    merged = api.definitions[S + "C"]
    assert isinstance(merged, ir.ObjectDef)
    assert [(p.wire_name, p.required) for p in merged.properties] == [("id", True), ("n", True), ("name", True)]
    assert prop(api, "C", "id").type == INTEGER  # the later part wins
    alias = api.definitions[S + "Alias"]
    assert isinstance(alias, ir.AliasDef) and alias.target == ir.DefRef(S + "A")


def test_read_only_write_only_deprecated_and_defaults(tmp_path: Path) -> None:
    api, _ = build(
        tmp_path,
        {
            "Level": {"type": "integer", "enum": [1, 2], "default": 1},
            "T": {
                "type": "object",
                "deprecated": True,
                "properties": {
                    "id": {"type": "string", "readOnly": True},
                    "secret": {"type": "string", "writeOnly": True},
                    "old": {"type": "string", "deprecated": True},
                    "level": ref("Level"),
                    "ratio": {"type": "number", "default": 0.5},
                },
            },
        },
        {"/t": {"post": {"operationId": "create", "requestBody": _json(ref("T")), "responses": {"204": {"description": "d"}}}}},
    )
    assert api.definitions[S + "T"].deprecated
    assert prop(api, "T", "id").read_only and prop(api, "T", "secret").write_only and prop(api, "T", "old").deprecated
    assert prop(api, "T", "level").default == 1  # through the $ref
    view = lower(api)
    model = next(m for m in view.models if m.name == "T")
    assert [f.name for f in model.fields] == ["id", "old", "level", "ratio"]  # writeOnly is not returned
    assert {f.name: f.default for f in model.fields}["ratio"] == "0.5"
    params = next(t for t in view.typed_dicts if t.name == "TCreateParams")
    assert [k.name for k in params.keys] == ["secret", "old", "level", "ratio"]  # readOnly is not sent


@pytest.mark.parametrize(
    "value, expr, fits",
    [
        ("a", ir.LiteralType(("a", "b")), True),
        ("c", ir.LiteralType(("a", "b")), False),
        (["auto"], ir.LiteralType(("auto",)), False),
        (None, optional(STRING), True),
        (None, STRING, False),
        (1, ir.Primitive("number"), True),
        (True, INTEGER, False),
        ("2024-01-01", ir.Primitive("string", "date"), False),
        (float("inf"), ir.Primitive("number"), False),
        (ir.MISSING, STRING, False),
    ],
)
def test_default_fits(value: object, expr: ir.TypeExpr, fits: bool) -> None:
    assert default_fits(value, expr, {}) is fits


# ---- unions ---------------------------------------------------------------------------------------


def test_discriminator_implicit_mapping_narrows_tags(tmp_path: Path) -> None:
    api, _ = build(
        tmp_path,
        {
            "Shape": {"oneOf": [ref("circle"), ref("Sq")], "discriminator": {"propertyName": "kind", "mapping": {"square": S + "Sq"}}},
            "circle": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
            "Sq": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
            "Plain": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        },
    )
    shape = api.definitions[S + "Shape"]
    assert isinstance(shape, ir.AliasDef) and isinstance(shape.target, ir.UnionType)
    assert shape.target.discriminator == ir.Discriminator("kind", (("square", S + "Sq"), ("circle", S + "circle")))
    assert prop(api, "circle", "kind").type == ir.LiteralType(("circle",))
    assert prop(api, "Sq", "kind").type == ir.LiteralType(("square",))
    plain = api.definitions[S + "Plain"]
    assert isinstance(plain, ir.AliasDef) and plain.target == ir.UnionType((STRING, INTEGER))


def test_recursion_is_references(tmp_path: Path) -> None:
    api, _ = build(
        tmp_path,
        {
            "Node": {"type": "object", "properties": {"children": {"type": "array", "items": ref("Node")}}},
            "A": {"type": "object", "properties": {"b": ref("B")}},
            "B": {"type": "object", "properties": {"a": ref("A")}},
        },
    )
    assert prop(api, "Node", "children").type == ir.ArrayType(ir.DefRef(S + "Node"))
    assert prop(api, "A", "b").type == ir.DefRef(S + "B") and prop(api, "B", "a").type == ir.DefRef(S + "A")


# ---- operations -----------------------------------------------------------------------------------


def test_stream_switch_and_responses(tmp_path: Path) -> None:
    body = {"type": "object", "properties": {"prompt": {"type": "string"}, "stream": {"type": ["boolean", "null"]}}}
    both = {
        "content": {
            "application/json": {"schema": {"type": "object", "properties": {"text": {"type": "string"}}}},
            "text/event-stream": {"schema": {"type": "object", "properties": {"delta": {"type": "string"}}}},
        },
        "description": "d",
    }
    api, warnings = build(
        tmp_path,
        {},
        {
            "/c": {"post": {"operationId": "create", "requestBody": _json(body), "responses": {"200": both}}},
            "/r": {"get": {"operationId": "report", "responses": {"200": both}}},
            "/t": {
                "put": {
                    "operationId": "touch",
                    "responses": {"200": {"description": "d", **_json({"type": "string"})}, "204": {"description": "none"}},
                }
            },
            "/h": {"get": {"operationId": "health", "responses": {"default": {"description": "d", **_json({"type": "boolean"})}}}},
        },
    )
    ops = {op.operation_id: op for op in api.operations}
    create = ops["create"]
    assert create.response.kind == "json" and create.stream_response is not None
    assert create.stream_response.kind == "stream" and create.stream_switch == ir.StreamSwitch("stream", True)
    assert ops["report"].stream_response is None and ops["report"].stream_switch is None
    assert warnings == [
        "#/paths/~1r/get/responses/200: a text/event-stream response, but no body field asks for it (a boolean "
        "`stream`, or a `stream...` field with the value 'sse'): the method returns the application/json response"
    ]
    assert ops["touch"].response.type == optional(STRING)  # 200 or a bodiless 204
    assert ops["health"].response.type == ir.Primitive("boolean") and ops["health"].error_responses == []


def test_operations_without_ids_and_path_level_parameters(tmp_path: Path) -> None:
    shared = [{"name": "org", "in": "path", "required": True, "schema": {"type": "string"}}, {"name": "v", "in": "query", "schema": {"type": "boolean"}}]
    api, _ = build(
        tmp_path,
        {},
        {
            "/orgs/{org}": {
                "parameters": shared,
                "get": {"responses": {"204": {"description": "d"}}},
                "delete": {"parameters": [{"name": "v", "in": "query", "required": True, "schema": {"type": "boolean"}}], "responses": {"204": {"description": "d"}}},
            }
        },
    )
    ops = {op.http_method: op for op in api.operations}
    names = name_api(api)
    # No operationId: the conventional names of an item's methods.
    assert ops["get"].operation_id is None and names.methods[ops["get"].id] == "retrieve"
    assert names.methods[ops["delete"].id] == "delete"
    assert [(p.wire_name, p.location, p.required) for p in ops["get"].parameters] == [("org", "path", True), ("v", "query", False)]
    assert [(p.wire_name, p.required) for p in ops["delete"].parameters] == [("org", True), ("v", True)]
    assert set(names.params_types.values()) == {"OrgRetrieveParams", "OrgDeleteParams"}


# ---- names ----------------------------------------------------------------------------------------


def test_names_are_unique_valid_and_independent_of_spec_order(tmp_path: Path) -> None:
    schemas: Dict[str, Any] = {
        "tracing-config": {"title": "Tracing Configuration", "type": "object", "properties": {"a": {"type": "string"}}},
        "TracingConfig": {"title": "Tracing Configuration", "type": "object", "properties": {"b": {"type": "string"}}},
        "Client": {"type": "object", "properties": {"x": {"type": "string"}}},
        "class": {"type": "object", "properties": {"x": {"type": "string"}}},
        "str": {"type": "string"},
        "1st": {"type": "object", "properties": {"x": {"type": "string"}}},
    }
    api, _ = build(tmp_path, schemas)
    names = name_api(api).models
    assert len(set(names.values())) == len(names)
    assert all(n.isidentifier() and n not in ("Client", "str", "class") for n in names.values())
    assert names[S + "TracingConfig"] == "TracingConfig"  # an exact match beats a cased one
    keys = list(schemas)
    for seed in range(3):
        random.Random(seed).shuffle(keys)
        shuffled, _ = build(tmp_path, {k: schemas[k] for k in keys})
        assert name_api(shuffled).models == names


def test_a_top_level_resource_never_takes_a_client_attribute(tmp_path: Path) -> None:
    # `client.max_event_bytes` is the client's option: a resource of that name would hide it.
    tags = ["close", "max_event_bytes", "max_response_bytes", "secret_headers", "with_options"]
    paths = {
        f"/{tag}": {"get": {"operationId": f"get_{tag}", "tags": [tag], "responses": {"204": {"description": "none"}}}}
        for tag in tags
    }
    api, _ = build(tmp_path, {}, paths)
    assert sorted(name_api(api).attributes.values()) == [f"{tag}_" for tag in tags]
