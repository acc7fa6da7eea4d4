"""Parameters and returned objects as nested trees, for the docs.

A tree is a flat list of rows in reading order; each row has its nesting (`pad`), a one-line head (name,
type, required or optional, constraints, default) and body lines (description, enum values, "One of:").
Every string is final Markdown: spec text has gone through `docs_text`, so the template only lays rows
out.

Named types are expanded where they are used, down to `MAX_DEPTH` levels and up to `MAX_ROWS` rows
per tree; a type met again inside itself is named, not expanded again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..ir import model as ir
from .text import code_span, md_prose
from .examples import json_safe
from .view import DocsView, Side
MAX_DEPTH = 6  # nesting levels below a top-level parameter or field
MAX_ROWS = 400  # rows in one tree; further named types are named, not expanded

_CONSTRAINTS = {
    "minLength": "min length",
    "maxLength": "max length",
    "pattern": "pattern",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "greater than",
    "exclusiveMaximum": "less than",
    "multipleOf": "multiple of",
    "minItems": "min items",
    "maxItems": "max items",
    "uniqueItems": "unique items",
    "minProperties": "min properties",
    "maxProperties": "max properties",
}
# How a property's head names its wire name, when the SDK calls it something else.
_WIRE_NOTES = {"request": "sent as", "response": "received as"}
# Formats the annotation already shows.
_SHOWN_FORMATS = frozenset({"date-time", "date", "binary"})


@dataclass
class Row:
    pad: str  # indentation of the list item
    head: str  # one line of Markdown
    lines: list[str] = field(default_factory=list)  # Markdown lines under the head ("" = blank)

    @property
    def body(self) -> str:
        """The lines under the head, as one text (the template indents it under the item)."""
        return "\n".join(self.lines)

    @property
    def indent(self) -> int:
        """Columns the body is indented by: the list item's content column."""
        return len(self.pad) + 2


def json_span(value: object) -> str:
    """A JSON value as a code span."""
    if not isinstance(value, (str, int, bool)) and value is not None:
        value = json_safe(value)
    return code_span(json.dumps(value, ensure_ascii=False))


def constraint_parts(constraints: dict[str, object]) -> list[str]:
    parts = []
    for key, label in _CONSTRAINTS.items():
        if key not in constraints:
            continue
        value = constraints[key]
        if key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
            continue  # 3.0's boolean form: the minimum/maximum it modifies is shown
        if key == "uniqueItems":
            if value is True:
                parts.append(label)
            continue
        parts.append(f"{label} {json_span(value)}")
    return parts


class TreeCache:
    """What every tree of one side of one API shares: type texts, property heads, enum sentences and
    the rows of objects already expanded (see `TreeBuilder._definition`). Names and types are the
    SDK's, from the target's docs view.

    Keyed by the identity of the IR objects (shared and unchanged while the docs render; each entry
    keeps its object, so an id is never reused): equal types can still print differently
    (`Literal[1]` and `Literal[True]` compare equal).
    """

    def __init__(self, definitions: dict[str, ir.Definition], side: Side, view: DocsView):
        self.definitions = definitions
        self.side = side
        self.view = view
        self.annotations: dict[int, tuple[ir.TypeExpr, str]] = {}
        self.heads: dict[tuple[str, int], tuple[ir.Property, str]] = {}  # by (owner, property)
        self.values: dict[tuple[int, bool, str], tuple[tuple[object, ...], str]] = {}
        self.expansions: dict[tuple[str, int, frozenset[str]], list[Row]] = {}

    def annotation(self, expr: ir.TypeExpr) -> str:
        known = self.annotations.get(id(expr))
        if known is None or known[0] is not expr:
            known = self.annotations[id(expr)] = (expr, self.view.type_text(expr, self.side))
        return known[1]

    def definition_name(self, ident: str) -> str:
        """The name the SDK gives a definition on this side."""
        return self.view.type_text(ir.DefRef(ident), self.side)


