"""Example values for the docs: from the spec's examples when it has them, else made up from the types.

Order of preference for one value: the spec's example (of the property or parameter, then of its named
type), its default, the first enum or const value, then a placeholder by type (`"string"`, `0`, `True`,
a date for a date format). Objects hold their required properties (request side: plus one optional when
none is required) or every property (response side). Recursion and depth are bounded: a type met again
inside itself, or too deep, gets the smallest value that still parses (`{}`, `[]`, `null`).

The values are plain JSON data (plus `FILE` for a file upload); a target's docs view prints them in
its language, `curl.py` makes the curl example.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Literal, Union

from ..ir import model as ir

Side = Literal["request", "response"]
MAX_DEPTH = 8  # levels of made-up nested objects
MAX_SPEC_DEPTH = 32  # levels of a spec example kept (deeper parts become null)
MAX_SPEC_NODES = 5000  # values kept from one spec example (the rest become null)


class FileValue:
    """A file to upload (`read`: its bytes, for a raw body); `@path` in curl."""

    def __init__(self, read: bool):
        self.read = read

    def __repr__(self) -> str:
        return "FILE_BYTES" if self.read else "FILE"


FILE = FileValue(False)  # a multipart file field
FILE_BYTES = FileValue(True)  # a raw request body, read from a file
Example = Union[None, bool, int, float, str, list["Example"], dict[str, "Example"], FileValue]


class _Skip:
    """No value fits here (a type met again inside itself, or too deep)."""


_SKIP = _Skip()


# ---- spec examples, made JSON-safe ----------------------------------------------------------------


def json_safe(value: object) -> Example:
    """A spec value (YAML can hold dates, odd keys, shared or cyclic nodes) as plain JSON data."""
    budget = [MAX_SPEC_NODES]

    def walk(node: object, depth: int, ancestors: tuple[int, ...]) -> Example:
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_SPEC_DEPTH:
            return None
        if node is None or isinstance(node, (bool, str)):
            return node
        if isinstance(node, int):
            return node
        if isinstance(node, float):
            return node if math.isfinite(node) else str(node)
        if isinstance(node, (datetime.date, datetime.time)):
            return node.isoformat()
        if isinstance(node, (list, tuple)):
            if id(node) in ancestors:
                return None
            inner = ancestors + (id(node),)
            return [walk(item, depth + 1, inner) for item in node]
        if isinstance(node, dict):
            if id(node) in ancestors:
                return None
            inner = ancestors + (id(node),)
            return {_key(k): walk(v, depth + 1, inner) for k, v in node.items()}
        if isinstance(node, bytes):
            return node.decode("utf-8", "replace")
        return str(node)

    return walk(value, 0, ())


def _key(key: object) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool) or key is None:
        return json.dumps(key)
    return str(key)


def for_json(value: Example) -> object:
    """The value as JSON data (a file becomes a placeholder string)."""
    if isinstance(value, FileValue):
        return "@path/to/file"
    if isinstance(value, list):
        return [for_json(v) for v in value]
    if isinstance(value, dict):
        return {k: for_json(v) for k, v in value.items()}
    return value


# ---- made-up values -------------------------------------------------------------------------------


_FORMATS: dict[str, str] = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00",
    "email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "byte": "U3RyaW5n",
}


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _numeric(kind: str, constraints: dict[str, object]) -> int | float:
    low = _number(constraints.get("minimum"))
    high = _number(constraints.get("maximum"))
    exclusive_low = constraints.get("exclusiveMinimum")
    exclusive_high = constraints.get("exclusiveMaximum")
    step = 1.0 if kind == "integer" else 0.5
    if _number(exclusive_low) is not None:
        low = max(low if low is not None else -math.inf, (_number(exclusive_low) or 0.0) + step)
    elif exclusive_low is True and low is not None:
        low += step
    if _number(exclusive_high) is not None:
        high = min(high if high is not None else math.inf, (_number(exclusive_high) or 0.0) - step)
    elif exclusive_high is True and high is not None:
        high -= step
    value = 0.0
    if low is not None and value < low:
        value = low
    if high is not None and value > high and (low is None or high >= low):
        value = high
    if kind == "integer":
        return int(math.ceil(value)) if abs(value) < 1e18 else 0
    return int(value) if value.is_integer() and abs(value) < 1e18 else value


def _string(fmt: str | None, constraints: dict[str, object]) -> str:
    text = _FORMATS.get(fmt or "", "string")
    min_length = constraints.get("minLength")
    max_length = constraints.get("maxLength")
    if isinstance(min_length, int) and not isinstance(min_length, bool) and 0 < min_length <= 1000:
        while len(text) < min_length:
            text += "string"
        if fmt not in _FORMATS:
            text = text[: max(min_length, 6)]
    if isinstance(max_length, int) and not isinstance(max_length, bool) and 0 <= max_length < len(text):
        text = text[:max_length]
    return text


class ExampleBuilder:
    """Example values for one side of the API, from the IR's types."""

    def __init__(self, definitions: dict[str, ir.Definition], side: Side, files: bool = False):
        self.definitions = definitions
        self.side = side
        self.files = files  # binary values are files to upload (a multipart body's fields)

    # ---- entry points -------------------------------------------------------------------------

    def for_property(self, prop: ir.Property) -> Example:
        return self.value(prop.type, prop.examples, prop.default, prop.constraints)

    def for_parameter(self, param: ir.Parameter) -> Example:
        return self.value(param.type, param.examples, param.default, param.constraints)

    def value(
        self,
        expr: ir.TypeExpr,
        examples: list[object] | None = None,
        default: object = ir.MISSING,
        constraints: dict[str, object] | None = None,
    ) -> Example:
        if examples:
            return json_safe(examples[0])
        if default is not ir.MISSING:
            return json_safe(default)
        found = self._type(expr, constraints or {}, 0, frozenset())
        return None if isinstance(found, _Skip) else found

    # ---- by type ------------------------------------------------------------------------------

    def _type(self, expr: ir.TypeExpr, constraints: dict[str, object], depth: int, ancestors: frozenset[str]) -> Example | _Skip:
        if isinstance(expr, ir.Primitive):
            if expr.kind == "string":
                return _string(expr.format, constraints)
            if expr.kind == "boolean":
                return True
            return _numeric(expr.kind, constraints)
        if isinstance(expr, ir.LiteralType):
            return expr.values[0] if expr.values else None
        if isinstance(expr, ir.NullType):
            return None
        if isinstance(expr, ir.AnyType):
            return {}
        if isinstance(expr, ir.BinaryType):
            return FILE if self.files else "string"
        if isinstance(expr, ir.ArrayType):
            if depth >= MAX_DEPTH:
                return []
            item = self._type(expr.items, {}, depth + 1, ancestors)
            return [] if isinstance(item, _Skip) else [item]
        if isinstance(expr, ir.MapType):
            if depth >= MAX_DEPTH:
                return {}
            value = self._type(expr.values, {}, depth + 1, ancestors)
            return {} if isinstance(value, _Skip) else {"key": value}
        if isinstance(expr, ir.UnionType):
            return self._union(expr, constraints, depth, ancestors)
        if isinstance(expr, ir.DefRef):
            return self._definition(expr.id, constraints, depth, ancestors)
        return None

    def _union(self, expr: ir.UnionType, constraints: dict[str, object], depth: int, ancestors: frozenset[str]) -> Example | _Skip:
        variants = [v for v in expr.variants if not isinstance(v, ir.NullType)]
        # An enum value says more than a placeholder: those variants first.
        variants.sort(key=lambda v: 0 if self._is_enum(v) else 1)
        for variant in variants:
            found = self._type(variant, constraints, depth, ancestors)
            if not isinstance(found, _Skip):
                return found
        if len(variants) < len(expr.variants):
            return None
        return _SKIP

    def _is_enum(self, expr: ir.TypeExpr) -> bool:
        if isinstance(expr, ir.LiteralType):
            return True
        if isinstance(expr, ir.DefRef):
            definition = self.definitions.get(expr.id)
            return isinstance(definition, ir.EnumDef) and bool(definition.values)
        return False

    def _definition(self, ident: str, constraints: dict[str, object], depth: int, ancestors: frozenset[str]) -> Example | _Skip:
        definition = self.definitions.get(ident)
        if definition is None or ident in ancestors:
            return _SKIP
        if definition.examples:
            return json_safe(definition.examples[0])
        inner = ancestors | {ident}
        if isinstance(definition, ir.EnumDef):
            return definition.values[0] if definition.values else None
        if isinstance(definition, ir.AliasDef):
            return self._type(definition.target, constraints, depth, inner)
        if not isinstance(definition, ir.ObjectDef):
            return {}
        if depth >= MAX_DEPTH:
            return {}
        out: dict[str, Example] = {}
        for prop in self.properties(definition):
            value = self._property_value(prop, depth + 1, inner)
            if isinstance(value, _Skip):
                if prop.required:
                    out[prop.wire_name] = None if ir.is_nullable(prop.type) else {}
                continue
            out[prop.wire_name] = value
        return out

    def properties(self, definition: ir.ObjectDef) -> list[ir.Property]:
        """The properties an example of this object shows."""
        if self.side == "response":
            return [p for p in definition.properties if not p.write_only]
        usable = [p for p in definition.properties if not p.read_only]
        required = [p for p in usable if p.required]
        return required or usable[:1]

    def _property_value(self, prop: ir.Property, depth: int, ancestors: frozenset[str]) -> Example | _Skip:
        if prop.examples:
            return json_safe(prop.examples[0])
        if prop.default is not ir.MISSING:
            return json_safe(prop.default)
        return self._type(prop.type, prop.constraints, depth, ancestors)


__all__ = ["FILE", "FILE_BYTES", "Example", "ExampleBuilder", "FileValue", "for_json", "json_safe"]
