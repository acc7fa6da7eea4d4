"""Paths and operations -> IR operations: parameters, request body, the response a method returns.

Read from the normalised view (`spec/normal.py`): parameters, bodies and responses arrive through
their `$ref`s already, each field of one type."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Mapping

from . import model as ir
from .config import MAX_RESOURCE_DEPTH, OperationConfig, operation_config
from ..spec import normal
from ..spec.pointers import join_pointer
from .default_names import Route, default_hint, default_names, operation_id_name, route_shapes, skips_an_item
from .naming import pascal
from .pagination import PaginationInference
from .schema_nodes import hint_of, union
from .schemas import SchemaBuilder
from ..spec.document import Spec

_DEFAULT_STYLE = {"query": "form", "path": "simple", "header": "simple", "cookie": "form"}
_STYLE_NAMES = {
    ("form", False): "form_no_explode",
    ("spaceDelimited", True): "space_delimited",
    ("spaceDelimited", False): "space_delimited",
    ("pipeDelimited", True): "pipe_delimited",
    ("pipeDelimited", False): "pipe_delimited",
    ("deepObject", True): "deep_object",
    ("deepObject", False): "deep_object",
}


def is_json(content_type: str) -> bool:
    base = content_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or "json" in base


def _media_kind(content_type: str) -> str:
    base = content_type.split(";")[0].strip().lower()
    if is_json(base):
        return "json"
    if base == "text/event-stream":
        return "stream"
    if base == "multipart/form-data":
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base.startswith("text/"):
        return "text"
    return "binary"


_LOCATIONS: dict[str, ir.ParamLocation] = {"path": "path", "query": "query", "header": "header", "cookie": "cookie"}
_Shared = dict[tuple[str, str], normal.Parameter]  # parameters by (location, name)
_Names = tuple[tuple[ir.Name, ...], ir.Name]  # an operation's resource path and method name


def _text(name: ir.Name) -> str:
    """How a name is compared for collisions: its spelling, else its words in snake case."""
    return name.spelling if name.spelling is not None else "_".join(name.words)


class OperationBuilder:
    def __init__(self, spec: Spec, schemas: SchemaBuilder):
        self.spec = spec
        self.schemas = schemas
        self.paging = PaginationInference(spec, schemas)

    def build_all(self) -> list[ir.Operation]:
        paths = self.schemas.view.paths
        found = [(item, operation, operation_config(self.spec, operation.raw, operation.ptr)) for item in paths for operation in item.operations]
        names = self._names([(item.path, operation, config) for item, operation, config in found])
        return [
            self.build(item.path, operation, _by_key(item.parameters), config, names[operation.ptr])
            for item, operation, config in found
        ]

    def _names(self, found: list[tuple[str, normal.Operation, OperationConfig]]) -> dict[str, _Names]:
        """Each operation's resource path and method name: configured, else the conventional ones
        (`default_names`); operations the conventions would name alike on one resource take their
        operationIds' words instead, so that a number is the last resort (the targets' `resolve`)."""
        verbs: dict[str, list[str]] = {}
        for path, operation, _ in found:
            verbs.setdefault(path, []).append(operation.method)
        shapes = route_shapes(verbs.items())
        default_security = self.schemas.view.security
        names: dict[str, _Names] = {}
        defaulted: set[str] = set()
        for path, operation, config in found:
            security = operation.raw.get("security")
            own = tuple(str(n) for r in security if isinstance(r, dict) for n in r) if isinstance(security, list) else None
            route = Route(path, operation.method, operation.operation_id, operation.tags, own)
            resource, method = default_names(route, shapes, default_security)
            if config.method is None:
                defaulted.add(operation.ptr)
            names[operation.ptr] = (
                config.resource if config.resource is not None else resource[:MAX_RESOURCE_DEPTH],
                config.method or method,
            )
        groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
        for ptr, (resource, method) in names.items():
            groups.setdefault((tuple(_text(r) for r in resource), (_text(method),)), []).append(ptr)
        by_ptr = {operation.ptr: (path, operation) for path, operation, _ in found}
        for ptrs in groups.values():
            if len(ptrs) > 1:
                irregular = [ptr for ptr in ptrs if skips_an_item(by_ptr[ptr][0], shapes)]
                renamed = irregular if len(ptrs) - len(irregular) == 1 else ptrs
                for ptr in renamed:
                    if ptr in defaulted:
                        path, operation = by_ptr[ptr]
                        names[ptr] = (names[ptr][0], operation_id_name(operation.method, path, operation.operation_id))
        return names

    # ---- parameters ---------------------------------------------------------------------------

    def _parameter(self, param: normal.Parameter, hint: str) -> ir.Parameter | None:
        location, name, ptr = _LOCATIONS.get(param.location), param.name, param.ptr
        if location is None:
            return None
        if location == "cookie":
            self.schemas.warn(
                f"cookie parameter {name!r} is not supported; send it with extra_headers", ptr
            )
            return None
        if location == "header" and name.lower() in ("accept", "content-type", "authorization"):
            return None  # OpenAPI says these header parameters are ignored
        schema = param.schema
        expr = self.schemas.type_of(schema, hint + pascal(name))
        style = param.style if param.style is not None else _DEFAULT_STYLE[location]
        explode = param.explode if param.explode is not None else style == "form"
        style_name = _STYLE_NAMES.get((style, explode)) if location == "query" else None
        # What the parameter does not say, its schema (after its refs) may: an absent one says nothing.
        resolved = self.schemas.resolve(schema) if schema is not None else self.schemas.view.empty(ptr)
        return ir.Parameter(
            wire_name=name,
            location=location,
            type=expr,
            required=param.required or location == "path",
            description=param.description or resolved.description,
            deprecated=param.deprecated,
            style=style_name,
            default=resolved.raw.get("default", ir.MISSING),
            constraints=dict(resolved.constraints),
            examples=list(param.examples or resolved.examples),
            pointer=ptr,
        )

    # ---- operation ----------------------------------------------------------------------------

    def build(self, path: str, operation: normal.Operation, shared: _Shared, config: OperationConfig, names: _Names) -> ir.Operation:
        method, op_ptr = operation.method, operation.ptr
        operation_id = operation.operation_id
        tags = list(operation.tags)
        resource, method_name = names
        # Inline types in the parameters, body and responses are named after the operation
        # (`SessionCreate...`): from the configured params name, else the resource and method.
        params_name = config.params_name
        hint_name = hint_of(params_name) if params_name is not None else default_hint(resource, method_name)
        hint_base = hint_name[: -len("Params")] if hint_name.endswith("Params") else hint_name

        written = {**shared, **_by_key(operation.parameters)}  # the operation's own win
        parameters = []
        for param in written.values():
            built = self._parameter(param, hint_base)
            if built is not None:
                parameters.append(built)
        declared = {p.wire_name for p in parameters if p.location == "path"}
        for name in re.findall(r"{([^}]+)}", path):
            if name not in declared:
                declared.add(name)
                self.schemas.warn(f"path parameter {name!r} is not declared; typed as a string", op_ptr)
                parameters.append(ir.Parameter(name, "path", ir.Primitive("string"), True, pointer=op_ptr))

        body = self._body(operation.body, hint_base)
        response, stream, errors = self._responses(operation.responses, hint_base)
        switch = self._stream_switch(body) if stream is not None else None
        if stream is not None and switch is None:
            self.schemas.warn(
                "a text/event-stream response, but no body field asks for it (a boolean `stream`, or a "
                f"`stream...` field with the value 'sse'): the method returns the {response.content_type} response",
                join_pointer(op_ptr, "responses", stream.status),
            )
            stream = None
        pagination = self.paging.pagination(config, method, parameters, response, op_ptr)
        return ir.Operation(
            id=op_ptr,
            http_method=method,
            path=path,
            operation_id=operation_id,
            resource=resource,
            method=method_name,
            params_name=params_name,
            summary=operation.summary,
            description=operation.description,
            deprecated=operation.deprecated,
            parameters=parameters,
            body=body,
            response=response,
            stream_response=stream,
            stream_switch=switch,
            error_responses=errors,
            headers=config.headers,
            pagination=pagination,
            tags=tags,
        )

    def _body(self, body: normal.Body | None, hint: str) -> ir.RequestBody | None:
        if body is None or not body.content:
            return None
        content = body.content
        order = {"json": 0, "multipart": 1, "form": 2, "text": 3, "binary": 4, "stream": 5}
        positions = {ct: index for index, ct in enumerate(content)}
        content_type = min(content, key=lambda ct: (order[_media_kind(ct)], positions[ct]))
        media = content[content_type]
        kind = _media_kind(content_type)
        encoding = {"json": "json", "multipart": "multipart", "form": "form", "text": "text"}.get(kind, "binary")
        expr: ir.TypeExpr = ir.BinaryType() if encoding == "binary" and media.schema is None else self.schemas.type_of(media.schema, hint + "Body")
        fields = None
        target = expr
        if isinstance(target, ir.DefRef):
            self.schemas.fill(target.id)
            definition = self.schemas.definitions[target.id]
            if isinstance(definition, ir.ObjectDef) and encoding in ("json", "multipart", "form"):
                fields = body_fields(definition)
        return ir.RequestBody(
            content_type=content_type,
            encoding=encoding,  # type: ignore[arg-type]
            type=expr,
            required=body.required,
            description=body.description,
            fields=fields,
            pointer=body.ptr,
            examples=list(media.examples),
        )

    def _stream_switch(self, body: ir.RequestBody | None) -> ir.StreamSwitch | None:
        """The body field that asks for the event stream: `stream: true`, else a
        `stream...` field one of whose values is "sse" (`stream_format: sse`)."""
        fields = body.fields if body is not None and body.fields is not None else []
        for prop in fields:
            if prop.wire_name == "stream" and ir.without_null(prop.type)[0] in (ir.Primitive("boolean"), ir.LiteralType((True,))):
                return ir.StreamSwitch("stream", True)
        for prop in fields:
            if prop.wire_name.startswith("stream") and "sse" in self._literal_values(ir.without_null(prop.type)[0]):
                return ir.StreamSwitch(prop.wire_name, "sse")
        return None

    def _literal_values(self, expr: ir.TypeExpr) -> tuple[object, ...]:
        if isinstance(expr, ir.LiteralType):
            return expr.values
        if isinstance(expr, ir.DefRef):
            definition = self.schemas.definitions.get(expr.id)
            if isinstance(definition, ir.EnumDef):
                return definition.values
        return ()

    def _response(self, status: str, response: normal.Response, hint: str) -> tuple[ir.Response, ir.Response | None]:
        description = response.description
        content = response.content
        if not content:
            return ir.Response(status, "empty", None, description=description), None
        by_kind: dict[str, str] = {}
        for content_type in content:
            by_kind.setdefault(_media_kind(content_type), content_type)
        built: dict[str, ir.Response] = {}
        for kind in ("json", "stream", "text", "binary", "multipart", "form"):
            if kind not in by_kind:
                continue
            content_type = by_kind[kind]
            media = content[content_type]
            suffix = "Event" if kind == "stream" else "Response"
            if kind in ("json", "stream"):
                expr: ir.TypeExpr | None = self.schemas.type_of(media.schema, hint + suffix)
            elif kind == "text":
                expr = ir.Primitive("string")
            else:
                expr = ir.BinaryType()
            out_kind = kind if kind in ("json", "stream", "text") else "binary"
            built[kind] = ir.Response(status, out_kind, expr, content_type, description, list(media.examples))
        # An event stream beside another representation is the alternative a request asks for (see
        # `_stream_switch`); the other one is what the method returns by default.
        main = next((r for kind, r in built.items() if kind != "stream"), built.get("stream"))
        assert main is not None
        stream = built.get("stream") if main.kind != "stream" else None
        return main, stream

    def _responses(self, responses: Mapping[str, normal.Response] | None, hint: str) -> tuple[ir.Response, ir.Response | None, list[ir.Response]]:
        if responses is None:
            return ir.Response("200", "empty", None), None, []
        codes = list(responses)
        success = sorted(c for c in codes if c.startswith("2"))
        if not success and "default" in codes and not any(c[:1] in "45" for c in codes):
            # Only a `default` response: it is what the operation returns.
            main, stream = self._response("default", responses["default"], hint)
            return main, stream, []
        errors = [self._response(c, responses[c], hint + "Error")[0] for c in codes if c[:1] in "45" or c == "default"]
        if not success:
            return ir.Response("200", "empty", None), None, errors
        candidates = [self._response(c, responses[c], hint) for c in success]
        with_content = [c for c in candidates if c[0].kind != "empty"]
        if not with_content:
            return candidates[0][0], None, errors
        main, stream = with_content[0]
        others = [c[0] for c in with_content[1:] if c[0].kind == main.kind and c[0].type != main.type]
        if main.type is not None and main.kind == "json":
            variants = [main.type] + [o.type for o in others if o.type is not None]
            if len(with_content) < len(candidates):  # a success with no body (204) returns None
                variants.append(ir.NullType())
            main = ir.Response(main.status, main.kind, union(variants), main.content_type, main.description, main.examples)
        return main, stream, errors


def _by_key(parameters: tuple[normal.Parameter, ...]) -> _Shared:
    return {(p.location, p.name): p for p in parameters}


def body_fields(definition: ir.ObjectDef) -> list[ir.Property]:
    """The keyword arguments an object body becomes: its properties a request may send."""
    return [p for p in definition.properties if not p.read_only]


def with_body_fields(op: ir.Operation, definitions: dict[str, ir.Definition]) -> ir.Operation:
    """`op` with its body's fields taken again from its definition, once the definitions are final
    (discriminator tags are narrowed after the operations are built)."""
    body = op.body
    if body is None or body.fields is None or not isinstance(body.type, ir.DefRef):
        return op
    definition = definitions[body.type.id]
    assert isinstance(definition, ir.ObjectDef)
    return replace(op, body=replace(body, fields=body_fields(definition)))
