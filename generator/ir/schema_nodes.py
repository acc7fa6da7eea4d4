"""The small helpers every schema builder uses: unions and null, what an object collects, and how
inline types are named from their place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import model as ir
from ..spec.normal_schema import Schema
from ..spec.pointers import split_pointer
from .naming import name_of, pascal, words

SCALARS = (str, int, float, bool)  # the enum and const values a Literal can hold (float aside)


def is_component(ptr: str) -> bool:
    tokens = split_pointer(ptr)
    return len(tokens) == 3 and tokens[:2] == ["components", "schemas"]


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


def type_words(text: str) -> str:
    """Spec text (a key, a title) as the words of a type name, run together in PascalCase: hints for
    the names of what is nested inside are made by running more words on."""
    return pascal(text) or "Model"


def hint_of(name: ir.Name) -> str:
    """A definition's name as a hint for what is nested inside it."""
    return name.spelling if name.spelling is not None else pascal(" ".join(name.words))


def hint_names(hints: list[str]) -> tuple[ir.Name, ...]:
    return tuple(dict.fromkeys(name_of(h) for h in hints))


def place_hint(ptr: str) -> list[str]:
    """The name an inline schema's place in a component spells (`CreateThreadRequestToolResources...`):
    its last candidate, which tells apart two inline types whose hints agree where a number would."""
    tokens = split_pointer(ptr)
    if len(tokens) < 4 or tokens[:2] != ["components", "schemas"]:
        return []
    kept = [tokens[2]] + [t for t in tokens[3:] if t not in ("properties", "items", "allOf", "oneOf", "anyOf", "additionalProperties") and not t.isdigit()]
    return [pascal(" ".join(kept))] if len(kept) > 1 else []


def in_context(context: str, name: str) -> str:
    """`name` after `context`, without saying shared words twice: ("SessionTracing",
    "TracingConfiguration") -> "SessionTracingConfiguration"."""
    before, after = words(context), words(name)
    for size in range(min(len(before), len(after)), 0, -1):
        if [w.lower() for w in before[-size:]] == [w.lower() for w in after[:size]]:
            return context + pascal(" ".join(after[size:]))
    return context + name


@dataclass
class Collected:
    """What an object schema is made of, its allOf parts included."""

    props: dict[str, Schema]  # wire name -> schema
    required: set[str]
    extra: Schema | bool | None  # the last additionalProperties met


# The keywords that give a schema a type; a schema with none of them only constrains.
_TYPING_KEYS = {"$ref", "type", "properties", "items", "enum", "const", "oneOf", "anyOf", "allOf", "additionalProperties"}


def constraint_only(variant: Schema) -> bool:
    """`oneOf: [{required: [a]}, {required: [b]}]` constrains an object; it adds no types."""
    return variant.mapping and not (variant.raw.keys() & _TYPING_KEYS)
