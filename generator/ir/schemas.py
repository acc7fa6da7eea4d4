"""JSON Schema (OpenAPI 3.0 or 3.1) -> IR types and named definitions.

Two passes: every component schema is declared first (so a `$ref` to one is just a `DefRef`, and
recursion costs nothing), then each is filled in. Inline objects become definitions too, keyed by
their JSON pointer and named from their place. OpenAPI 3.0 forms are normalised as they are read
(`nullable: true` is a `"null"` in the type list; boolean `exclusiveMinimum` becomes numeric), so
nothing after this module knows which version the spec was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from . import model as ir
from .config import schema_config
from ..errors import Diagnostics, join_pointer, split_pointer
from .naming import name_of, pascal, words
from ..spec.document import Spec

COMPONENTS = "#/components/schemas"
_SCALARS = (str, int, float, bool)
_CONSTRAINT_KEYS = (
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


def _is_component(ptr: str) -> bool:
    tokens = split_pointer(ptr)
    return len(tokens) == 3 and tokens[:2] == ["components", "schemas"]


def _types_of(node: dict[str, Any]) -> list[str]:
    """The schema's `type` as a list, with 3.0's `nullable` folded in.

    `nullable: true` with no `type` (beside `allOf`/`oneOf`/`$ref`) adds nothing here: it does not
    make the schema "null only"; `_allows_null` reports it.
    """
    raw = node.get("type")
    types = [raw] if isinstance(raw, str) else [t for t in raw if isinstance(t, str)] if isinstance(raw, list) else []
    if node.get("nullable") is True and types and "null" not in types:
        types.append("null")
    return types


def _allows_null(node: Any) -> bool:
    """Whether the schema admits null by its `type` (a `"null"` in the list) or 3.0's `nullable`."""
    return isinstance(node, dict) and (node.get("nullable") is True or "null" in _types_of(node))


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
    return {key: node[key] for key in _CONSTRAINT_KEYS if key in node and not isinstance(node[key], (dict, list))}


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


def _type_words(text: str) -> str:
    """Spec text (a key, a title) as the words of a type name, run together in PascalCase: hints for
    the names of what is nested inside are made by running more words on."""
    return pascal(text) or "Model"


def hint_of(name: ir.Name) -> str:
    """A definition's name as a hint for what is nested inside it."""
    return name.spelling if name.spelling is not None else pascal(" ".join(name.words))


def _names(hints: list[str]) -> tuple[ir.Name, ...]:
    return tuple(dict.fromkeys(name_of(h) for h in hints))


def _in_context(context: str, name: str) -> str:
    """`name` after `context`, without saying shared words twice: ("SessionTracing",
    "TracingConfiguration") -> "SessionTracingConfiguration"."""
    before, after = words(context), words(name)
    for size in range(min(len(before), len(after)), 0, -1):
        if [w.lower() for w in before[-size:]] == [w.lower() for w in after[:size]]:
            return context + pascal(" ".join(after[size:]))
    return context + name


