"""IR types -> Python annotations, for response models ("model" side) or request params ("param" side).

Every annotation is evaluable on Python 3.9 (typing forms, no `X | Y`), so pydantic can read it at run
time. The annotator records which names it used, so a module imports exactly those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Mapping

from ...ir import model as ir
from .text import py_literal, py_str

Side = Literal["model", "param"]

_BUILTINS = ("str", "int", "float", "bool", "object", "bytes")
_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
# Where each helper name is imported from.
IMPORT_SOURCES = {
    "Dict": "typing",
    "List": "typing",
    "Optional": "typing",
    "Union": "typing",
    "Iterable": "typing",
    "Literal": "typing_extensions",
    "Annotated": "typing_extensions",
    "Field": "pydantic",
    "datetime": "",  # `import datetime`
    "builtins": "",  # `import builtins`
    "FileTypes": "runtime",
}


@dataclass
class Annotator:
    definitions: dict[str, ir.Definition]
    side: Side
    # Each definition's class name, and the name of its request-side form where it has one.
    type_names: dict[str, str] = field(default_factory=dict)
    param_names: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # helper names used (see IMPORT_SOURCES)
    types_used: set[str] = field(default_factory=set)  # definition names used
    shadowed: frozenset[str] = frozenset()  # names a class body rebinds (its fields)
    # Python attribute of each wire property, by definition id (for pydantic discriminators).
    field_names: Mapping[str, dict[str, str]] = field(default_factory=dict)
    # Binary values are files (a multipart body's own fields); elsewhere, in JSON, they are strings.
    files: bool = False
    # Definitions named in quotes (forward references: an alias's own cycle).
    forward: frozenset[str] = frozenset()

    def _name(self, name: str) -> str:
        if name in _BUILTINS and name in self.shadowed:
            self.used.add("builtins")
            return f"builtins.{name}"
        if name in IMPORT_SOURCES:
            self.used.add(name)
        return name

    def ref_name(self, ident: str) -> str:
        name = self.type_names[ident] if self.side == "model" else self.param_names.get(ident) or self.type_names[ident]
        self.types_used.add(name)
        return py_str(name) if ident in self.forward else name

    def __call__(self, expr: ir.TypeExpr) -> str:
        return self.annotation(expr)

    def annotation(self, expr: ir.TypeExpr) -> str:
        if isinstance(expr, ir.Primitive):
            if expr.kind == "string" and expr.format in ("date-time", "date"):
                self.used.add("datetime")
                moment = "datetime.datetime" if expr.format == "date-time" else "datetime.date"
                if self.side == "param":
                    return f"{self._name('Union')}[{self._name('str')}, {moment}]"
                return moment
            return self._name(_PRIMITIVES[expr.kind])
        if isinstance(expr, ir.AnyType):
            return self._name("object")
        if isinstance(expr, ir.NullType):
            return "None"
        if isinstance(expr, ir.BinaryType):
            return self._name("FileTypes") if self.side == "param" and self.files else self._name("str")
        if isinstance(expr, ir.LiteralType):
            values = ", ".join(py_literal(v) for v in expr.values)
            return f"{self._name('Literal')}[{values}]"
        if isinstance(expr, ir.ArrayType):
            container = "Iterable" if self.side == "param" else "List"
            return f"{self._name(container)}[{self.annotation(expr.items)}]"
        if isinstance(expr, ir.MapType):
            return f"{self._name('Dict')}[{self._name('str')}, {self.annotation(expr.values)}]"
        if isinstance(expr, ir.DefRef):
            return self.ref_name(expr.id)
        if isinstance(expr, ir.UnionType):
            return self._union(expr)
        raise TypeError(f"unknown IR type {expr!r}")

    def _union(self, expr: ir.UnionType) -> str:
        has_null = any(isinstance(v, ir.NullType) for v in expr.variants)
        rest: list[ir.TypeExpr] = [v for v in expr.variants if not isinstance(v, ir.NullType)]
        literals = [v for v in rest if isinstance(v, ir.LiteralType)]
        if len(literals) > 1:  # Literal["a"] | Literal["b"] reads better as one Literal
            merged = ir.LiteralType(tuple(dict.fromkeys(x for lit in literals for x in lit.values)))
            rest = [merged] + [v for v in rest if not isinstance(v, ir.LiteralType)]
        parts = list(dict.fromkeys(self.annotation(v) for v in rest))
        discriminator = self._discriminator(expr, rest) if not has_null else None
        if len(parts) == 1:
            inner = parts[0]
            return f"{self._name('Optional')}[{inner}]" if has_null else inner
        inner = f"{self._name('Union')}[{', '.join(parts + (['None'] if has_null else []))}]"
        if discriminator:
            return f"{self._name('Annotated')}[{inner}, {self._name('Field')}(discriminator={discriminator})]"
        return inner

    def _discriminator(self, expr: ir.UnionType, variants: list[ir.TypeExpr]) -> str | None:
        """pydantic's discriminator, where every variant is a model with a literal tag field."""
        if self.side != "model" or expr.discriminator is None:
            return None
        tag = expr.discriminator.property
        seen: set[object] = set()
        for variant in variants:
            if not isinstance(variant, ir.DefRef):
                return None
            definition = self.definitions[variant.id]
            if not isinstance(definition, ir.ObjectDef):
                return None
            prop = next((p for p in definition.properties if p.wire_name == tag), None)
            if prop is None or not prop.required or not isinstance(prop.type, ir.LiteralType):
                return None
            if seen & set(prop.type.values):
                return None
            if self.field_names.get(variant.id, {}).get(tag, tag) != tag:
                return None  # an aliased tag field: let pydantic try each variant instead
            seen.update(prop.type.values)
        return py_literal(tag)
