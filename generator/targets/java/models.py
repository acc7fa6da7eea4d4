"""The view of the model, enum and union classes: every name, type and literal the templates print.

A model is an immutable view of a JSON object (`JsonModel`): a getter per property, named after its
wire name (`clientSecret()`), `Optional<T>` for an optional or nullable one, `JsonValue` for a
constant (`_object_()`); a raw accessor (`_clientSecret()`) per property; a builder whose setters take
the value, an `Optional` of it or raw JSON. An enum holds one JSON value, known or not. A union holds
one JSON value and tells its variants apart by the discriminator's value, else by its JSON kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import model as ir
from ...ir.naming import Claim, name_of
from .naming import constant_identifier, member_identifier, settle_members, type_identifier
from .plan import JavaClass, Plan
from .text import java_literal, java_string, javadoc
from .types import JType, string_literals, strip_null


@dataclass(frozen=True)
class FieldView:
    wire: str  # the wire name as a Java literal
    getter: str
    raw: str  # the raw accessor, `_` + getter
    doc: list[str]
    type: JType
    optional: bool  # the getter returns Optional<T>
    constant: str | None  # the constant's value as a Java literal (the getter returns JsonValue)
    required: bool  # build() refuses a builder without it
    validate: str  # none, access, model, optional_model, list_model, optional_list_model
    adder: str | None = None  # a list's builder method adding one item (`addContent`), unless taken


@dataclass(frozen=True)
class ModelView:
    cls: JavaClass
    doc: list[str]
    fields: list[FieldView]


@dataclass(frozen=True)
class EnumConstant:
    name: str
    value: str  # Java literal
    doc: list[str]


@dataclass(frozen=True)
class EnumView:
    cls: JavaClass
    label: str  # the class's name as a Java literal, for messages
    doc: list[str]
    constants: list[EnumConstant]


@dataclass(frozen=True)
class VariantView:
    pascal: str  # isX / asX / ofX
    member: str  # x()
    type: JType
    test: str  # discriminator, model, string, number, boolean, array, object, json
    tag: str | None  # the discriminator's value (Java literal)


@dataclass(frozen=True)
class UnionView:
    cls: JavaClass
    label: str
    doc: list[str]
    variants: list[VariantView]
    discriminator: str | None  # the property's wire name (Java literal)


def prop_key(owner_id: str, prop: ir.Property) -> str:
    return prop.pointer or f"{owner_id}/properties/{prop.wire_name}"


def field_names(props: list[ir.Property], reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Each property's getter, unique in its class (the constant's `_` is added after)."""
    claims = [Claim(p.wire_name, (member_identifier(name_of(p.wire_name).words),)) for p in props]
    return settle_members(claims, reserved)


def _constant(expr: ir.TypeExpr) -> str | None:
    if isinstance(expr, ir.LiteralType) and len(expr.values) == 1:
        return java_literal(expr.values[0])
    return None


def field_views(plan: Plan, owner_id: str, props: list[ir.Property], names: dict[str, str]) -> list[FieldView]:
    taken = set(names.values()) | {"_" + name for name in names.values()}
    out = []
    for prop in props:
        bare, nullable = strip_null(prop.type)
        constant = _constant(bare) if not nullable else None
        jtype = plan.types.lower(prop.type, prop_key(owner_id, prop))
        getter = names[prop.wire_name]
        optional = (not prop.required or nullable) and not jtype.is_json
        if constant is not None:
            getter = "_" + getter
        if jtype.is_json or constant is not None:
            check = "none"
        elif jtype.validates:
            check = "optional_model" if optional else "model"
        elif jtype.item_validates:
            check = "optional_list_model" if optional else "list_model"
        else:
            check = "access"
        out.append(
            FieldView(
                wire=java_string(prop.wire_name),
                getter=getter,
                raw=getter if constant is not None else "_" + getter,
                doc=javadoc(prop.description),
                type=jtype,
                optional=optional,
                constant=constant,
                required=prop.required and constant is None,
                validate=check,
                adder=_adder(getter, jtype, taken) if constant is None else None,
            )
        )
    return out