def _text(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    return value if isinstance(value, str) and value.strip() else None


@dataclass
class _Collected:
    """What an object schema is made of, its allOf parts included."""

    props: dict[str, tuple[Any, str]]  # wire name -> (schema, pointer)
    required: set[str]
    extra: tuple[Any, str] | None  # the last additionalProperties met, and its pointer


class SchemaBuilder:
    def __init__(self, spec: Spec, diagnostics: Diagnostics):
        self.spec = spec
        self.diagnostics = diagnostics
        self.definitions: dict[str, ir.Definition] = {}
        self._filled: set[str] = set()
        self._inlining: list[str] = []  # pointers of non-component refs being expanded
        # Memos (each schema's answer is computed once, so allOf diamonds and ref chains cost
        # their size, not the number of paths through them): where a ref leads, whether an allOf
        # merges into an object, what an object collects from its allOf parts.
        self._resolved: dict[str, tuple[Any, str]] = {}
        self._merges_objects: dict[str, bool] = {}
        self._collected: dict[str, _Collected] = {}
        self._collecting: list[str] = []
        self.discriminators: list[ir.Discriminator] = []  # every discriminated union, in spec order
        components = spec.document.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        self.components: dict[str, Any] = schemas if isinstance(schemas, dict) else {}

    # ---- resolution ---------------------------------------------------------------------------

    def resolve(self, node: Any, ptr: str) -> tuple[Any, str]:
        """Follow `$ref`s to the schema they name: (node, its pointer).

        Where each target leads is remembered, so a chain of n refs is followed once, not once per
        schema that uses it.
        """
        path: list[str] = []
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target = "#" + node["$ref"].partition("#")[2]
            known = self._resolved.get(target)
            if known is not None:
                node, ptr = known
                break
            if target in path:  # refs.py refuses these first
                raise self.spec.error("a $ref cycle with no object in it: " + " -> ".join(path + [target]), ptr)
            path.append(target)
            ptr = target
            node = self.spec.node_at(target)
        for target in path:
            self._resolved[target] = (node, ptr)
        return node, ptr

    def warn(self, message: str, ptr: str) -> None:
        self.diagnostics.warn(message, self.spec.place(ptr, with_line=False))

    # ---- pass 1: declare ----------------------------------------------------------------------

    def declare_components(self) -> None:
        for key in self.components:
            ptr = join_pointer(COMPONENTS, key)
            node = self.components[key]
            if not isinstance(node, dict):
                node = {}
            config = schema_config(self.spec, node, ptr)
            candidate = config.name or name_of(_type_words(key))
            definition = self._new_definition(node, ptr, (candidate,))
            definition.is_component = True
            if config.param_name:
                definition.param_candidates = (config.param_name,)
            self.definitions[ptr] = definition

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
        types = _types_of(node)
        if "object" in types and len([t for t in types if t != "null"]) == 1:
            # No properties: a map (`Dict[str, X]`, free-form when X says nothing), unless no key
            # at all is allowed (an empty object).
            return "object" if node.get("additionalProperties") is False else "alias"
        return "alias"

    def _new_definition(self, node: Any, ptr: str, candidates: tuple[ir.Name, ...]) -> ir.Definition:
        kind = self._kind(node, ptr)
        common: dict[str, Any] = {"id": ptr, "name_candidates": candidates}
        if isinstance(node, dict):
            common["description"] = _text(node, "description")
            common["title"] = _text(node, "title")
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
            definition.properties, definition.additional = self._object_fields(node, ptr, base)
        elif isinstance(definition, ir.EnumDef):
            values = self._enum_values(node) or ()
            definition.values = tuple(v for v in values if v is not None)
            definition.nullable = None in values or _allows_null(node)
        elif isinstance(definition, ir.AliasDef):
            if isinstance(node, dict) and "$ref" in node:
                target_node, target_ptr = self.resolve(node, ptr)
                definition.target = self.type_of({"$ref": node["$ref"]}, ptr, base)
            else:
                definition.target = self._inline_type(node, ptr, base)

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
            return nullable(ir.DefRef(ptr)) if isinstance(known, ir.ObjectDef) and _allows_null(node) else ir.DefRef(ptr)
        if self._kind(node, ptr) == "object":
            title = _text(node, "title")
            candidates = _names(([preferred] if preferred else []) + [hint] + ([_type_words(title)] if title else []))
            self.definitions[ptr] = self._new_definition(node, ptr, candidates)
            self.fill(ptr)
            return nullable(ir.DefRef(ptr)) if _allows_null(node) else ir.DefRef(ptr)
        return self._inline_type(node, ptr, hint)

    def _ref_type(self, node: dict[str, Any], ptr: str, hint: str) -> ir.TypeExpr:
        target = "#" + node["$ref"].partition("#")[2]
        siblings_nullable = _allows_null(node)
        if target in self.definitions or _is_component(target):
            # Components are declared in pass 1 (unless `components` is malformed). An object that
            # admits null itself is a model that may be null wherever it is used.
            result: ir.TypeExpr = ir.DefRef(target)
            definition = self.definitions.get(target)
            if isinstance(definition, ir.ObjectDef) and _allows_null(self.spec.node_at(target)):
                result = nullable(result)
        elif target in self._inlining:
            # A schema inside another that names itself (through an array, say): it needs a name to
            # be referred to, so it becomes an alias, completed when its expansion below is done.
            self.definitions[target] = ir.AliasDef(id=target, name_candidates=_names([self._hint_for(target, hint)]))
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
                named.target = result  # itself, when no container is on the way: build.py refuses it
                result = ir.DefRef(target)
        return nullable(result) if siblings_nullable else result

    def _hint_for(self, ptr: str, fallback: str) -> str:
        """A name for an inline object that a `$ref` points into: from its place in the document."""
        tokens = split_pointer(ptr)
        if len(tokens) >= 3 and tokens[:2] == ["components", "schemas"]:
            words = [tokens[2]] + [t for t in tokens[3:] if t not in ("properties", "items", "allOf", "oneOf", "anyOf") and not t.isdigit()]
            return _type_words(" ".join(words))
        return fallback

    def _inline_type(self, node: Any, ptr: str, hint: str) -> ir.TypeExpr:
        if not isinstance(node, dict):
            return ir.AnyType()
        types = _types_of(node)
        if types == ["null"]:
            return ir.NullType()
        is_nullable = _allows_null(node)
        result = self._non_null_type(node, ptr, hint, [t for t in types if t != "null"])
        return nullable(result) if is_nullable and not isinstance(result, ir.NullType) else result

    def _non_null_type(self, node: dict[str, Any], ptr: str, hint: str, types: list[str]) -> ir.TypeExpr:
        if "const" in node:
            const = node["const"]
            if const is None:
                return ir.NullType()
            if isinstance(const, _SCALARS) and not isinstance(const, float):
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

    # ---- enums --------------------------------------------------------------------------------

    def _enum_values(self, node: dict[str, Any]) -> tuple[Any, ...] | None:
        """The distinct values of an enum or const, or None when Python's Literal cannot hold them."""
        raw = [node["const"]] if "const" in node else node.get("enum")
        if not isinstance(raw, list) or not raw:
            return None
        # Keyed by type too: `True == 1`, but an enum of both has two values.
        values: dict[tuple[type, Any], Any] = {}
        for value in raw:
            if value is not None and (not isinstance(value, _SCALARS) or isinstance(value, float)):
                return None
            values.setdefault((type(value), value), value)
        return tuple(values.values())

    # ---- unions -------------------------------------------------------------------------------

    def _has_union(self, node: dict[str, Any]) -> bool:
        for key in ("oneOf", "anyOf"):
            variants = node.get(key)
            if isinstance(variants, list) and variants and not all(self._constraint_only(v) for v in variants):
                return True
        return False

    @staticmethod
    def _constraint_only(variant: Any) -> bool:
        """`oneOf: [{required: [a]}, {required: [b]}]` constrains an object; it adds no types."""
        return isinstance(variant, dict) and not (
            set(variant) & {"$ref", "type", "properties", "items", "enum", "const", "oneOf", "anyOf", "allOf", "additionalProperties"}
        )

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

    def _object_as_type(self, node: dict[str, Any], ptr: str, hint: str) -> ir.TypeExpr:
        if ptr not in self.definitions:
            title = _text(node, "title")
            candidates = _names([hint] + ([_type_words(title)] if title else []))
            self.definitions[ptr] = ir.ObjectDef(id=ptr, name_candidates=candidates, description=_text(node, "description"))
            self.fill(ptr)
        return ir.DefRef(ptr)

    def _variant_names(self, variant: Any, hint: str, index: int) -> tuple[str | None, str]:
        """(preferred name, name in context) for an inline union variant.

        A titled variant prefers its title; should several claim it (OpenAI has five inline
        "Tracing Configuration" objects), the others fall back to the title in its context rather
        than to a number. The context name also names what is nested inside the variant.
        """
        if isinstance(variant, dict):
            title = _text(variant, "title")
            if title:
                return _type_words(title), _in_context(hint, _type_words(title))
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
                target_ptr = "#" + target.partition("#")[2] if "#" in target else join_pointer(COMPONENTS, target)
                mapping.append((str(value), target_ptr))
        named = {target for _, target in mapping}
        for variant in variants:
            if isinstance(variant, ir.DefRef) and variant.id not in named and _is_component(variant.id):
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
            for prop in definition.properties:
                if prop.wire_name == tag and prop.type == ir.Primitive("string"):
                    prop.type = ir.LiteralType(tuple(tags))

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

    # ---- objects ------------------------------------------------------------------------------

    def _all_of_objects(self, node: dict[str, Any], ptr: str) -> bool:
        """Whether an allOf merges into an object (some part, after refs, has properties)."""
        parts = node.get("allOf")
        if not isinstance(parts, list):
            return False
        known = self._merges_objects.get(ptr)
        if known is not None:
            return known
        self._merges_objects[ptr] = False  # a cycle (refused by refs.py) adds no object
        for index, part in enumerate(parts):
            try:
                resolved, resolved_ptr = self.resolve(part, join_pointer(ptr, "allOf", index))
            except KeyError:
                continue
            if isinstance(resolved, dict) and (resolved.get("properties") or self._all_of_objects(resolved, resolved_ptr)):
                self._merges_objects[ptr] = True
                return True
        return False

    def _all_of_wrapper(self, node: dict[str, Any]) -> bool:
        """`allOf: [{$ref: X}]` (with a description, `nullable`, a default...) is X, not a new model.

        It is a new model when it adds anything to X's shape: properties, required names, extra keys.
        """
        parts = node.get("allOf")
        if not isinstance(parts, list) or node.get("properties") or "required" in node or "additionalProperties" in node:
            return False
        typed = [p for p in parts if not self._constraint_only(p)]
        constraints = [p for p in parts if self._constraint_only(p)]
        return len(typed) == 1 and not any(isinstance(c, dict) and "required" in c for c in constraints)

    def _all_of_single(self, node: dict[str, Any], ptr: str, hint: str) -> ir.TypeExpr | None:
        """allOf with one typed part (a `$ref` plus a description, say) is that part."""
        parts = [p for p in node["allOf"] if not self._constraint_only(p)]
        if self._all_of_objects(node, ptr) and not self._all_of_wrapper(node):
            return self._object_as_type(node, ptr, hint)
        if len(parts) == 1:
            index = node["allOf"].index(parts[0])
            return self.type_of(parts[0], join_pointer(ptr, "allOf", index), hint)
        if not parts:
            return None
        self.warn("allOf of several non-object schemas: typed by its first part", join_pointer(ptr, "allOf"))
        return self.type_of(parts[0], join_pointer(ptr, "allOf", node["allOf"].index(parts[0])), hint)

    def _collect(self, node: Any, ptr: str) -> _Collected:
        """Properties, required names and the last additionalProperties of an object schema and of
        its allOf parts, recursively (later parts and the schema's own keys win); once per schema."""
        node, ptr = self.resolve(node, ptr)
        known = self._collected.get(ptr)
        if known is not None:
            return known
        if ptr in self._collecting:  # refs.py refuses these first
            raise self.spec.error("allOf includes itself: " + " -> ".join(self._collecting[self._collecting.index(ptr):] + [ptr]), ptr)
        found = _Collected({}, set(), None)
        if not isinstance(node, dict):
            return found
        self._collecting.append(ptr)
        try:
            parts = node.get("allOf")
            if isinstance(parts, list):
                for index, part in enumerate(parts):
                    inherited = self._collect(part, join_pointer(ptr, "allOf", index))
                    found.props.update(inherited.props)
                    found.required |= inherited.required
                    found.extra = inherited.extra if inherited.extra is not None else found.extra
        finally:
            self._collecting.pop()
        own = node.get("properties")
        if isinstance(own, dict):
            for name, schema in own.items():
                found.props[str(name)] = (schema, join_pointer(ptr, "properties", str(name)))
        names = node.get("required")
        if isinstance(names, list):
            found.required.update(str(n) for n in names)
        if "additionalProperties" in node:
            found.extra = (node["additionalProperties"], join_pointer(ptr, "additionalProperties"))
        self._collected[ptr] = found
        return found

    def _object_fields(self, node: Any, ptr: str, base: str) -> tuple[list[ir.Property], ir.TypeExpr | None]:
        collected = self._collect(node, ptr)
        props = dict(collected.props)
        required = collected.required
        for name in sorted(required - set(props)):
            props[name] = ({}, join_pointer(ptr, "required"))
        properties = []
        for name, (schema, prop_ptr) in props.items():
            properties.append(self._property(name, schema, prop_ptr, base, name in required))
        additional: ir.TypeExpr | None = ir.AnyType()
        if collected.extra is not None:
            extra, extra_ptr = collected.extra
            if extra is False:
                additional = None
            elif isinstance(extra, dict) and extra:
                additional = self.type_of(extra, extra_ptr, base + "Value")
        return properties, additional

    def _property(self, name: str, schema: Any, ptr: str, base: str, required: bool) -> ir.Property:
        hint = base + (pascal(name) or "Field")
        expr = self.type_of(schema, ptr, hint)
        info = schema if isinstance(schema, dict) else {}
        description = _text(info, "description")
        default = info.get("default", ir.MISSING)
        if isinstance(info.get("$ref"), str):  # what the referenced schema says, unless said here
            try:
                target, _ = self.resolve(info, ptr)
            except KeyError:
                target = None
            if isinstance(target, dict):
                description = description or _text(target, "description")
                default = target.get("default", ir.MISSING) if default is ir.MISSING else default
        return ir.Property(
            wire_name=name,
            type=expr,
            required=required,
            description=description,
            default=default,
            read_only=info.get("readOnly") is True,
            write_only=info.get("writeOnly") is True,
            deprecated=info.get("deprecated") is True,
            constraints=constraints_of(info),
            examples=examples_of(info),
            pointer=ptr,
        )
