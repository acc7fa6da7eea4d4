"""The view of the services (one blocking and one async class per resource), their methods, the
pages of listing methods, and the client interfaces with their OkHttp factories.

A method has `m(params)`, `m(params, RequestOptions)`; with a path parameter also `m(id)`,
`m(id, params)`, `m(id, params, RequestOptions)`; with nothing required `m()` and `m(RequestOptions)`.
`withRawResponse()` gives the same methods returning the `HttpResponseFor`. A listing method
returns its page (`response()`, `data()`, `hasNextPage()`, `nextPage()`, `autoPager()`).
"""

from __future__ import annotations

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
    param: str | None  # a path parameter's wire name (Java literal)


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


def _path(op: ir.Operation) -> list[PathPart]:
    parts = []
    for segment in op.path.strip("/").split("/"):
        if not segment:
            continue
        if segment.startswith("{") and segment.endswith("}") and segment.count("{") == 1:
            parts.append(PathPart(None, java_string(segment[1:-1])))
        else:
            parts.append(PathPart(java_string(segment), None))
    return parts


def _key(node: ir.Resource) -> str:
    return "/".join(n.text for n in node.path)


def _members(node: ir.Resource) -> dict[str, str]:
    claims = [Claim(f"child:{_key(c)}", (member_identifier(c.path[-1].words),)) for c in node.children]
    claims += [Claim(f"op:{op.id}", (member_identifier(op.method.words),), 1) for op in node.operations]
    return settle_members(claims, {"root"} if not node.path else set())


def service_views(plan: Plan) -> list[ServiceView]:
    """Every resource's services, the root first; children and methods by name (not in spec order)."""
    out = []
    for node in walk(plan.api.root):
        key = _key(node)
        names = _members(node)
        children = sorted(
            (ChildView(names[f"child:{_key(c)}"], plan.cls(f"svc:{_key(c)}"), plan.cls(f"svcasync:{_key(c)}")) for c in node.children),
            key=lambda c: c.name,
        )
        methods = sorted((_method(plan, op, names[f"op:{op.id}"], key) for op in node.operations), key=lambda m: m.name)
        out.append(ServiceView(plan.cls(f"svc:{key}"), plan.cls(f"svcasync:{key}"), children, methods))
    return out


def _method(plan: Plan, op: ir.Operation, name: str, service_key: str) -> MethodView:
    params = params_view(plan, op)
    returns = None
    if op.response.kind != "empty" and op.response.type is not None:
        returns = plan.types.lower(op.response.type, op.id + "/response")
    page = None
    if op.pagination is not None and returns is not None and returns.kind == "object" and returns.classes:
        pagination = op.pagination
        cursor = next((p.name for p in params.params if p.location == "query" and p.wire == java_string(pagination.cursor_param)), None)
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
