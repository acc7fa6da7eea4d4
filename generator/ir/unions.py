"""Enums and unions: their values, their variants and how they are named, discriminators."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import model as ir
from ..spec.pointers import join_pointer, split_pointer, ref_pointer
from .naming import pascal
from .objects import ObjectShapes
from ..spec.normal import COMPONENTS
from .schema_nodes import SCALARS, constraint_only, in_context, is_component, type_words, union
from ..spec.normal_schema import Schema


class UnionShapes(ObjectShapes):
    # ---- enums --------------------------------------------------------------------------------

    def _enum_values(self, node: Schema) -> tuple[Any, ...] | None:
        """The distinct values of an enum or const, or None when Python's Literal cannot hold them."""
        raw = (node.raw["const"],) if "const" in node.raw else node.enum
        if not raw:
            return None
        # Keyed by type too: `True == 1`, but an enum of both has two values.
        values: dict[tuple[type, Any], Any] = {}
        for value in raw:  # enum values are data: any JSON value is valid
            if value is not None and (not isinstance(value, SCALARS) or isinstance(value, float)):
                return None
            values.setdefault((type(value), value), value)
        return tuple(values.values())

    # ---- unions -------------------------------------------------------------------------------

    @staticmethod
    def _has_union(node: Schema) -> bool:
        return any(variants and not all(constraint_only(v) for v in variants) for variants in (node.one_of, node.any_of))

    def _union_type(self, node: Schema, hint: str) -> ir.TypeExpr:
        if node.properties:  # the object's fill warns that the union is left out
            return self._object_as_type(node, hint)
        variants = []
        branches = node.one_of or node.any_of
        # `anyOf: [{object}, {type: null}]` is an optional object: the object is named as the union is.
        alone = sum(1 for b in branches if b.types != ("null",)) == 1
        for index, variant in enumerate(branches):
            preferred, context = self._variant_names(variant, hint, index)
            if alone and preferred is None and context == f"{hint}Variant{index + 1}":
                preferred = hint
            variants.append(self.type_of(variant, context, preferred))
        discriminator = self._discriminator(node, variants)
        return union(variants, discriminator)

    @staticmethod
    def _variant_names(variant: Schema, hint: str, index: int) -> tuple[str | None, str]:
        """(preferred name, name in context) for an inline union variant.

        A titled variant prefers its title; should several claim it (a spec may have five inline
        "Tracing Configuration" objects), the others fall back to the title in its context rather
        than to a number. The context name also names what is nested inside the variant.
        """
        if variant.title:
            return type_words(variant.title), in_context(hint, type_words(variant.title))
        for prop in variant.properties.values():
            value = prop.raw.get("const", prop.enum[0] if prop.enum is not None and len(prop.enum) == 1 else None)
            if isinstance(value, str) and pascal(value):  # a tag's value may be of any type
                return None, hint + pascal(value)
        return None, f"{hint}Variant{index + 1}"

    def _discriminator(self, node: Schema, variants: list[ir.TypeExpr]) -> ir.Discriminator | None:
        """The union's discriminator, its mapping completed: a `$ref` variant that no mapping entry
        names is tagged with its schema's name (OpenAPI's implicit mapping)."""
        written = node.discriminator
        if written is None:
            return None
        mapping = [(value, ref_pointer(target) if "#" in target else join_pointer(COMPONENTS, target)) for value, target in written.mapping]
        named = {target for _, target in mapping}
        for variant in variants:
            if isinstance(variant, ir.DefRef) and variant.id not in named and is_component(variant.id):
                mapping.append((split_pointer(variant.id)[-1], variant.id))
        discriminator = ir.Discriminator(written.property_name, tuple(mapping))
        self.discriminators.append(discriminator)
        return discriminator

    def narrow_discriminator_tags(self) -> None:
        """A variant's tag property typed as a plain string becomes the Literal of its mapped values.

        OpenAPI says a discriminated variant's tag is the value its mapping gives it, so the model can
        say so; pydantic then picks the variant by its tag.
        """
        values: dict[tuple[str, str], dict[str, None]] = {}  # the tags of each, in order, once
        for discriminator in self.discriminators:
            for value, target in discriminator.mapping:
                ident = self._object_behind(target)
                if ident is not None:
                    values.setdefault((ident, discriminator.property), {})[value] = None
        for (ident, tag), tags in sorted(values.items()):
            definition = self.definitions[ident]
            assert isinstance(definition, ir.ObjectDef)
            literal = ir.LiteralType(tuple(tags))
            properties = [
                replace(prop, type=literal) if prop.wire_name == tag and prop.type == ir.Primitive("string") else prop
                for prop in definition.properties
            ]
            self.definitions[ident] = replace(definition, properties=properties)

    def _object_behind(self, ident: str) -> str | None:
        """The object definition `ident` names, through aliases of a bare reference."""
        seen: set[str] = set()
        while ident not in seen:
            seen.add(ident)
            definition = self.definitions.get(ident)
            if isinstance(definition, ir.ObjectDef):
                return ident
            if not isinstance(definition, ir.AliasDef) or not isinstance(definition.target, ir.DefRef):
                return None
            ident = definition.target.id
        return None
