"""Digests of IR parts for the memo (`generator/memo.py`): a definition's digest covers it and every
definition it reaches through references, so a step that reads a definition and follows its
references (annotations, defaults, field names, docs trees) is named by exactly what it can read."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..memo import digest
from . import model as ir
from .graph import components


def _mentioned(expr: ir.TypeExpr | None) -> Iterator[str]:
    """Definition ids a type names: its references, and its discriminators' mappings."""
    stack = [] if expr is None else [expr]
    while stack:
        current = stack.pop()
        if isinstance(current, ir.DefRef):
            yield current.id
        elif isinstance(current, ir.UnionType):
            if current.discriminator is not None:
                yield from (ident for _, ident in current.discriminator.mapping)
            stack.extend(current.variants)
        elif isinstance(current, ir.ArrayType):
            stack.append(current.items)
        elif isinstance(current, ir.MapType):
            stack.append(current.values)


def definition_mentions(definition: ir.Definition) -> Iterator[str]:
    if isinstance(definition, ir.ObjectDef):
        for prop in definition.properties:
            yield from _mentioned(prop.type)
        yield from _mentioned(definition.additional)
    elif isinstance(definition, ir.AliasDef):
        yield from _mentioned(definition.target)


def operation_mentions(op: ir.Operation) -> Iterator[str]:
    for param in op.parameters:
        yield from _mentioned(param.type)
    if op.body is not None:
        yield from _mentioned(op.body.type)
        for field in op.body.fields or ():
            yield from _mentioned(field.type)
    for response in (op.response, op.stream_response, *op.error_responses):
        if response is not None:
            yield from _mentioned(response.type)
    if op.pagination is not None:
        yield from _mentioned(op.pagination.item_type)


class Digests:
    """Digests of one API's definitions and operations. A definition's covers every definition it
    reaches: the members of its strongly connected part and, through their digests, the parts below
    (computed once for the API, linear in its size)."""

    def __init__(self, api: ir.Api):
        definitions = api.definitions
        edges = {ident: sorted(set(definition_mentions(d))) for ident, d in definitions.items()}
        self.deep: dict[str, str] = {}
        self._operations: dict[str, str] = {}
        for members in components(edges):  # each after the parts it reaches
            below = sorted({self.deep[child] for m in members for child in edges.get(m, ()) if child not in members})
            part = digest([(m, definitions.get(m)) for m in members], below)
            for member in members:
                self.deep[member] = part

    def definition(self, ident: str) -> str:
        """The definition and everything it reaches ("-": no such definition)."""
        return self.deep.get(ident, "-")

    def closure(self, roots: Iterable[str]) -> str:
        """The digest of the definitions `roots` reach, themselves included."""
        return digest(sorted({(root, self.definition(root)) for root in roots}))

    def operation(self, op: ir.Operation) -> str:
        """The operation and the definitions it reaches (asked by each target and the docs)."""
        if op.id not in self._operations:
            self._operations[op.id] = digest(op, self.closure(operation_mentions(op)))
        return self._operations[op.id]
