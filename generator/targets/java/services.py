"""The view of the services (one blocking and one async class per resource), their methods, the
pages of listing methods, and the client interfaces with their OkHttp factories.

A method has `m(params)`, `m(params, RequestOptions)`; with a path parameter also `m(id)`,
`m(id, params)`, `m(id, params, RequestOptions)`; with nothing required `m()` and `m(RequestOptions)`.
`withRawResponse()` gives the same methods returning the `HttpResponseFor`. A listing method
returns its page (`response()`, `data()`, `hasNextPage()`, `nextPage()`, `autoPager()`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...ir import model as ir
from ...ir.naming import Claim
from .naming import member_identifier, settle_members
from .params import ParamsView, params_view
from .plan import JavaClass, Plan, walk
from .text import java_string, javadoc
from .types import JType


@dataclass(frozen=True)
class PathPart:
    literal: str | None  # a literal segment (Java literal), or
    param: str | None  # a path parameter's wire name (Java literal), or
    mixed: list[tuple[str, bool]] | None = None  # a segment of literals and parameters (`{a}.{b}`):
    # its pieces (Java literal, whether a parameter's name), `whole` the segment (Java literal)
    whole: str | None = None


@dataclass(frozen=True)
class PageView:
    cls: JavaClass
    label: str
    async_cls: JavaClass
    item: JType
    response: JType
    params: JavaClass
    method: str
    service: JavaClass
    async_service: JavaClass
    cursor_setter: str | None  # the params builder's method for the cursor parameter
    cursor_param: str  # its wire name (Java literal): an additional query parameter when undeclared
    items: str  # wire names, Java literals
    has_more: str
    cursor_field: str | None


@dataclass(frozen=True)
class StreamingView:
    """The `<method>Streaming` variant of a method whose body field asks for an event stream."""

    name: str
    event: JType
    switch: str  # the body field's wire name (Java literal)
    value: str  # the value that asks for the stream (Java literal)


@dataclass(frozen=True)
class MethodView:
    name: str
    doc: list[str]
    deprecated: bool
    params: ParamsView
    http_method: str
    path: list[PathPart]
    headers: list[tuple[str, str]]  # Java literals
    returns: JType | None  # None: no body (void)
    page: PageView | None
    kind: str  # json, void, binary (the unread HttpResponse), stream (the events)
    sync_type: str  # what the blocking method returns
    async_type: str  # what the async method returns
    raw_sync_type: str | None  # withRawResponse()'s (None: no raw form, a stream or a download is raw already)
    raw_async_type: str | None
    type_ref: str | None  # the type parsed (None: ApiCaller.VOID)
    streaming: StreamingView | None


@dataclass(frozen=True)
class ChildView:
    name: str
    service: JavaClass
    async_service: JavaClass


@dataclass(frozen=True)
class ServiceView:
    cls: JavaClass
    async_cls: JavaClass
    children: list[ChildView]
    methods: list[MethodView]


@dataclass(frozen=True)
class ClientView:
    names: dict[str, str]
    title_doc: str
    api_key_env_doc: str
    base_url_env_doc: str
    package: str
    okhttp_package: str
    children: list[ChildView]
    root: ChildView | None  # the root resource's service when it has operations
    api_key_env: str
    base_url_env: str
    base_url: str
    auth: str  # AuthKind constant
    auth_param: str  # Java literal or null
    headers: list[tuple[str, str]]
    idempotency_header: str  # Java literal or null


_TEMPLATE_PARAM = re.compile(r"\{([^{}]*)\}")


def _path(op: ir.Operation) -> list[PathPart]:
    parts = []
    for segment in op.path.strip("/").split("/"):
        if not segment:
            continue
        found = list(_TEMPLATE_PARAM.finditer(segment))
        if not found:
            parts.append(PathPart(java_string(segment), None))
        elif len(found) == 1 and found[0].span() == (0, len(segment)):
            parts.append(PathPart(None, java_string(found[0].group(1))))
        else:
            pieces: list[tuple[str, bool]] = []
            at = 0
            for match in found:
                if match.start() > at:
                    pieces.append((java_string(segment[at : match.start()]), False))
                pieces.append((java_string(match.group(1)), True))
                at = match.end()
            if at < len(segment):
                pieces.append((java_string(segment[at:]), False))
            parts.append(PathPart(None, None, pieces, java_string(segment)))
    return parts


def _key(node: ir.Resource) -> str:
    return "/".join(n.text for n in node.path)


# The HTTP methods the runtime's `HttpMethod` has; an operation with another (TRACE) has no Java method.
HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def callable_operations(node: ir.Resource) -> list[ir.Operation]:
    return [op for op in node.operations if op.http_method.upper() in HTTP_METHODS]


def _members(node: ir.Resource) -> dict[str, str]:
    claims = [Claim(f"child:{_key(c)}", (member_identifier(c.path[-1].words),)) for c in node.children]
    claims += [Claim(f"op:{op.id}", (member_identifier(op.method.words),), 1) for op in callable_operations(node)]
    claims += [
        Claim(f"stream:{op.id}", (member_identifier(op.method.words + ("streaming",)),), 2)
        for op in callable_operations(node)
        if op.stream_response is not None
    ]
    return settle_members(claims, {"root"} if not node.path else set())


def service_views(plan: Plan) -> list[ServiceView]:
    """Every resource's services, the root first; children and methods by name (not in spec order)."""
    out = []
    for node in walk(plan.api.root):
        key = _key(node)
        names = _members(node)
        children = sorted(
            (
                ChildView(names[f"child:{_key(c)}"], plan.cls(f"svc:{_key(c)}"), plan.cls(f"svcasync:{_key(c)}"))
                for c in node.children
            ),
            key=lambda c: c.name,
        )
        methods = sorted((_method(plan, op, names, key) for op in callable_operations(node)), key=lambda m: m.name)
        out.append(ServiceView(plan.cls(f"svc:{key}"), plan.cls(f"svcasync:{key}"), children, methods))
    return out