class TreeBuilder:
    """The rows of one tree (a method's parameters, or what it returns)."""

    def __init__(self, cache: TreeCache):
        self.cache = cache
        self.definitions = cache.definitions
        self.side = cache.side
        self.rows: list[Row] = []

    def annotation(self, expr: ir.TypeExpr) -> str:
        return self.cache.annotation(expr)

    # ---- rows ---------------------------------------------------------------------------------

    def node(
        self,
        depth: int,
        name: str,
        annotation: str,
        expr: ir.TypeExpr,
        *,
        required: bool,
        description: str | None = None,
        deprecated: bool = False,
        constraints: dict[str, object] | None = None,
        default: object = ir.MISSING,
        notes: tuple[str, ...] = (),
        ancestors: frozenset[str] = frozenset(),
    ) -> None:
        """A named value (parameter or property) and, under it, what its type holds."""
        declaration = self.cache.view.declaration(name, annotation)
        head = _head(declaration, expr, required, deprecated, constraints, default, notes)
        self._row(depth, head, expr, description, ancestors)

    def _row(self, depth: int, head: str, expr: ir.TypeExpr, description: str | None, ancestors: frozenset[str]) -> None:
        row = Row("  " * depth, head)
        self.rows.append(row)
        text = description if description else self.type_description(expr)
        body = md_prose(text)
        self.describe(expr, depth + 1, ancestors, body)
        row.lines = body

    def property(self, owner: str, prop: ir.Property, depth: int, ancestors: frozenset[str]) -> None:
        """A property of the object definition `owner`, under the name the SDK gives it."""
        key = (owner, id(prop))
        known = self.cache.heads.get(key)
        if known is None or known[0] is not prop:
            view = self.cache.view
            name = view.property_name(owner, prop, self.side)
            notes = () if name == prop.wire_name else (f"{_WIRE_NOTES[self.side]} {code_span(prop.wire_name)}",)
            head = _head(
                view.property_declaration(owner, prop, self.side, name), prop.type, prop.required,
                prop.deprecated, prop.constraints, prop.default, notes,
            )
            known = self.cache.heads[key] = (prop, head)
        self._row(depth, known[1], prop.type, prop.description, ancestors)

    def type_description(self, expr: ir.TypeExpr) -> str | None:
        inner, _ = ir.without_null(expr)
        while isinstance(inner, ir.ArrayType):
            inner, _ = ir.without_null(inner.items)
        if isinstance(inner, ir.DefRef):
            definition = self.definitions.get(inner.id)
            return definition.description if definition is not None else None
        return None

    # ---- what a type holds --------------------------------------------------------------------

    def describe(self, expr: ir.TypeExpr, depth: int, ancestors: frozenset[str], lines: list[str]) -> None:
        """Lines about `expr` (enum values, "One of:") into `lines`; rows for its parts at `depth`."""
        inner, nullable = ir.without_null(expr)
        each = ""
        while isinstance(inner, (ir.ArrayType, ir.MapType)):
            each = "Each item" if isinstance(inner, ir.ArrayType) else "Each value"
            inner, nullable = ir.without_null(inner.items if isinstance(inner, ir.ArrayType) else inner.values)
        if isinstance(inner, ir.LiteralType):
            self._values(inner.values, nullable, lines, each)
        elif isinstance(inner, ir.UnionType):
            self._union(inner, depth, ancestors, lines, each)
        elif isinstance(inner, ir.DefRef):
            self._definition(inner.id, depth, ancestors, lines, each)

    def _values(self, values: tuple[object, ...], nullable: bool, lines: list[str], each: str = "") -> None:
        key = (id(values), nullable, each)
        known = self.cache.values.get(key)
        if known is None or known[0] is not values:
            one_of = self.cache.view.one_of
            constants = self.cache.view.value_constants(values) if len(values) > 1 else None
            shown = [json_span(v) for v in values] + ([json_span(None)] if nullable else [])
            if constants:  # the SDK's constants, one a line
                items = "\n".join(f"- {code_span(c)}" for c in constants)
                text = (f"{each} is one of" if each else one_of) + ":\n\n" + items
            elif not shown:
                text = ""
            elif len(shown) == 1:
                text = f"{each} is always {shown[0]}." if each else f"Always {shown[0]}."
            else:
                text = (f"{each} is one of: " if each else f"{one_of}: ") + ", ".join(shown) + "."
            known = self.cache.values[key] = (values, text)
        if known[1]:
            _paragraph(lines, known[1])

    def _union(self, expr: ir.UnionType, depth: int, ancestors: frozenset[str], lines: list[str], each: str = "") -> None:
        """One of several types: simple ones listed in a sentence, the others as rows to expand."""
        values = tuple(dict.fromkeys(x for v in expr.variants if isinstance(v, ir.LiteralType) for x in v.values))
        nullable = any(isinstance(v, ir.NullType) for v in expr.variants)
        others = [v for v in expr.variants if not isinstance(v, (ir.LiteralType, ir.NullType))]
        if not others:
            self._values(values, nullable, lines, each)
            return
        lead = f"{each} is one of" if each else self.cache.view.one_of
        if all(_simple(v) for v in others):
            shown = [json_span(v) for v in values] + [code_span(self.annotation(v)) for v in others]
            _paragraph(lines, f"{lead}: " + ", ".join(shown) + ".")
            return
        if expr.discriminator is not None:
            lead += f" (told apart by {code_span(expr.discriminator.property)})"
        _paragraph(lines, lead + ":")
        pad = "  " * depth
        if values:
            self.rows.append(Row(pad, "one of the values " + ", ".join(json_span(v) for v in values)))
        for variant in others:
            row = Row(pad, code_span(self.annotation(variant)))
            self.rows.append(row)
            body = md_prose(self.type_description(variant))
            self.describe(variant, depth + 1, ancestors, body)
            row.lines = body

    def _definition(self, ident: str, depth: int, ancestors: frozenset[str], lines: list[str], each: str = "") -> None:
        definition = self.definitions.get(ident)
        if definition is None:
            return
        name = code_span(self.cache.definition_name(ident))
        if isinstance(definition, ir.EnumDef):
            self._values(definition.values, definition.nullable, lines, each)
            return
        if ident in ancestors:
            _paragraph(lines, f"{name} again: its fields are listed above (a recursive type).")
            return
        if isinstance(definition, ir.AliasDef):
            self.describe(definition.target, depth, ancestors | {ident}, lines)
            return
        if not isinstance(definition, ir.ObjectDef):
            return
        props = [p for p in definition.properties if not (p.write_only if self.side == "response" else p.read_only)]
        if not props:
            return
        if depth > MAX_DEPTH:
            _paragraph(lines, f"The fields of {name} are not listed here (nested too deep).")
            return
        if len(self.rows) >= MAX_ROWS:
            _paragraph(lines, f"The fields of {name} are not listed here (this page lists {MAX_ROWS} at most).")
            return
        # The rows an object's fields make depend only on where it is (depth, enclosing types) as long
        # as the row limit is not reached on the way: such runs are kept and reused (as they are: rows
        # are not changed once made), which gives the same rows as expanding again.
        key = (ident, depth, ancestors)
        known = self.cache.expansions.get(key)
        if known is not None and len(self.rows) + len(known) <= MAX_ROWS:
            self.rows.extend(known)
            return
        start = len(self.rows)
        inner = ancestors | {ident}
        for prop in props:
            self.property(ident, prop, depth, inner)
        if len(self.rows) < MAX_ROWS:
            self.cache.expansions[key] = self.rows[start:]


