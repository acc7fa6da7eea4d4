"""A Schema Object in the shape the IR builders read: every keyword they use has one type.

`type` is a tuple of strings with 3.0's `nullable: true` folded in, the subschemas are `Schema`s,
`required` is a tuple of strings, text is a non-blank string or None, and a keyword written with a
shape no valid spec has reads as absent. A `$ref` stays a reference (`ref`, the pointer it names):
the IR keeps refs to components as references, which is what makes recursion free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from .pointers import join_pointer, ref_pointer

# The warning for a schema written as something other than a mapping or a boolean.
NOT_A_SCHEMA = "a schema must be an object; treated as any value"
CONSTRAINT_KEYS = (
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "format",
)
_NOTHING: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Discriminator:
    property_name: str
    mapping: tuple[tuple[str, str], ...]  # (value, target as written), for the string targets


@dataclass(frozen=True, slots=True, eq=False)
class Schema:
    """One schema, at `ptr` (where it is written). Keywords whose values are data of any type
    (`const`, `default`, `x-sdkgen`, `contentMediaType`) are read from `raw`, as are the keys written."""

    ptr: str
    raw: Mapping[str, Any] = field(default_factory=lambda: _NOTHING)  # the mapping as written; empty for anything else
    mapping: bool = False  # written as a mapping (else a boolean, null, or `malformed`)
    malformed: bool = False  # neither a mapping nor a boolean: read as {} (the builder warns, NOT_A_SCHEMA)
    ref: str | None = None  # the pointer a string `$ref` names
    types: tuple[str, ...] = ()  # `type` as a list; with 3.0's nullable, "null" added to a given type
    nullable: bool = False  # admits null: "null" in `type`, or 3.0's `nullable: true` (even with no type)
    title: str | None = None
    description: str | None = None
    format: str | None = None
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    properties: Mapping[str, Schema] = field(default_factory=lambda: _NOTHING)
    required: tuple[str, ...] = ()
    additional: Schema | bool | None = None  # additionalProperties; None when absent (or null)
    items: Schema | None = None  # None when absent (or null)
    prefix_items: tuple[Schema, ...] | None = None
    all_of: tuple[Schema, ...] = ()
    one_of: tuple[Schema, ...] = ()
    any_of: tuple[Schema, ...] = ()
    enum: tuple[object, ...] | None = None  # None when not a list
    discriminator: Discriminator | None = None
    constraints: Mapping[str, object] = field(default_factory=lambda: _NOTHING)  # the scalar values of CONSTRAINT_KEYS
    examples: tuple[object, ...] = ()  # `example`, then a list of `examples`


def text(node: Mapping[str, Any], key: str) -> str | None:
    """A text field: a string with something in it, else None."""
    value = node.get(key)
    return value if isinstance(value, str) and value.strip() else None


def examples_in(node: Mapping[str, Any]) -> tuple[object, ...]:
    """`example`, then the entries of an `examples` list (a schema's, 3.1)."""
    found: list[object] = [node["example"]] if "example" in node else []
    listed = node.get("examples")
    if isinstance(listed, list):
        found.extend(listed)
    return tuple(found)


class SchemaReader:
    """Makes each schema's `Schema` once, by pointer: a subschema reached again (through a `$ref` to
    it, say) is the same object."""

    def __init__(self) -> None:
        self.made: dict[str, Schema] = {}

    def schema(self, node: Any, ptr: str) -> Schema:
        known = self.made.get(ptr)
        if known is not None:
            return known
        if isinstance(node, dict):
            made = self._mapping(node, ptr)
        else:
            made = Schema(ptr, malformed=not (node is None or isinstance(node, bool)))
        self.made[ptr] = made
        return made

    def slot(self, node: Any, ptr: str) -> Schema | None:
        """A subschema that may be left out: None when absent or null."""
        return None if node is None else self.schema(node, ptr)

    def _list(self, node: dict[str, Any], ptr: str, key: str) -> tuple[Schema, ...] | None:
        entries = node.get(key)
        if not isinstance(entries, list):
            return None
        return tuple(self.schema(entry, join_pointer(ptr, key, index)) for index, entry in enumerate(entries))

    def _mapping(self, node: dict[str, Any], ptr: str) -> Schema:
        written = node.get("type")
        types = [written] if isinstance(written, str) else [t for t in written if isinstance(t, str)] if isinstance(written, list) else []
        null_flag = node.get("nullable") is True
        if null_flag and types and "null" not in types:
            types.append("null")  # 3.0: `nullable` with no `type` (beside a $ref, allOf...) makes no type
        ref = node.get("$ref")
        props = node.get("properties")
        extra = node.get("additionalProperties")
        fmt = node.get("format")
        enum = node.get("enum")
        required = node.get("required")
        return Schema(
            ptr,
            raw=node,
            mapping=True,
            ref=ref_pointer(ref) if isinstance(ref, str) else None,
            types=tuple(types),
            nullable=null_flag or "null" in types,
            title=text(node, "title"),
            description=text(node, "description"),
            format=fmt if isinstance(fmt, str) else None,
            deprecated=node.get("deprecated") is True,
            read_only=node.get("readOnly") is True,
            write_only=node.get("writeOnly") is True,
            properties=(
                {str(name): self.schema(value, join_pointer(ptr, "properties", str(name))) for name, value in props.items()}
                if isinstance(props, dict)
                else _NOTHING
            ),
            required=tuple(str(name) for name in required) if isinstance(required, list) else (),
            # true, false or a schema, all valid
            additional=extra if extra is None or isinstance(extra, bool) else self.schema(extra, join_pointer(ptr, "additionalProperties")),
            items=self.slot(node.get("items"), join_pointer(ptr, "items")),
            prefix_items=self._list(node, ptr, "prefixItems"),
            all_of=self._list(node, ptr, "allOf") or (),
            one_of=self._list(node, ptr, "oneOf") or (),
            any_of=self._list(node, ptr, "anyOf") or (),
            enum=tuple(enum) if isinstance(enum, list) else None,
            discriminator=_discriminator(node.get("discriminator")),
            constraints={key: node[key] for key in CONSTRAINT_KEYS if key in node and not isinstance(node[key], (dict, list))},
            examples=examples_in(node),
        )


def _discriminator(node: Any) -> Discriminator | None:
    if not isinstance(node, dict) or not isinstance(node.get("propertyName"), str):
        return None
    written = node.get("mapping")
    pairs = [(str(value), target) for value, target in written.items() if isinstance(target, str)] if isinstance(written, dict) else []
    return Discriminator(node["propertyName"], tuple(pairs))


__all__ = ["CONSTRAINT_KEYS", "NOT_A_SCHEMA", "Discriminator", "Schema", "SchemaReader", "examples_in", "text"]
