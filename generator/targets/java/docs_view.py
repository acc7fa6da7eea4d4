"""The Java target's docs view (`generator.docs.view.DocsView`): what the shared docs print for the
Java SDK.

Every name and type comes from the views the Java code is rendered from: the service chain of each
method and its overloads (`services.py`), its params class with the builder's fields and parameters
(`params.py`), each model's getters and their types (`models.py`: `Optional<T>` for an optional or
nullable field, `JsonValue` for a constant), the enum classes' constants. The docs only lay them out:
a row names a value as Java declares it (`Optional<Long> maxFileSize`), an enum's values as its
constants (`ACTIVE("active")`). The example is a whole program (`docs_example.py`).
"""

from __future__ import annotations

from typing import Sequence

from ...docs.examples import Example
from ...docs.text import code_span
from ...docs.view import ArgumentDoc, OperationDoc, SectionDoc, Side
from ...ir import model as ir
from .docs_example import ExamplePrinter, FieldIndex
from .models import FieldView, field_names, prop_key
from .plan import Plan, plan
from .services import MethodView, ServiceView, client_view, service_views
from .text import java_string, notice_text

FILE = "MultipartFile"  # the runtime's class of a multipart body's file


def optional_type(text: str, boxed: str, optional: bool) -> str:
    """How a getter or argument declares its type: `Optional<Long>` for an optional value."""
    return f"Optional<{boxed}>" if optional else text


