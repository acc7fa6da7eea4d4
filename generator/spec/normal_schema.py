"""A Schema Object in the shape the IR builders read: every keyword they use has one type.

`type` is a tuple of strings with 3.0's `nullable: true` folded in, the subschemas are `Schema`s,
`required` is a tuple of strings, text is a non-blank string or None, and a keyword written with a
shape no valid spec has reads as absent. A `$ref` stays a reference (`ref`, the pointer it names):
the IR keeps refs to components as references, which is what makes recursion free.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

from .pointers import escape_token, ref_pointer

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
_CONSTRAINT_SET = frozenset(CONSTRAINT_KEYS)
_NOTHING: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Discriminator:
    property_name: str
    mapping: tuple[tuple[str, str], ...]  # (value, target as written), for the string targets


class Schema(NamedTuple):
    """One schema, at `ptr` (where it is written). Keywords whose values are data of any type
    (`const`, `default`, `x-sdkgen`, `contentMediaType`) are read from `raw`, as are the keys written.

    A NamedTuple rather than a frozen dataclass: as immutable and as typed, and made several times
    faster (a spec has tens of thousands of schemas). Never compared: each is one node, by pointer."""

    ptr: str
    raw: Mapping[str, Any] = _NOTHING  # the mapping as written; empty for anything else
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
    properties: Mapping[str, Schema] = _NOTHING
    required: tuple[str, ...] = ()
    additional: Schema | bool | None = None  # additionalProperties; None when absent (or null)
    items: Schema | None = None  # None when absent (or null)
    prefix_items: tuple[Schema, ...] | None = None
    all_of: tuple[Schema, ...] = ()
    one_of: tuple[Schema, ...] = ()
    any_of: tuple[Schema, ...] = ()
    enum: tuple[object, ...] | None = None  # None when not a list
    discriminator: Discriminator | None = None
    constraints: Mapping[str, object] = _NOTHING  # the scalar values of CONSTRAINT_KEYS
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

    def _list(self, entries: Any, ptr: str) -> tuple[Schema, ...] | None:
        """A list of subschemas (`allOf`, `prefixItems`...) at `ptr`; None when not a list."""
        if not isinstance(entries, list):
            return None
        return tuple(self.schema(entry, f"{ptr}/{index}") for index, entry in enumerate(entries))

    def _mapping(self, node: dict[str, Any], ptr: str) -> Schema:
        # This runs once for every schema of the spec (tens of thousands in a large one): the keys
        # most schemas lack are looked at only when present, pointers are joined by hand (the fixed
        # tokens need no escaping), and the Schema is made with positional arguments.
        get = node.get
        written = get("type")
        types = [written] if isinstance(written, str) else [t for t in written if isinstance(t, str)] if isinstance(written, list) else []
        null_flag = get("nullable") is True
        if null_flag and types and "null" not in types:
            types.append("null")  # 3.0: `nullable` with no `type` (beside a $ref, allOf...) makes no type
        ref, fmt, title, description = get("$ref"), get("format"), get("title"), get("description")
        properties: Mapping[str, Schema] = _NOTHING
        props = get("properties")
        if isinstance(props, dict):
            inside = ptr + "/properties/"
            properties = {str(name): self.schema(value, inside + escape_token(str(name))) for name, value in props.items()}
        extra = get("additionalProperties")
        if extra is not None and not isinstance(extra, bool):  # true, false or a schema, all valid
            extra = self.schema(extra, ptr + "/additionalProperties")
        items, enum, required = get("items"), get("enum"), get("required")
        keys = node.keys()
        return Schema(
            ptr,
            node,  # raw
            True,  # mapping
            False,  # malformed
            ref_pointer(ref) if isinstance(ref, str) else None,  # ref
            tuple(types),  # types
            null_flag or "null" in types,  # nullable
            title if isinstance(title, str) and title.strip() else None,  # title
            description if isinstance(description, str) and description.strip() else None,  # description
            fmt if isinstance(fmt, str) else None,  # format
            get("deprecated") is True,  # deprecated
            get("readOnly") is True,  # read_only
            get("writeOnly") is True,  # write_only
            properties,  # properties
            tuple(str(name) for name in required) if isinstance(required, list) else (),  # required
            extra,  # additional
            None if items is None else self.schema(items, ptr + "/items"),  # items
            self._list(get("prefixItems"), ptr + "/prefixItems") if "prefixItems" in keys else None,  # prefix_items
            (self._list(get("allOf"), ptr + "/allOf") or ()) if "allOf" in keys else (),  # all_of
            (self._list(get("oneOf"), ptr + "/oneOf") or ()) if "oneOf" in keys else (),  # one_of
            (self._list(get("anyOf"), ptr + "/anyOf") or ()) if "anyOf" in keys else (),  # any_of
            tuple(enum) if isinstance(enum, list) else None,  # enum
            _discriminator(get("discriminator")) if "discriminator" in keys else None,  # discriminator
            _constraints(node) if keys & _CONSTRAINT_SET else _NOTHING,  # constraints
            examples_in(node) if "example" in keys or "examples" in keys else (),  # examples
        )


def _constraints(node: dict[str, Any]) -> Mapping[str, object]:
    """The scalar values of CONSTRAINT_KEYS, in that order."""
    return {key: node[key] for key in CONSTRAINT_KEYS if key in node and not isinstance(node[key], (dict, list))}


def _discriminator(node: Any) -> Discriminator | None:
    if not isinstance(node, dict) or not isinstance(node.get("propertyName"), str):
        return None
    written = node.get("mapping")
    pairs = [(str(value), target) for value, target in written.items() if isinstance(target, str)] if isinstance(written, dict) else []
    return Discriminator(node["propertyName"], tuple(pairs))


__all__ = ["CONSTRAINT_KEYS", "NOT_A_SCHEMA", "Discriminator", "Schema", "SchemaReader", "examples_in", "text"]