def _method(plan: Plan, op: ir.Operation, names: dict[str, str], service_key: str) -> MethodView:
    name = names[f"op:{op.id}"]
    params = params_view(plan, op)
    returns = None
    kind = {"empty": "void", "binary": "binary", "text": "binary", "stream": "stream"}.get(op.response.kind, "json")
    if kind in ("json", "stream"):
        returns = plan.types.lower(op.response.type, op.id + "/response") if op.response.type is not None else None
        if returns is None and kind == "json":
            kind = "void"
    page = None
    if (
        op.pagination is not None
        and kind == "json"
        and returns is not None
        and returns.kind == "object"
        and returns.classes
    ):
        pagination = op.pagination
        cursor = next(
            (p.name for p in params.params if p.location == "query" and p.wire == java_string(pagination.cursor_param)),
            None,
        )
        page = PageView(
            plan.cls(f"page:{op.id}"),
            java_string(plan.cls(f"page:{op.id}").name),
            plan.cls(f"pageasync:{op.id}"),
            plan.types.lower(pagination.item_type, op.id + "/page/items"),
            returns,
            params.cls,
            name,
            plan.cls(f"svc:{service_key}"),
            plan.cls(f"svcasync:{service_key}"),
            cursor,
            java_string(pagination.cursor_param),
            java_string(pagination.items),
            java_string(pagination.has_more),
            java_string(pagination.cursor_field) if pagination.cursor_field else None,
        )
    headers = sorted((java_string(k), java_string(v)) for k, v in op.headers.items())
    event = returns.boxed if returns is not None else "JsonValue"
    if page is not None:
        sync_type, async_type = page.cls.name, f"CompletableFuture<{page.async_cls.name}>"
    elif kind == "binary":
        sync_type, async_type = "HttpResponse", "CompletableFuture<HttpResponse>"
    elif kind == "stream":
        sync_type, async_type = f"StreamResponse<{event}>", f"AsyncStreamResponse<{event}>"
    elif returns is None:
        sync_type, async_type = "void", "CompletableFuture<Void>"
    else:
        sync_type, async_type = returns.text, f"CompletableFuture<{returns.boxed}>"
    raw = f"HttpResponseFor<{returns.boxed if returns is not None else 'Void'}>" if kind in ("json", "void") else None
    streaming = None
    if op.stream_response is not None and op.stream_switch is not None:
        event_type = (
            plan.types.lower(op.stream_response.type, op.id + "/stream")
            if op.stream_response.type is not None
            else None
        )
        value = op.stream_switch.value
        streaming = StreamingView(
            names[f"stream:{op.id}"],
            event_type if event_type is not None else JType("JsonValue", "JsonValue"),
            java_string(op.stream_switch.wire_name),
            ("true" if value else "false") if isinstance(value, bool) else java_string(value),
        )
    return MethodView(
        name,
        javadoc(op.description or op.summary),
        op.deprecated,
        params,
        op.http_method.upper(),
        _path(op),
        headers,
        returns,
        page,
        kind,
        sync_type,
        async_type,
        raw,
        None if raw is None else f"CompletableFuture<{raw}>",
        returns.boxed if returns is not None else None,
        streaming,
    )


def client_view(plan: Plan, services: list[ServiceView]) -> ClientView:
    api = plan.api
    root = services[0]
    auth_param = java_string(api.auth.name) if api.auth.name else "null"
    return ClientView(
        names=plan.client_names(),
        title_doc=" ".join(javadoc(api.title)) or "API",
        api_key_env_doc=" ".join(javadoc(api.api_key_env)),
        base_url_env_doc=" ".join(javadoc(api.base_url_env)),
        package=".".join(plan.base + ("client",)),
        okhttp_package=".".join(plan.base + ("client", "okhttp")),
        children=root.children,
        root=ChildView("root", root.cls, root.async_cls) if root.methods else None,
        api_key_env=java_string(api.api_key_env),
        base_url_env=java_string(api.base_url_env),
        base_url=java_string(api.base_url) if api.base_url else "null",
        auth=api.auth.kind.upper(),
        auth_param=auth_param,
        headers=sorted((java_string(k), java_string(v)) for k, v in api.headers.items()),
        idempotency_header=java_string(api.idempotency_header) if api.idempotency_header else "null",
    )
