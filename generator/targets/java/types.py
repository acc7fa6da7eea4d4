"""IR types -> Java types: `String`, `long`/`Long`, `double`, `boolean`, `List<T>`, `Map<String, T>`,
`JsonValue` for any value and constants, and the classes the SDK defines for models, enums and unions.

A union (oneOf/anyOf with more than one variant besides null) and an inline enum (more than one
literal) need a class: a named definition gets its own; one written inline gets a class named after
where it sits (`Inline`, keyed by its place: the property's pointer, `/items`, `/additionalProperties`).
Null folds into optionality: the getter of a nullable or optional value returns `Optional<T>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...ir import model as ir

_PRIMITIVES = {
    "string": ("String", "String", "string"),
    "integer": ("long", "Long", "integer"),
    "number": ("double", "Double", "number"),
    "boolean": ("boolean", "Boolean", "boolean"),
}
JSON_VALUE = "JsonValue"


@dataclass(frozen=True)
class JType:
    """A Java type as the view prints it.

    `text` where it stands alone (`long`), `boxed` inside generics and `Optional` (`Long`); `generic`:
    a class literal cannot name it (`List<X>`): conversions take a `TypeReference`. `kind` is what a
    value of it is in JSON (`string`, `integer`, `number`, `boolean`, `array`, `object`, `json`), and
    `validates` whether it is a class of the SDK with `validate()`. `classes` are the SDK's classes it
    names (by key), for imports.
    """

    text: str
    boxed: str
    generic: bool = False
    kind: str = "json"
    validates: bool = False
    classes: tuple[str, ...] = ()
    item_validates: bool = False  # a list whose items validate
    item: str | None = None  # a list's item type (boxed)

    @property
    def is_json(self) -> bool:
        return self.text == JSON_VALUE


JSON = JType(JSON_VALUE, JSON_VALUE)


@dataclass(frozen=True)
class Inline:
    """A class for a type written inline: an anonymous union or enum."""

    key: str  # where it sits (a pointer, `/items`...)
    expr: ir.TypeExpr
    owner: str  # the class key it belongs to (its package, its name's start)
    words: tuple[str, ...]  # the words its name ends in (the property's)


def strip_null(expr: ir.TypeExpr) -> tuple[ir.TypeExpr, bool]:
    return ir.without_null(expr)


def string_literals(expr: ir.TypeExpr) -> tuple[str, ...] | None:
    """The values of an enum of strings written as literals (`LiteralType` or a union of them)."""
    if isinstance(expr, ir.LiteralType):
        values = expr.values
    elif isinstance(expr, ir.UnionType) and all(isinstance(v, ir.LiteralType) for v in expr.variants):
        values = tuple(x for v in expr.variants if isinstance(v, ir.LiteralType) for x in v.values)
    else:
        return None
    if len(values) > 1 and all(isinstance(v, str) for v in values):
        return tuple(dict.fromkeys(str(v) for v in values))
    return None


def needs_class(expr: ir.TypeExpr) -> bool:
    """Whether a type written inline needs a class of its own (a union, an enum of strings)."""
    expr, _ = strip_null(expr)
    return string_literals(expr) is not None or isinstance(expr, ir.UnionType)


class Lowerer:
    """Types -> JType, once the SDK's classes are known: `classes` maps a definition id or an inline
    key to its class key, `class_name` a class key to its simple name; `transparent` maps an alias to
    the type it stands for."""

    def __init__(
        self,
        definitions: dict[str, ir.Definition],
        classes: dict[str, str],
        class_name: Callable[[str], str],
        kinds: dict[str, str],
    ):
        self.definitions = definitions
        self.classes = classes
        self.class_name = class_name
        self.kinds = kinds  # class key -> model / enum / union
        self._expanding: set[str] = set()  # aliases being lowered: Java has no aliases to recurse through

    def lower(self, expr: ir.TypeExpr, key: str) -> JType:
        """The Java type of `expr` written at `key` (null dropped: the caller makes it Optional)."""
        expr, _ = strip_null(expr)
        if key in self.classes and needs_class(expr):
            return self._class(self.classes[key])
        if isinstance(expr, ir.Primitive):
            text, boxed, kind = _PRIMITIVES[expr.kind]
            return JType(text, boxed, kind=kind)
        if isinstance(expr, ir.ArrayType):
            item = self.lower(expr.items, key + "/items")
            return JType(
                f"List<{item.boxed}>",
                f"List<{item.boxed}>",
                True,
                "array",
                classes=item.classes,
                item_validates=item.validates,
                item=item.boxed,
            )
        if isinstance(expr, ir.MapType):
            value = self.lower(expr.values, key + "/additionalProperties")
            return JType(
                f"Map<String, {value.boxed}>", f"Map<String, {value.boxed}>", True, "object", classes=value.classes
            )
        if isinstance(expr, ir.DefRef):
            return self._ref(expr.id)
        return JSON  # any, null alone, a constant, bytes, a union no class was made for

    def _ref(self, ident: str) -> JType:
        if ident in self.classes:
            return self._class(self.classes[ident])
        definition = self.definitions.get(ident)
        if isinstance(definition, ir.AliasDef) and ident not in self._expanding:
            # `A = Map<String, A>` has no Java type: inside itself it is any JSON (`Map<String, JsonValue>`).
            self._expanding.add(ident)
            try:
                return self.lower(definition.target, ident)
            finally:
                self._expanding.discard(ident)
        return JSON

    def _class(self, class_key: str) -> JType:
        name = self.class_name(class_key)
        kind = self.kinds[class_key]
        json_kind = {"model": "object", "enum": "string"}.get(kind, "json")
        return JType(name, name, kind=json_kind, validates=kind in ("model", "union"), classes=(class_key,))


def inline_classes(api: ir.Api, owners: dict[str, str], body_ids: set[str]) -> list[Inline]:
    """Every type written inline that needs a class: in the properties of models (and
    request bodies), the variants of unions, and operation parameters. `owners` maps a definition id
    to its class key; a parameter's inline class belongs to its operation's params class (`op:<id>`)."""
    found: list[Inline] = []
    seen: set[str] = set()

    def visit(expr: ir.TypeExpr, key: str, owner: str, words: tuple[str, ...], top: bool) -> None:
        bare, _ = strip_null(expr)
        if not top and needs_class(bare) and key not in seen:
            seen.add(key)
            found.append(Inline(key, bare, owner, words))
        if isinstance(bare, ir.ArrayType):
            visit(bare.items, key + "/items", owner, words, False)
        elif isinstance(bare, ir.MapType):
            visit(bare.values, key + "/additionalProperties", owner, words, False)
        elif isinstance(bare, ir.UnionType) and string_literals(bare) is None:
            for index, variant in enumerate(bare.variants):
                visit(variant, f"{key}/variants/{index}", owner, words + (str(index + 1),), False)

    for ident, definition in sorted(api.definitions.items()):  # by pointer: an owner whatever the spec's order
        owner = owners.get(ident)
        if owner is None and ident not in body_ids:
            continue
        owner = owner or f"body:{ident}"
        if isinstance(definition, ir.ObjectDef):
            for prop in definition.properties:
                visit(
                    prop.type,
                    prop.pointer or f"{ident}/properties/{prop.wire_name}",
                    owner,
                    _words(prop.wire_name),
                    False,
                )
        elif isinstance(definition, ir.AliasDef):
            visit(definition.target, ident, owner, (), True)
    for op in sorted(api.operations, key=lambda o: o.id):
        for param in op.parameters:
            visit(
                param.type,
                param.pointer or f"{op.id}/{param.location}/{param.wire_name}",
                f"op:{op.id}",
                _words(param.wire_name),
                False,
            )
    return found


def _words(text: str) -> tuple[str, ...]:
    from ...ir.naming import name_of

    return name_of(text).words
