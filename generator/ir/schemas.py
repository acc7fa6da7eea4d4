"""JSON Schema (OpenAPI 3.0 or 3.1) -> IR types and named definitions.

Two passes: every component schema is declared first (so a `$ref` to one is just a `DefRef`, and
recursion costs nothing), then each is filled in. Inline objects become definitions too, keyed by
their JSON pointer and named from their place. The schemas are read through the normalised view
(`spec/normal.py`: 3.0's `nullable` already a `"null"` in the type list, every keyword of one
shape), so nothing after this module knows which version the spec was.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import model as ir
from .config import schema_config
from ..spec.normal_schema import NOT_A_SCHEMA, Schema
from ..spec.pointers import join_pointer, split_pointer
from .naming import name_of
from ..spec.normal import COMPONENTS
from .schema_nodes import SCALARS, hint_names, hint_of, is_component, nullable, place_hint, type_words, union
from .unions import UnionShapes

# Keys beside a `$ref` that leave it an alias of its target.
_ALIAS_KEYS = {"$ref", "description", "title", "x-sdkgen", "deprecated", "example", "examples"}


class SchemaBuilder(UnionShapes):
    """JSON Schema -> IR: declares every component, then fills each (`fill_all`)."""

    # ---- pass 1: declare ----------------------------------------------------------------------

    def declare_components(self) -> None:
        for key, node in self.view.components.items():
            ptr = join_pointer(COMPONENTS, key)
            config = schema_config(self.spec, node.raw, ptr)
            candidate = config.name or name_of(type_words(key))
            params = (config.param_name,) if config.param_name else ()
            self.definitions[ptr] = self._new_definition(node, (candidate,), is_component=True, param_candidates=params)

    def _kind(self, node: Schema) -> str:
        """"object", "enum" or "alias": which kind of definition a named schema makes."""
        if node.ref is not None and not set(node.raw) - _ALIAS_KEYS:
            return "alias"
        if ("enum" in node.raw or "const" in node.raw) and not node.properties:
            return "enum" if self._enum_values(node) is not None else "alias"
        if self._has_union(node) and not node.properties:
            return "alias"
        if node.properties or (self._all_of_objects(node) and not self._all_of_wrapper(node)):
            return "object"
        if "object" in node.types and len([t for t in node.types if t != "null"]) == 1:
            # No properties: a map (`Dict[str, X]`, free-form when X says nothing), unless no key
            # at all is allowed (an empty object).
            return "object" if node.additional is False else "alias"
        return "alias"

    def _new_definition(self, node: Schema, candidates: tuple[ir.Name, ...], **given: Any) -> ir.Definition:
        kind = self._kind(node)
        common: dict[str, Any] = {"id": node.ptr, "name_candidates": candidates, **given}
        if node.mapping:
            common["description"] = node.description
            common["title"] = node.title
            common["deprecated"] = node.deprecated
            common["examples"] = list(node.examples)
        if kind == "object":
            return ir.ObjectDef(**common)
        if kind == "enum":
            return ir.EnumDef(**common)
        return ir.AliasDef(**common)

    # ---- pass 2: fill -------------------------------------------------------------------------

    def fill_all(self) -> None:
        for ptr in list(self.definitions):
            self.fill(ptr)

    def fill(self, ptr: str) -> None:
        if ptr in self._filled:
            return
        self._filled.add(ptr)
        definition = self.definitions[ptr]
        node = self.view.schema_at(ptr)
        base = hint_of(definition.name_candidates[0])
        if isinstance(definition, ir.ObjectDef):
            if self._has_union(node):
                key = "oneOf" if node.one_of else "anyOf"
                self.warn(f"{key} beside properties: modelled as the properties only", join_pointer(ptr, key))
            properties, additional = self._object_fields(node, base)
            self._complete(ptr, properties=properties, additional=additional)
        elif isinstance(definition, ir.EnumDef):
            values = self._enum_values(node) or ()
            self._complete(ptr, values=tuple(v for v in values if v is not None), nullable=None in values or node.nullable)
        elif isinstance(definition, ir.AliasDef):
            if node.ref is not None:  # the alias is its target: the keys beside the $ref are not read here
                target = self._ref_type(node.ref, base)
            else:
                target = self._inline_type(node, base)
            self._complete(ptr, target=target)

    def _complete(self, ptr: str, **parts: Any) -> None:
        """The definition at `ptr` with the parts its fill found (IR objects are frozen: it is made
        anew, and the definitions map, by id, holds the new one)."""
        self.definitions[ptr] = replace(self.definitions[ptr], **parts)

    # ---- types --------------------------------------------------------------------------------

    def type_of(self, schema: Schema | None, hint: str, preferred: str | None = None) -> ir.TypeExpr:
        """The type of `schema` (None: absent, any value); inline objects found there are named from
        `hint` (an object here may prefer another name first: `preferred`)."""
        if schema is None or not schema.mapping:
            # true, false and null say nothing Python's types can ("nothing is valid" included)
            if schema is not None and schema.malformed:
                self.warn(NOT_A_SCHEMA, schema.ptr)
            return ir.AnyType()
        if schema.ref is not None:
            result = self._ref_type(schema.ref, hint)
            return nullable(result) if schema.nullable else result
        ptr = schema.ptr
        if ptr in self.definitions:
            known = self.definitions[ptr]
            return nullable(ir.DefRef(ptr)) if isinstance(known, ir.ObjectDef) and schema.nullable else ir.DefRef(ptr)
        if self._kind(schema) == "object":
            title = schema.title
            candidates = hint_names(([preferred] if preferred else []) + [hint] + ([type_words(title)] if title else []) + place_hint(ptr))
            self.definitions[ptr] = self._new_definition(schema, candidates)
            self.fill(ptr)
            return nullable(ir.DefRef(ptr)) if schema.nullable else ir.DefRef(ptr)
        return self._inline_type(schema, hint)

    def _ref_type(self, target: str, hint: str) -> ir.TypeExpr:
        """The type a `$ref` to `target` stands for (before its siblings' `nullable`)."""
        if target in self.definitions or is_component(target):
            # Components are declared in pass 1 (unless `components` is malformed). An object that
            # admits null itself is a model that may be null wherever it is used.
            result: ir.TypeExpr = ir.DefRef(target)
            definition = self.definitions.get(target)
            if isinstance(definition, ir.ObjectDef) and self.view.schema_at(target).nullable:
                result = nullable(result)
        elif target in self._inlining:
            # A schema inside another that names itself (through an array, say): it needs a name to
            # be referred to, so it becomes an alias, completed when its expansion below is done.
            self.definitions[target] = ir.AliasDef(id=target, name_candidates=hint_names([self._hint_for(target, hint)]))
            self._filled.add(target)
            result = ir.DefRef(target)
        else:
            self._inlining.append(target)
            try:
                result = self.type_of(self.view.schema_at(target), self._hint_for(target, hint))
            finally:
                self._inlining.pop()
            named = self.definitions.get(target)
            if isinstance(named, ir.AliasDef) and target in self._filled and named.target == ir.AnyType():
                self._complete(target, target=result)  # itself, when no container is on the way: build.py refuses it
                result = ir.DefRef(target)
        return result

    def _hint_for(self, ptr: str, fallback: str) -> str:
        """A name for an inline object that a `$ref` points into: from its place in the document."""
        tokens = split_pointer(ptr)
        if len(tokens) >= 3 and tokens[:2] == ["components", "schemas"]:
            words = [tokens[2]] + [t for t in tokens[3:] if t not in ("properties", "items", "allOf", "oneOf", "anyOf") and not t.isdigit()]
            return type_words(" ".join(words))
        return fallback

    def _inline_type(self, node: Schema, hint: str) -> ir.TypeExpr:
        if node.types == ("null",):
            return ir.NullType()
        result = self._non_null_type(node, hint, [t for t in node.types if t != "null"])
        return nullable(result) if node.nullable and not isinstance(result, ir.NullType) else result

    def _non_null_type(self, node: Schema, hint: str, types: list[str]) -> ir.TypeExpr:
        ptr = node.ptr
        if "const" in node.raw:
            const = node.raw["const"]
            if const is None:
                return ir.NullType()
            if isinstance(const, SCALARS) and not isinstance(const, float):  # const is data: any value is valid
                return ir.LiteralType((const,))
            self.warn("a const that is not a string, integer or boolean; typed by its `type`", ptr)
        if "enum" in node.raw:
            values = self._enum_values(node)
            if values is not None:
                present = tuple(v for v in values if v is not None)
                literal: ir.TypeExpr = ir.LiteralType(present) if present else ir.NullType()
                return nullable(literal) if None in values and present else literal
            self.warn("an enum of values that are not all strings, integers or booleans; typed by its `type`", ptr)
        if self._has_union(node):
            return self._union_type(node, hint)
        if node.all_of:
            merged = self._all_of_single(node, hint)
            if merged is not None:
                return merged
        if not types:
            if "properties" in node.raw or "additionalProperties" in node.raw:
                types = ["object"]
            elif "items" in node.raw or "prefixItems" in node.raw:
                types = ["array"]
        if not types:
            return ir.AnyType()
        if len(types) > 1:
            return union(self._non_null_type(node, hint, [t]) for t in types)
        kind = types[0]
        if kind == "null":
            return ir.NullType()
        if kind == "string":
            media = node.raw.get("contentMediaType")
            if node.format == "binary" or (media and node.raw.get("contentEncoding") is None and "octet" in str(media)):
                return ir.BinaryType()
            return ir.Primitive("string", node.format)
        if kind in ("integer", "number", "boolean"):
            return ir.Primitive(kind, node.format)  # type: ignore[arg-type]
        if kind == "array":
            if node.items is None and node.prefix_items is not None:
                prefix = node.prefix_items
                return ir.ArrayType(union(self.type_of(p, hint + "Item") for p in prefix) if prefix else ir.AnyType())
            return ir.ArrayType(self.type_of(node.items, hint + "Item"))
        if kind == "object":
            extra = node.additional
            if isinstance(extra, Schema) and extra.raw:  # true, {} and a malformed one allow any value
                return ir.MapType(self.type_of(extra, hint + "Value"))
            return ir.MapType(ir.AnyType())
        self.warn(f"unknown type {kind!r}; treated as any value", join_pointer(ptr, "type"))
        return ir.AnyType()
