"""Spec shapes whose size grows with n, for the cost tests (tests/test_cost.py) and for profiling.

Each builder returns a small OpenAPI document (a dict) of size about linear in n that once made some
stage of sdkgen do far more than linear work: an allOf diamond, a wide oneOf, a huge enum, many
properties, many identical titles or operationIds, a long `$ref` chain, deep nesting.
"""

from __future__ import annotations

from typing import Any, Callable, Dict

Spec = Dict[str, Any]
INFO = {"title": "Cost", "version": "1"}


def _ref(name: str) -> Dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _document(schemas: Dict[str, Any], paths: Dict[str, Any] | None = None) -> Spec:
    if paths is None:  # one operation that reaches every schema named "Root"
        paths = {
            "/root": {
                "post": {
                    "operationId": "root",
                    "requestBody": {"content": {"application/json": {"schema": _ref("Root")}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": _ref("Root")}}}},
                }
            }
        }
    return {"openapi": "3.1.0", "info": INFO, "paths": paths, "components": {"schemas": schemas}}


def all_of_diamond(n: int) -> Spec:
    """n levels, two schemas each, every one allOf both of the level below: 2^n paths to the base
    (whose two properties every level's model has)."""
    schemas: Dict[str, Any] = {
        "L0a": {"type": "object", "properties": {"a": {"type": "string"}}},
        "L0b": {"type": "object", "properties": {"b": {"type": "integer"}}},
    }
    for level in range(1, n + 1):
        for side in "ab":
            schemas[f"L{level}{side}"] = {"allOf": [_ref(f"L{level - 1}a"), _ref(f"L{level - 1}b")]}
    schemas["Root"] = _ref(f"L{n}a")
    return _document(schemas)


def all_of_diamond_plain(n: int) -> Spec:
    """The same diamond over two strings: no part is an object, so every path is walked to learn it."""
    schemas: Dict[str, Any] = {"L0a": {"type": "string"}, "L0b": {"type": "string", "maxLength": 9}}
    for level in range(1, n + 1):
        for side in "ab":
            schemas[f"L{level}{side}"] = {"allOf": [_ref(f"L{level - 1}a"), _ref(f"L{level - 1}b")]}
    schemas["Root"] = {"type": "object", "properties": {"top": _ref(f"L{n}a")}}
    return _document(schemas)


def wide_one_of(n: int) -> Spec:
    schemas: Dict[str, Any] = {
        f"V{i}": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": f"v{i}"}, "x": {"type": "string"}}}
        for i in range(n)
    }
    schemas["Root"] = {"oneOf": [_ref(f"V{i}") for i in range(n)], "discriminator": {"propertyName": "kind"}}
    return _document(schemas)


def huge_enum(n: int) -> Spec:
    return _document({"Root": {"type": "object", "properties": {"e": {"enum": [f"value_{i}" for i in range(n)]}}}, "E": {"enum": list(range(n))}})


def many_properties(n: int) -> Spec:
    return _document({"Root": {"type": "object", "required": [f"p{i}" for i in range(0, n, 2)], "properties": {f"p{i}": {"type": "string"} for i in range(n)}}})


def same_titles(n: int) -> Spec:
    """n inline objects with one title: every one claims the same type name."""
    props = {f"p{i}": {"title": "Same", "type": "object", "properties": {"x": {"type": "string"}}} for i in range(n)}
    return _document({"Root": {"type": "object", "properties": props}})


def same_operation_ids(n: int) -> Spec:
    paths = {
        f"/things/{i}": {"get": {"operationId": "getThing", "responses": {"200": {"description": "ok"}}}}
        for i in range(n)
    }
    return _document({}, paths)


def ref_chain(n: int) -> Spec:
    schemas: Dict[str, Any] = {f"A{i}": _ref(f"A{i + 1}") for i in range(n)}
    schemas[f"A{n}"] = {"type": "object", "properties": {"x": {"type": "string"}}}
    schemas["Root"] = _ref("A0")
    return _document(schemas)


def deep_nesting(n: int) -> Spec:
    """Objects nested n deep (n stays under the 200-level cap: each level is 2 YAML levels)."""
    node: Dict[str, Any] = {"type": "string"}
    for _ in range(n):
        node = {"type": "object", "properties": {"x": node}}
    return _document({"Root": node})


def many_path_parameters(n: int) -> Spec:
    """One path with n template variables, every one declared, and n more that are not."""
    names = [f"p{i}" for i in range(2 * n)]
    path = "/items/" + "/".join("{" + name + "}" for name in names)
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}} for name in names[:n]]
    return _document({}, {path: {"get": {"operationId": "getItem", "parameters": parameters, "responses": {"204": {"description": "ok"}}}}})


def maps_beside_operations(n: int) -> Spec:
    """n objects with properties and typed additionalProperties, and n operations (each object is
    checked against every request body)."""
    schemas = {
        f"M{i}": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer"}}
        for i in range(n)
    }
    paths = {
        f"/m/{i}": {"get": {"operationId": f"getM{i}", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": _ref(f"M{i}")}}}}}}
        for i in range(n)
    }
    return _document(schemas, paths)


FAMILIES: Dict[str, Callable[[int], Spec]] = {
    "allOf diamond": all_of_diamond,
    "allOf diamond, no object": all_of_diamond_plain,
    "wide oneOf": wide_one_of,
    "huge enum": huge_enum,
    "many properties": many_properties,
    "same titles": same_titles,
    "same operationIds": same_operation_ids,
    "$ref chain": ref_chain,
    "deep nesting": deep_nesting,
    "many path parameters": many_path_parameters,
    "maps beside operations": maps_beside_operations,
}
