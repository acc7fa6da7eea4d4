"""Enums and unions: their values, their variants and how they are named, discriminators."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import model as ir
from ..spec.pointers import join_pointer, split_pointer, ref_pointer
from .naming import pascal
from .objects import ObjectShapes
from .schema_nodes import COMPONENTS, SCALARS, constraint_only, in_context, is_component, text_of, type_words, union


class UnionShapes(ObjectShapes):
    # ---- enums --------------------------------------------------------------------------------

    def _enum_values(self, node: dict[str, Any]) -> tuple[Any, ...] | None:
        """The distinct values of an enum or const, or None when Python's Literal cannot hold them."""
        raw = [node["const"]] if "const" in node else node.get("enum")
        if not isinstance(raw, list) or not raw:
            return None
        # Keyed by type too: `True == 1`, but an enum of both has two values.
        values: dict[tuple[type, Any], Any] = {}
        for value in raw:
            if value is not None and (not isinstance(value, SCALARS) or isinstance(value, float)):
                return None
            values.setdefault((type(value), value), value)
        return tuple(values.values())

    # ---- unions -------------------------------------------------------------------------------

    def _has_union(self, node: dict[str, Any]) -> bool:
        for key in ("oneOf", "anyOf"):
            variants = node.get(key)
            if isinstance(variants, list) and variants and not all(constraint_only(v) for v in variants):
                return True
        return False

    def _union_type(self, node: dict[str, Any], ptr: str, hint: str) -> ir.TypeExpr:
        key = "oneOf" if self._has_union_key(node, "oneOf") else "anyOf"
        if node.get("properties"):  # the object's fill warns that the union is left out
            return self._object_as_type(node, ptr, hint)
        variants = []
        for index, variant in enumerate(node[key]):
            preferred, context = self._variant_names(variant, hint, index)
            variants.append(self.type_of(variant, join_pointer(ptr, key, index), context, preferred))
        discriminator = self._discriminator(node, ptr, variants)
        return union(variants, discriminator)

    @staticmethod
    def _has_union_key(node: dict[str, Any], key: str) -> bool:
        return isinstance(node.get(key), list) and bool(node[key])

    def _variant_names(self, variant: Any, hint: str, index: int) -> tuple[str | None, str]:
        """(preferred name, name in context) for an inline union variant.

        A titled variant prefers its title; should several claim it (OpenAI has five inline
        "Tracing Configuration" objects), the others fall back to the title in its context rather
        than to a number. The context name also names what is nested inside the variant.
        """
        if isinstance(variant, dict):
            title = text_of(variant, "title")
            if title:
                return type_words(title), in_context(hint, type_words(title))
            for prop in (variant.get("properties") or {}).values() if isinstance(variant.get("properties"), dict) else []:
                if isinstance(prop, dict):
                    value = prop.get("const", (prop.get("enum") or [None])[0] if isinstance(prop.get("enum"), list) and len(prop["enum"]) == 1 else None)
                    if isinstance(value, str) and pascal(value):
                        return None, hint + pascal(value)
        return None, f"{hint}Variant{index + 1}"

    def _discriminator(self, node: dict[str, Any], ptr: str, variants: list[ir.TypeExpr]) -> ir.Discriminator | None:
        """The union's discriminator, its mapping completed: a `$ref` variant that no mapping entry
        names is tagged with its schema's name (OpenAPI's implicit mapping)."""
        raw = node.get("discriminator")
        if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
            return None
        mapping = []
        if isinstance(raw.get("mapping"), dict):
            for value, target in raw["mapping"].items():
                if not isinstance(target, str):
                    continue
                target_ptr = ref_pointer(target) if "#" in target else join_pointer(COMPONENTS, target)
                mapping.append((str(value), target_ptr))
        named = {target for _, target in mapping}
        for variant in variants:
            if isinstance(variant, ir.DefRef) and variant.id not in named and is_component(variant.id):
                mapping.append((split_pointer(variant.id)[-1], variant.id))
        discriminator = ir.Discriminator(raw["propertyName"], tuple(mapping))
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