def _simple(expr: ir.TypeExpr) -> bool:
    """Whether a type says all there is in its annotation (nothing to expand under it)."""
    if isinstance(expr, (ir.Primitive, ir.AnyType, ir.NullType, ir.BinaryType, ir.LiteralType)):
        return True
    if isinstance(expr, ir.ArrayType):
        return _simple(expr.items)
    if isinstance(expr, ir.MapType):
        return _simple(expr.values)
    if isinstance(expr, ir.UnionType):
        return all(_simple(v) for v in expr.variants)
    return False


def _head(
    declaration: str,
    expr: ir.TypeExpr,
    required: bool,
    deprecated: bool,
    constraints: dict[str, object] | None,
    default: object,
    notes: tuple[str, ...],
) -> str:
    """The declaration (the view's: name and type), required or optional, notes, constraints, default:
    one line of Markdown."""
    parts = [declaration, "required" if required else "optional"]
    parts.extend(notes)
    if deprecated:
        parts.append("**deprecated**")
    inner, _ = ir.without_null(expr)
    if isinstance(inner, ir.Primitive) and inner.format and inner.format not in _SHOWN_FORMATS:
        parts.append(f"format {code_span(inner.format)}")
    parts.extend(constraint_parts(constraints or {}))
    constant = (
        isinstance(inner, ir.LiteralType) and len(inner.values) == 1
        and inner.values[0] == default and type(inner.values[0]) is type(default)
    )
    if default is not ir.MISSING and not constant:  # a constant's default says nothing more
        parts.append(f"default {json_span(default)}")
    return ", ".join(parts)


def _paragraph(lines: list[str], text: str) -> None:
    if lines:
        lines.append("")
    lines.append(text)
