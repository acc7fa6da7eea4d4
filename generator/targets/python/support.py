"""What both halves of the lowering (types modules, resources) use: import lines, doc text, defaults."""

from __future__ import annotations

import math

from ...ir import model as ir
from .layout import import_from
from .runtime_names import module_of

# ---- helpers --------------------------------------------------------------------------------------


def default_fits(value: object, expr: ir.TypeExpr, definitions: dict[str, ir.Definition]) -> bool:
    """Whether a spec default is a scalar the field's type admits, so it can be the field's default.

    Defaults that are objects or lists, dates, or values the schema itself rejects are left out (the
    field defaults to None, as without a default).
    """
    if value is ir.MISSING or isinstance(value, (dict, list)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if isinstance(expr, ir.UnionType):
        return any(default_fits(value, v, definitions) for v in expr.variants)
    if isinstance(expr, ir.NullType):
        return value is None
    if isinstance(expr, ir.AnyType):
        return isinstance(value, (str, int, float, bool)) or value is None
    if isinstance(expr, ir.LiteralType):
        return any(value == v and type(value) is type(v) for v in expr.values)
    if isinstance(expr, ir.Primitive):
        if expr.kind == "string":
            return isinstance(value, str) and expr.format not in ("date-time", "date")
        if expr.kind == "boolean":
            return isinstance(value, bool)
        if expr.kind == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(expr, ir.DefRef):
        definition = definitions.get(expr.id)
        if isinstance(definition, ir.EnumDef):
            return (value is None and definition.nullable) or default_fits(value, ir.LiteralType(definition.values), definitions)
        if isinstance(definition, ir.AliasDef):
            return default_fits(value, definition.target, definitions)
    return False


def describe(description: str | None, deprecated: bool = False) -> str | None:
    if deprecated:
        return "Deprecated." + ("\n\n" + description if description else "")
    return description


def import_lines(used: set[str], runtime_prefix: str) -> list[str]:
    """`import`/`from` lines for the helper names an annotator used, in a fixed order."""
    lines = []
    if "builtins" in used:
        lines.append("import builtins")
    if "datetime" in used:
        lines.append("import datetime")
    typing_names = sorted(n for n in ("Dict", "Iterable", "List", "Optional", "TYPE_CHECKING", "Union", "cast", "overload") if n in used)
    extension_names = sorted(n for n in ("Annotated", "Literal", "Required", "TypeAlias", "TypeAliasType", "TypedDict") if n in used)
    if typing_names:
        lines.append(import_from("typing", typing_names))
    if lines and (extension_names or "Field" in used):
        lines.append("")
    if "Field" in used:
        lines.append("from pydantic import Field")
    if extension_names:
        lines.append(import_from("typing_extensions", extension_names))
    if "FileTypes" in used:
        lines.append("")
        lines.append(f"from {runtime_prefix}_types import FileTypes")
    return lines


RESOURCE_BASICS = {
    "SyncAPIResource", "AsyncAPIResource", "to_raw_response_wrapper",
    "async_to_raw_response_wrapper", "to_streamed_response_wrapper", "async_to_streamed_response_wrapper",
    "Body", "Headers", "NotGiven", "Query", "Timeout", "not_given",
}


def runtime_import_lines(names: set[str]) -> list[str]:
    """`from .._x import ...` lines for runtime names, grouped by module in a fixed order."""
    by_module: dict[str, list[str]] = {}
    for name in names:
        by_module.setdefault(module_of(name), []).append(name)
    return [
        import_from(f"..{module}", sorted(by_module[module], key=lambda n: (n.lower(), n)))
        for module in sorted(by_module)
    ]


def raw_body_annotation(body: ir.RequestBody) -> str | None:
    """What a method takes for a body sent as it is (not JSON, not a form): bytes or text."""
    return "Union[bytes, str]" if body.encoding in ("binary", "text") else None


def is_binary(expr: ir.TypeExpr) -> bool:
    if isinstance(expr, ir.BinaryType):
        return True
    if isinstance(expr, ir.ArrayType):
        return is_binary(expr.items)
    if isinstance(expr, ir.UnionType):
        return any(is_binary(v) for v in expr.variants)
    return False