class JavaDocsView:
    language = "Java"
    code_language = "java"
    call_note = (
        "An argument with a default can be left out: there is an overload without it. "
        "The async client's service has the same method, returning a `CompletableFuture`."
    )
    no_result = "Nothing (`void`)."
    binary_result = "The response as it is (`HttpResponse`): read its `body()` stream and close it."
    text_result = "The response as it is (`HttpResponse`): read its `body()` as text and close it."
    one_of = "Accepts one of the following"
    page_note = "Its `autoPager()` gives every item, fetching further pages as the loop needs them."
    stream_note = "Read the events from its `stream()`, and close it when done:"

    def __init__(self, the_plan: Plan, services: list[ServiceView]):
        self.plan = the_plan
        api = the_plan.api
        self.api = api
        self.notice = notice_text(api)
        self.fields = FieldIndex(the_plan)
        self.examples = ExamplePrinter(the_plan, self.fields, client_view(the_plan, services))
        # An enum's values -> its constants as declared (`ACTIVE("active")`), from the enum classes.
        self.constants = {
            values: [f"{c.name}({c.value})" for c in constants] for values, constants in self.examples.enums.values()
        }
        operations = {op.id: op for op in api.operations}
        chains = _chains(services)
        # By accessor path, as the services list their children: never in the spec's order.
        reached = sorted(
            ((chains[s.cls.key], s) for s in services if s.methods and s.cls.key in chains), key=lambda pair: pair[0]
        )
        self._sections = [self._section(service, chain, operations) for chain, service in reached]

    # ---- DocsView -----------------------------------------------------------------------------

    def memo_scope(self) -> str | None:
        return None  # its pages are built anew: the Java docs take a fraction of the Python docs' time

    def sections(self) -> Sequence[SectionDoc]:
        return self._sections

    def type_text(self, expr: ir.TypeExpr, side: Side) -> str:
        return self.plan.types.lower(expr, "").text

    def property_name(self, owner: str, prop: ir.Property, side: Side) -> str:
        found = self.fields.field(owner, prop)
        if found is None:
            return field_names([prop]).get(prop.wire_name, prop.wire_name)
        # A constant's getter is `_object_()`; it is declared as the field `object_`.
        return found.getter[1:] if found.constant is not None else found.getter

    def declaration(self, name: str, type_text: str) -> str:
        return code_span(f"{type_text} {name}")

    def property_declaration(self, owner: str, prop: ir.Property, side: Side, name: str) -> str:
        found: FieldView | None = self.fields.field(owner, prop)
        if found is None:
            jtype = self.plan.types.lower(prop.type, prop_key(owner, prop))
            optional = not prop.required or ir.is_nullable(prop.type)
            return self.declaration(name, optional_type(jtype.text, jtype.boxed, optional and not jtype.is_json))
        if found.constant is not None:
            return code_span(f"{found.type.text}; {name} {found.constant}")
        return self.declaration(name, optional_type(found.type.text, found.type.boxed, found.optional))

    def value_constants(self, values: tuple[object, ...]) -> Sequence[str] | None:
        if not all(isinstance(v, str) for v in values):
            return None
        return self.constants.get(tuple(dict.fromkeys(str(v) for v in values)))

    def example_code(self, op: OperationDoc, values: Sequence[tuple[ArgumentDoc, Example]]) -> str:
        method = self.examples.methods[op.operation.id]
        return self.examples.program(op, method, values)

    # ---- sections and methods -----------------------------------------------------------------

    def _section(self, service: ServiceView, chain: tuple[str, ...], operations: dict[str, ir.Operation]) -> SectionDoc:
        path = "".join(f"{name}()." for name in chain)
        section = SectionDoc(path[:-1])
        for method in service.methods:
            op = operations[method.params.cls.key[len("op:"):]]
            self.examples.methods[op.id] = method
            section.operations.append(self._operation(chain, path, method, op))
        return section

    def _operation(self, chain: tuple[str, ...], path: str, method: MethodView, op: ir.Operation) -> OperationDoc:
        call = f"client.{path}{method.name}"
        params = method.params
        arguments = self._arguments(method, op)
        # The overload with every argument: the path parameter first, the params, the options.
        signature = []
        if params.path_param is not None:
            signature.append(f"{params.path_param.type.text} {params.path_param.name}")
        default = f" = {params.cls.name}.none()" if params.needs_nothing else ""
        signature.append(f"{params.cls.name} params{default}")
        signature.append("RequestOptions requestOptions = RequestOptions.none()")
        switch = result = None
        if method.streaming is not None:
            switch = f"{method.streaming.name}(params)"
            result = f"StreamResponse<{method.streaming.event.boxed}>"
        return OperationDoc(
            operation=op,
            page=".".join((*chain, method.name)),
            method=method.name,
            call=call,
            title=f"{path}{method.name}",
            signature=f"{method.sync_type} {path}{method.name}({', '.join(signature)})",
            arguments=arguments,
            result=method.sync_type,
            page_item=method.page.item.text if method.page is not None else None,
            stream_switch=switch,
            stream_result=result,
        )

    def _arguments(self, method: MethodView, op: ir.Operation) -> list[ArgumentDoc]:
        """The builder's parameters and body fields, in the params view's order, with their IR nodes."""
        params = method.params
        sources = [p for p in op.parameters if p.location in ("path", "query", "header")]
        out = []
        for param, view in zip(sources, params.params):
            optional = not param.required and view.location != "path" and not view.type.is_json
            type_text = optional_type(view.type.text, view.type.boxed, optional)
            out.append(ArgumentDoc(param, view.name, type_text, param.location, view.location == "path"))
        if op.body is not None and op.body.fields is not None:
            # A multipart body's files are the params' own (`MultipartFile`), its other fields `Body`'s.
            fields = {f.wire: f for f in params.body_fields or []}
            files = {f.wire: f for f in params.files}
            for prop in op.body.fields:
                wire = java_string(prop.wire_name)
                field, file = fields.get(wire), files.get(wire)
                if file is not None:
                    self.examples.files[(op.id, prop.wire_name)] = file
                    type_text = "List<MultipartFile>" if file.many else optional_type(FILE, FILE, not file.required)
                    out.append(ArgumentDoc(prop, file.name, type_text, "file", False))
                elif field is not None and field.constant is None:  # a constant is the builder's own
                    type_text = optional_type(field.type.text, field.type.boxed, field.optional)
                    out.append(ArgumentDoc(prop, field.getter, type_text, "body", False))
        elif op.body is not None and params.raw_body:
            out.append(ArgumentDoc(op.body, "body_", "JsonValue", "whole_body", False))
        return out


def _chains(services: list[ServiceView]) -> dict[str, tuple[str, ...]]:
    """By service class key: the accessors that reach it from the client (`things`, `parts` for
    `client.things().parts()`); the root's own methods are on `root()`."""
    if not services:
        return {}
    by_key = {s.cls.key: s for s in services}
    out: dict[str, tuple[str, ...]] = {services[0].cls.key: ("root",)}
    stack: list[tuple[ServiceView, tuple[str, ...]]] = [(services[0], ())]
    while stack:
        service, chain = stack.pop()
        for child in service.children:
            found = by_key.get(child.service.key)
            if found is not None and found.cls.key not in out:
                out[found.cls.key] = chain + (child.name,)
                stack.append((found, chain + (child.name,)))
    return out


def docs_view(api: ir.Api, the_plan: Plan | None = None) -> JavaDocsView:
    the_plan = the_plan or plan(api)
    return JavaDocsView(the_plan, service_views(the_plan))


__all__ = ["JavaDocsView", "docs_view", "optional_type"]
