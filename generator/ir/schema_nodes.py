"""Facts about schema nodes and the small helpers every schema builder uses: the types a node allows,
null, unions, constraints, examples, and how inline types are named from their place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from . import model as ir
from ..spec.pointers import split_pointer
from .naming import name_of, pascal, words

COMPONENTS = "#/components/schemas"
SCALARS = (str, int, float, bool)
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


def is_component(ptr: str) -> bool:
    tokens = split_pointer(ptr)
    return len(tokens) == 3 and tokens[:2] == ["components", "schemas"]


def types_of(node: dict[str, Any]) -> list[str]:
    """The schema's `type` as a list, with 3.0's `nullable` folded in.

    `nullable: true` with no `type` (beside `allOf`/`oneOf`/`$ref`) adds nothing here: it does not
    make the schema "null only"; `allows_null` reports it.
    """
    raw = node.get("type")
    types = [raw] if isinstance(raw, str) else [t for t in raw if isinstance(t, str)] if isinstance(raw, list) else []
    if node.get("nullable") is True and types and "null" not in types:
        types.append("null")
    return types


def allows_null(node: Any) -> bool:
    """Whether the schema admits null by its `type` (a `"null"` in the list) or 3.0's `nullable`."""
    return isinstance(node, dict) and (node.get("nullable") is True or "null" in types_of(node))


def union(variants: Iterable[ir.TypeExpr], discriminator: ir.Discriminator | None = None) -> ir.TypeExpr:
    """A union, flattened and without repeats; one variant is just that variant."""
    found: dict[ir.TypeExpr, None] = {}  # IR types are frozen dataclasses: hashable, compared by value
    for variant in variants:
        parts = variant.variants if isinstance(variant, ir.UnionType) and variant.discriminator is None else (variant,)
        for part in parts:
            found.setdefault(part, None)
    flat = list(found)
    if any(isinstance(v, ir.AnyType) for v in flat):
        return ir.AnyType()
    if len(flat) == 1:
        return flat[0]
    return ir.UnionType(tuple(flat), discriminator)


def nullable(expr: ir.TypeExpr) -> ir.TypeExpr:
    return union([expr, ir.NullType()])


def constraints_of(node: Any) -> dict[str, object]:
    if not isinstance(node, dict):
        return {}
    return {key: node[key] for key in CONSTRAINT_KEYS if key in node and not isinstance(node[key], (dict, list))}


def examples_of(node: Any) -> list[object]:
    if not isinstance(node, dict):
        return []
    found: list[object] = []
    if "example" in node:
        found.append(node["example"])
    examples = node.get("examples")
    if isinstance(examples, list):
        found.extend(examples)
    return found


def type_words(text: str) -> str:
    """Spec text (a key, a title) as the words of a type name, run together in PascalCase: hints for
    the names of what is nested inside are made by running more words on."""
    return pascal(text) or "Model"


def hint_of(name: ir.Name) -> str:
    """A definition's name as a hint for what is nested inside it."""
    return name.spelling if name.spelling is not None else pascal(" ".join(name.words))


def hint_names(hints: list[str]) -> tuple[ir.Name, ...]:
    return tuple(dict.fromkeys(name_of(h) for h in hints))


def in_context(context: str, name: str) -> str:
    """`name` after `context`, without saying shared words twice: ("SessionTracing",
    "TracingConfiguration") -> "SessionTracingConfiguration"."""
    before, after = words(context), words(name)
    for size in range(min(len(before), len(after)), 0, -1):
        if [w.lower() for w in before[-size:]] == [w.lower() for w in after[:size]]:
            return context + pascal(" ".join(after[size:]))
    return context + name


def text_of(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    return value if isinstance(value, str) and value.strip() else None


@dataclass
class Collected:
    """What an object schema is made of, its allOf parts included."""

    props: dict[str, tuple[Any, str]]  # wire name -> (schema, pointer)
    required: set[str]
    extra: tuple[Any, str] | None  # the last additionalProperties met, and its pointer


def constraint_only(variant: Any) -> bool:
    """`oneOf: [{required: [a]}, {required: [b]}]` constrains an object; it adds no types."""
    return isinstance(variant, dict) and not (
        set(variant) & {"$ref", "type", "properties", "items", "enum", "const", "oneOf", "anyOf", "allOf", "additionalProperties"}
    )
