"""Where the `$ref`s of a document are, and what kind of OpenAPI object each stands for.

The kind is read from the ref's place in the document (a schema, a parameter, a response, ...): it
decides which `components` section a ref to another file is bundled into, and whether it is followed
at all (refs inside examples, defaults, enums and `x-` extensions are data, not refs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .pointers import escape_token

# ---- where refs are, and what they stand for -------------------------------------------------------

# The OpenAPI object expected under each key of each kind of object. Keys not listed lead to "other"
# (refs there are still checked, and inlined when they name another file); LITERAL marks values that
# are data, where a `$ref` key is just data too (examples, defaults, enums, extensions).
LITERAL = "literal"
_OPERATION = {"parameters": "parameterList", "requestBody": "requestBody", "responses": "responses", "callbacks": "callbackMap"}
_PARAMETER = {"schema": "schema", "content": "content", "examples": "exampleMap", "example": LITERAL}
_SCHEMA_ONE = (
    "items additionalProperties not if then else contains propertyNames unevaluatedItems "
    "unevaluatedProperties additionalItems contentSchema"
).split()
_SCHEMA: dict[str, str] = {
    **{key: "schema" for key in _SCHEMA_ONE},
    **{key: "schemaList" for key in ("allOf", "anyOf", "oneOf", "prefixItems")},
    **{key: "schemaMap" for key in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")},
    **{key: LITERAL for key in ("example", "examples", "default", "enum", "const")},
}
_CHILDREN: dict[str, dict[str, str]] = {
    "document": {"paths": "paths", "webhooks": "pathItemMap", "components": "components"},
    "components": {
        "schemas": "schemaMap",
        "responses": "responseMap",
        "parameters": "parameterMap",
        "examples": "exampleMap",
        "requestBodies": "requestBodyMap",
        "headers": "headerMap",
        "securitySchemes": "securitySchemeMap",
        "links": "linkMap",
        "callbacks": "callbackMap",
        "pathItems": "pathItemMap",
    },
    "pathItem": {"parameters": "parameterList", **{m: "operation" for m in ("get", "put", "post", "delete", "options", "head", "patch", "trace")}},
    "operation": _OPERATION,
    "parameter": _PARAMETER,
    "header": _PARAMETER,
    "requestBody": {"content": "content"},
    "mediaType": {"schema": "schema", "examples": "exampleMap", "example": LITERAL, "encoding": "encodingMap"},
    "encoding": {"headers": "headerMap"},
    "response": {"content": "content", "headers": "headerMap", "links": "linkMap"},
    "example": {"value": LITERAL},
    "link": {"parameters": LITERAL, "requestBody": LITERAL},
    "schema": _SCHEMA,
}
# Maps and lists: every entry is of one kind.
_ENTRIES = {
    "paths": "pathItem",
    "pathItemMap": "pathItem",
    "parameterList": "parameter",
    "parameterMap": "parameter",
    "schemaList": "schema",
    "schemaMap": "schema",
    "responses": "response",
    "responseMap": "response",
    "exampleMap": "example",
    "requestBodyMap": "requestBody",
    "headerMap": "header",
    "securitySchemeMap": "securityScheme",
    "linkMap": "link",
    "callbackMap": "callback",
    "callback": "pathItem",
    "content": "mediaType",
    "encodingMap": "encoding",
}
# Kinds that a Reference Object may stand for, and the components section each is bundled into.
SECTIONS = {
    "schema": "schemas",
    "parameter": "parameters",
    "response": "responses",
    "requestBody": "requestBodies",
    "header": "headers",
    "example": "examples",
    "link": "links",
    "callback": "callbacks",
    "securityScheme": "securitySchemes",
}
# Refs of these kinds to another file are inlined where they are used.
INLINE_KINDS = ("pathItem", "other")


def children(current: Any, kind: str, here: str) -> list[tuple[Any, str, str]]:
    """The containers below a node, each with the kind of object it is and its pointer."""
    out: list[tuple[Any, str, str]] = []
    if isinstance(current, dict):
        keyed = _CHILDREN.get(kind, {})
        entry = _ENTRIES.get(kind)
        for key, value in current.items():
            if not isinstance(value, (dict, list)):
                continue
            text = key if isinstance(key, str) else str(key)
            child = entry or keyed.get(text, "other")
            if child == LITERAL or (entry is None and text.startswith("x-")):
                continue
            out.append((value, child, here + "/" + escape_token(text)))
    elif isinstance(current, list):
        entry = _ENTRIES.get(kind, "schema" if kind == "schema" else "other")
        for index, value in enumerate(current):
            if isinstance(value, (dict, list)):
                out.append((value, entry, f"{here}/{index}"))
    return out


def walk(node: Any, kind: str = "document", ptr: str = "#") -> Iterator[tuple[str, Any, str]]:
    """(pointer, node, kind) of every container the bundler reads, depth first, iteratively."""
    stack: list[tuple[Any, str, str]] = [(node, kind, ptr)]
    while stack:
        current, here_kind, here = stack.pop()
        yield here, current, here_kind
        stack.extend(reversed(children(current, here_kind, here)))


def ref_kind(node: Any, kind: str) -> str | None:
    """The kind of object a `$ref` in `node` stands for, or None when `node` holds no ref."""
    if kind in _ENTRIES or not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
        return None
    return kind if kind in SECTIONS or kind == "pathItem" else "other"


def walk_refs(node: Any, kind: str = "document", ptr: str = "#") -> Iterator[tuple[str, dict[str, Any], str]]:
    """(pointer of the object holding `$ref`, that object, the kind it stands for), depth first and
    iteratively, skipping data (examples, defaults, enums, `x-` extensions)."""
    for here, current, here_kind in walk(node, kind, ptr):
        stands_for = ref_kind(current, here_kind)
        if stands_for is not None:
            yield here, current, stands_for


@dataclass
class RootWalk:
    """What one walk found: the pointer of every container walked, the schemas with `allOf`, and the
    `$ref` holders with the kind each stands for. The walk of the root document is kept for every
    stage that would walk it again while its shape is unchanged (bundling, the refs to strings, the
    ref checks). Holders are kept as objects: a ref's spelling rewritten later is read where it is used."""

    walked: set[str] = field(default_factory=set)
    composed: list[str] = field(default_factory=list)
    refs: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)

    @classmethod
    def of(cls, node: Any, kind: str = "document", ptr: str = "#") -> RootWalk:
        found = cls()
        for here, node, kind in walk(node, kind, ptr):
            found.walked.add(here)
            if kind == "schema" and isinstance(node, dict) and isinstance(node.get("allOf"), list):
                found.composed.append(here)
            stands_for = ref_kind(node, kind)
            if stands_for is not None:
                found.refs.append((here, node, stands_for))
        return found

    def replaced(self, pointers: set[str]) -> None:
        """Holders that were replaced by what they named (a ref to a string: nothing below them)."""
        self.walked -= pointers
        self.refs = [ref for ref in self.refs if ref[0] not in pointers]


def schema_nodes(document: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, schema) for every Schema Object written in the document (refs not followed)."""
    for here, current, kind in walk(document):
        if kind == "schema" and isinstance(current, dict):
            yield here, current


__all__ = ["LITERAL", "SECTIONS", "INLINE_KINDS", "RootWalk", "children", "walk", "ref_kind", "walk_refs", "schema_nodes"]
