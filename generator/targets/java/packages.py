"""Which package each class of the SDK goes to.

With base package `B`: the runtime in `B.core`, `B.errors`, `B.client.okhttp`; the client interfaces in
`B.client`; models in `B.models.<resource path>` of the first operation (by resource path and method) that reaches
them, or where their `x-sdkgen.java.package` says (relative to `B.models`), or `B.models` when no
operation reaches them; a params class and its pages in its resource's model package; services in
`B.services.blocking.<parent path>` and `B.services.async.<parent path>`.
"""

from __future__ import annotations

from typing import Iterator

from ...ir import model as ir
from ...ir.usage import type_refs
from .naming import package_segment
from .settings import model_package


def segments(path: tuple[ir.Name, ...]) -> tuple[str, ...]:
    return tuple(package_segment(name.words) for name in path)


def _operation_types(op: ir.Operation) -> Iterator[ir.TypeExpr]:
    for param in op.parameters:
        yield param.type
    if op.body is not None:
        yield op.body.type
    for response in (op.response, op.stream_response):
        if response is not None and response.type is not None:
            yield response.type


def first_use(api: ir.Api) -> dict[str, tuple[ir.Name, ...]]:
    """Each definition an operation reaches -> the resource path of the first one that does, taking
    the operations by resource path and method name (not in spec order: the output must not depend
    on the order of `paths`)."""
    found: dict[str, tuple[ir.Name, ...]] = {}
    for op in sorted(api.operations, key=lambda o: (tuple(n.words for n in o.resource), o.method.words, o.id)):
        stack = [ident for expr in _operation_types(op) for ident in type_refs(expr)]
        while stack:
            ident = stack.pop()
            if ident in found:
                continue
            found[ident] = op.resource
            definition = api.definitions.get(ident)
            if isinstance(definition, ir.ObjectDef):
                for prop in reversed(definition.properties):
                    stack.extend(type_refs(prop.type))
                if definition.additional is not None:
                    stack.extend(type_refs(definition.additional))
            elif isinstance(definition, ir.AliasDef):
                stack.extend(type_refs(definition.target))
    return found


def model_packages(api: ir.Api, base: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The package of every definition's class (configured, else by first use)."""
    used = first_use(api)
    out: dict[str, tuple[str, ...]] = {}
    for ident, definition in api.definitions.items():
        configured = model_package(definition)
        if configured is not None:
            out[ident] = base + ("models",) + configured
        else:
            out[ident] = base + ("models",) + segments(used.get(ident, ()))
    return out


def service_package(base: tuple[str, ...], flavour: str, path: tuple[ir.Name, ...]) -> tuple[str, ...]:
    """A resource's service's package: `flavour` is `blocking` or `async`; its parent's path."""
    return base + ("services", flavour) + segments(path[:-1])
