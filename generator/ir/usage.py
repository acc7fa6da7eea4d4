"""Who uses what: the definitions a type mentions, and which side (responses, requests) reaches each."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from . import model as ir


def type_refs(expr: ir.TypeExpr) -> Iterator[str]:
    """Ids of the definitions a type mentions directly."""
    stack = [expr]
    while stack:
        current = stack.pop()
        if isinstance(current, ir.DefRef):
            yield current.id
        elif isinstance(current, ir.ArrayType):
            stack.append(current.items)
        elif isinstance(current, ir.MapType):
            stack.append(current.values)
        elif isinstance(current, ir.UnionType):
            stack.extend(reversed(current.variants))


def definition_types(definition: ir.Definition, side: str) -> Iterator[ir.TypeExpr]:
    """The types a definition is made of, as seen from responses or from requests."""
    if isinstance(definition, ir.ObjectDef):
        for prop in definition.properties:
            if side == "response" and prop.write_only or side == "request" and prop.read_only:
                continue
            yield prop.type
        if definition.additional is not None:
            yield definition.additional
    elif isinstance(definition, ir.AliasDef):
        yield definition.target


def reached(definitions: dict[str, ir.Definition], roots: list[ir.TypeExpr], side: str) -> set[str]:
    """Ids of every definition the roots reach on one side, through any number of definitions."""
    seen: set[str] = set()
    stack = [ident for expr in roots for ident in type_refs(expr)]
    while stack:
        ident = stack.pop()
        definition = definitions.get(ident)
        if definition is None or ident in seen:
            continue
        seen.add(ident)
        for expr in definition_types(definition, side):
            stack.extend(type_refs(expr))
    return seen


def mark_usage(definitions: dict[str, ir.Definition], operations: list[ir.Operation]) -> None:
    """Set `used_in_responses` / `used_in_requests` on every definition."""
    responses: list[ir.TypeExpr] = []
    requests: list[ir.TypeExpr] = []
    for op in operations:
        for response in [op.response, op.stream_response, *op.error_responses]:
            if response is not None and response.type is not None:
                responses.append(response.type)
        requests.extend(p.type for p in op.parameters)
        if op.body is not None:
            if op.body.fields is not None:
                requests.extend(f.type for f in op.body.fields)
            else:
                requests.append(op.body.type)
    in_responses = reached(definitions, responses, "response")
    in_requests = reached(definitions, requests, "request")
    # Every schema is a model: those no operation reaches are response-side models.
    used = in_responses | in_requests
    unused = [ir.DefRef(i) for i, d in definitions.items() if d.is_component and i not in used]
    in_responses |= reached(definitions, list(unused), "response")
    for ident, definition in definitions.items():
        definitions[ident] = replace(definition, used_in_responses=ident in in_responses, used_in_requests=ident in in_requests)


def needs_param_form(definition: ir.Definition, definitions: dict[str, ir.Definition]) -> bool:
    """Objects, and aliases that reach objects, look different in requests (they drop read-only
    properties and take plain mappings)."""
    if isinstance(definition, ir.ObjectDef):
        return True
    if isinstance(definition, ir.AliasDef):
        return any(not isinstance(definitions.get(t), ir.EnumDef) for t in type_refs(definition.target))
    return False
