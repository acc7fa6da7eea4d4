"""JSON Schema (OpenAPI 3.0 or 3.1) -> IR types and named definitions.

Two passes: every component schema is declared first (so a `$ref` to one is just a `DefRef`, and
recursion costs nothing), then each is filled in. Inline objects become definitions too, keyed by
their JSON pointer and named from their place. OpenAPI 3.0 forms are normalised as they are read
(`nullable: true` is a `"null"` in the type list; boolean `exclusiveMinimum` becomes numeric), so
nothing after this module knows which version the spec was.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import model as ir
from .config import schema_config
from ..spec.pointers import join_pointer, split_pointer, ref_pointer
from .naming import name_of
from .schema_nodes import (
    COMPONENTS,
    SCALARS,
    allows_null,
    examples_of,
    hint_names,
    hint_of,
    is_component,
    nullable,
    text_of,
    type_words,
    types_of,
    union,
)
from .unions import UnionShapes


class SchemaBuilder(UnionShapes):
    """JSON Schema -> IR: declares every component, then fills each (`fill_all`)."""

    # ---- pass 1: declare ----------------------------------------------------------------------

    def declare_components(self) -> None:
        for key in self.components:
            ptr = join_pointer(COMPONENTS, key)
            node = self.components[key]
            if not isinstance(node, dict):
                node = {}
            config = schema_config(self.spec, node, ptr)
            candidate = config.name or name_of(type_words(key))
            params = (config.param_name,) if config.param_name else ()
            self.definitions[ptr] = self._new_definition(node, ptr, (candidate,), is_component=True, param_candidates=params)

    def _kind(self, node: Any, ptr: str) -> str:
        """"object", "enum" or "alias": which kind of definition a named schema makes."""
        if not isinstance(node, dict):
            return "alias"
        if "$ref" in node and len(set(node) - {"$ref", "description", "title", "x-sdkgen", "deprecated", "example", "examples"}) == 0:
            return "alias"
        if ("enum" in node or "const" in node) and not node.get("properties"):
            return "enum" if self._enum_values(node) is not None else "alias"
        if self._has_union(node) and not node.get("properties"):
            return "alias"
        if node.get("properties") or (self._all_of_objects(node, ptr) and not self._all_of_wrapper(node)):
            return "object"
        types = types_of(node)
        if "object" in types and len([t for t in types if t != "null"]) == 1:
            # No properties: a map (`Dict[str, X]`, free-form when X says nothing), unless no key
            # at all is allowed (an empty object).
            return "object" if node.get("additionalProperties") is False else "alias"
        return "alias"

    def _new_definition(self, node: Any, ptr: str, candidates: tuple[ir.Name, ...], **given: Any) -> ir.Definition:
        kind = self._kind(node, ptr)
        common: dict[str, Any] = {"id": ptr, "name_candidates": candidates, **given}
        if isinstance(node, dict):
            common["description"] = text_of(node, "description")
            common["title"] = text_of(node, "title")
            common["deprecated"] = node.get("deprecated") is True
            common["examples"] = examples_of(node)
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
        node = self.spec.node_at(ptr)
        base = hint_of(definition.name_candidates[0])
        if isinstance(definition, ir.ObjectDef):
            if isinstance(node, dict) and self._has_union(node):
                key = "oneOf" if self._has_union_key(node, "oneOf") else "anyOf"
                self.warn(f"{key} beside properties: modelled as the properties only", join_pointer(ptr, key))
            properties, additional = self._object_fields(node, ptr, base)
            self._complete(ptr, properties=properties, additional=additional)
        elif isinstance(definition, ir.EnumDef):
            values = self._enum_values(node) or ()
            self._complete(ptr, values=tuple(v for v in values if v is not None), nullable=None in values or allows_null(node))
        elif isinstance(definition, ir.AliasDef):
            if isinstance(node, dict) and "$ref" in node:
                self.resolve(node, ptr)
                target = self.type_of({"$ref": node["$ref"]}, ptr, base)
            else:
                target = self._inline_type(node, ptr, base)
            self._complete(ptr, target=target)

    def _complete(self, ptr: str, **parts: Any) -> None:
        """The definition at `ptr` with the parts its fill found (IR objects are frozen: it is made
        anew, and the definitions map, by id, holds the new one)."""
        self.definitions[ptr] = replace(self.definitions[ptr], **parts)

    # ---- types --------------------------------------------------------------------------------

    def type_of(self, node: Any, ptr: str, hint: str, preferred: str | None = None) -> ir.TypeExpr:
        """The type of the schema `node` at `ptr`; inline objects found there are named from `hint`
        (an object here may prefer another name first: `preferred`)."""
        if node is True or node is None:
            return ir.AnyType()
        if node is False:
            return ir.AnyType()  # "nothing is valid": no Python type says that; accept anything
        if not isinstance(node, dict):
            self.warn("a schema must be an object; treated as any value", ptr)
            return ir.AnyType()
        if isinstance(node.get("$ref"), str):
            return self._ref_type(node, ptr, hint)
        if ptr in self.definitions:
            known = self.definitions[ptr]
            return nullable(ir.DefRef(ptr)) if isinstance(known, ir.ObjectDef) and allows_null(node) else ir.DefRef(ptr)
        if self._kind(node, ptr) == "object":
            title = text_of(node, "title")
            candidates = hint_names(([preferred] if preferred else []) + [hint] + ([type_words(title)] if title else []))
            self.definitions[ptr] = self._new_definition(node, ptr, candidates)
            self.fill(ptr)
            return nullable(ir.DefRef(ptr)) if allows_null(node) else ir.DefRef(ptr)
        return self._inline_type(node, ptr, hint)

    def _ref_type(self, node: dict[str, Any], ptr: str, hint: str) -> ir.TypeExpr:
        target = ref_pointer(node["$ref"])
        siblings_nullable = allows_null(node)
        if target in self.definitions or is_component(target):
            # Components are declared in pass 1 (unless `components` is malformed). An object that
            # admits null itself is a model that may be null wherever it is used.
            result: ir.TypeExpr = ir.DefRef(target)
            definition = self.definitions.get(target)
            if isinstance(definition, ir.ObjectDef) and allows_null(self.spec.node_at(target)):
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
                target_node = self.spec.node_at(target)
                result = self.type_of(target_node, target, self._hint_for(target, hint))
            finally:
                self._inlining.pop()
            named = self.definitions.get(target)
            if isinstance(named, ir.AliasDef) and target in self._filled and named.target == ir.AnyType():
                self._complete(target, target=result)  # itself, when no container is on the way: build.py refuses it
                result = ir.DefRef(target)
        return nullable(result) if siblings_nullable else result

    def _hint_for(self, ptr: str, fallback: str) -> str:
        """A name for an inline object that a `$ref` points into: from its place in the document."""
        tokens = split_pointer(ptr)
        if len(tokens) >= 3 and tokens[:2] == ["components", "schemas"]:
            words = [tokens[2]] + [t for t in tokens[3:] if t not in ("properties", "items", "allOf", "oneOf", "anyOf") and not t.isdigit()]
            return type_words(" ".join(words))
        return fallback

    def _inline_type(self, node: Any, ptr: str, hint: str) -> ir.TypeExpr:
        if not isinstance(node, dict):
            return ir.AnyType()
        types = types_of(node)
        if types == ["null"]:
            return ir.NullType()
        is_nullable = allows_null(node)
        result = self._non_null_type(node, ptr, hint, [t for t in types if t != "null"])
        return nullable(result) if is_nullable and not isinstance(result, ir.NullType) else result

    def _non_null_type(self, node: dict[str, Any], ptr: str, hint: str, types: list[str]) -> ir.TypeExpr:
        if "const" in node:
            const = node["const"]
            if const is None:
                return ir.NullType()
            if isinstance(const, SCALARS) and not isinstance(const, float):
                return ir.LiteralType((const,))
            self.warn("a const that is not a string, integer or boolean; typed by its `type`", ptr)
        if "enum" in node:
            values = self._enum_values(node)
            if values is not None:
                present = tuple(v for v in values if v is not None)
                literal: ir.TypeExpr = ir.LiteralType(present) if present else ir.NullType()
                return nullable(literal) if None in values and present else literal
            self.warn("an enum of values that are not all strings, integers or booleans; typed by its `type`", ptr)
        if self._has_union(node):
            return self._union_type(node, ptr, hint)
        all_of = node.get("allOf")
        if isinstance(all_of, list) and all_of:
            merged = self._all_of_single(node, ptr, hint)
            if merged is not None:
                return merged
        if not types:
            if "properties" in node or "additionalProperties" in node:
                types = ["object"]
            elif "items" in node or "prefixItems" in node:
                types = ["array"]
        if not types:
            return ir.AnyType()
        if len(types) > 1:
            return union(self._non_null_type(node, ptr, hint, [t]) for t in types)
        kind = types[0]
        if kind == "null":
            return ir.NullType()
        if kind == "string":
            fmt = node.get("format")
            if fmt == "binary" or (node.get("contentMediaType") and node.get("contentEncoding") is None and "contentMediaType" in node and "octet" in str(node.get("contentMediaType"))):
                return ir.BinaryType()
            return ir.Primitive("string", fmt if isinstance(fmt, str) else None)
        if kind in ("integer", "number", "boolean"):
            fmt = node.get("format")
            return ir.Primitive(kind, fmt if isinstance(fmt, str) else None)  # type: ignore[arg-type]
        if kind == "array":
            items = node.get("items")
            if items is None and isinstance(node.get("prefixItems"), list):
                prefix = node["prefixItems"]
                return ir.ArrayType(union(self.type_of(p, join_pointer(ptr, "prefixItems", i), hint + "Item") for i, p in enumerate(prefix)) if prefix else ir.AnyType())
            return ir.ArrayType(self.type_of(items, join_pointer(ptr, "items"), hint + "Item"))
        if kind == "object":
            extra = node.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return ir.MapType(self.type_of(extra, join_pointer(ptr, "additionalProperties"), hint + "Value"))
            return ir.MapType(ir.AnyType())
        self.warn(f"unknown type {kind!r}; treated as any value", join_pointer(ptr, "type"))
        return ir.AnyType()