def _adder(getter: str, jtype: JType, taken: set[str]) -> str | None:
    if jtype.item is None:
        return None
    name = "add" + getter[:1].upper() + getter[1:]
    return None if name in taken else name


def model_view(plan: Plan, cls: JavaClass, definition: ir.ObjectDef) -> ModelView:
    names = field_names(definition.properties)
    # A deprecated schema is not marked @Deprecated: every class that names it would warn.
    return ModelView(
        cls, javadoc(definition.description), field_views(plan, definition.id, definition.properties, names)
    )


def enum_view(plan: Plan, cls: JavaClass, values: tuple[str, ...], description: str | None) -> EnumView:
    claims = [Claim(v, (constant_identifier(name_of(v).words),)) for v in values]
    names = settle_members(claims)
    return EnumView(
        cls, java_string(cls.name), javadoc(description), [EnumConstant(names[v], java_string(v), []) for v in values]
    )


def enum_values(definition: ir.Definition | None, expr: ir.TypeExpr | None) -> tuple[str, ...]:
    if isinstance(definition, ir.EnumDef):
        return tuple(dict.fromkeys(str(v) for v in definition.values))
    if isinstance(definition, ir.AliasDef):
        expr = definition.target
    values = string_literals(strip_null(expr)[0]) if expr is not None else None
    return values or ()


_TESTS = {
    "string": "string",
    "integer": "number",
    "number": "number",
    "boolean": "boolean",
    "array": "array",
    "object": "object",
}


def union_view(plan: Plan, cls: JavaClass, key: str, expr: ir.TypeExpr, description: str | None) -> UnionView:
    bare, _ = strip_null(expr)
    assert isinstance(bare, ir.UnionType)
    tags = {ident: tag for tag, ident in bare.discriminator.mapping} if bare.discriminator else {}
    seen: set[str] = set()
    parts: list[tuple[tuple[str, ...], JType, str, str | None]] = []
    for index, variant in enumerate(bare.variants):
        jtype = plan.types.lower(variant, f"{key}/variants/{index}")
        if jtype.text in seen:
            continue  # two variants of one Java type: one accessor
        seen.add(jtype.text)
        tag = tags.get(variant.id) if isinstance(variant, ir.DefRef) else None
        if tag is not None:
            words, test = name_of(tag).words or ("variant",), "discriminator"
        elif jtype.classes:
            words, test = name_of(jtype.text).words, (
                "model" if jtype.validates and jtype.kind == "object" else _TESTS.get(jtype.kind, "json")
            )
        elif jtype.kind == "array":
            words, test = ("list",), "array"
        elif jtype.kind == "object":
            words, test = ("map",), "object"
        else:
            words, test = (jtype.boxed,), _TESTS.get(jtype.kind, "json")
        parts.append((words, jtype, test, tag))
    pascals = settle_members(
        [Claim(str(i), (type_identifier(words),)) for i, (words, *_rest) in enumerate(parts)], {"Json"}
    )
    # The getters settled on their own: two long Pascal names that differ only past the length cap
    # (`...Xxx`, `...Xxx2`) would otherwise give one getter twice.
    getters = settle_members(
        [Claim(str(i), (member_identifier(name_of(pascals[str(i)]).words),)) for i in range(len(parts))]
    )
    variants = [
        VariantView(
            pascals[str(i)],
            getters[str(i)],
            jtype,
            test,
            None if tag is None else java_string(tag),
        )
        for i, (_, jtype, test, tag) in enumerate(parts)
    ]
    discriminator = java_string(bare.discriminator.property) if bare.discriminator else None
    return UnionView(cls, java_string(cls.name), javadoc(description), variants, discriminator)
