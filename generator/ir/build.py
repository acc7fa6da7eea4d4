"""Stage 4: spec -> IR. Schemas, then operations, then who uses what, then every name at once."""

from __future__ import annotations

import keyword
from typing import Any, Iterator

from . import model as ir
from .config import top_config
from ..errors import Diagnostics, join_pointer
from .naming import (
    PYTHON_BUILTINS,
    Claim,
    derived_package_name,
    pascal,
    public_identifier,
    resolve,
    type_identifier,
    upper_snake,
    with_trailing_underscore,
)
from .operations import OperationBuilder, default_params_name
from .schemas import SchemaBuilder, union
from .graph import cycle_through, cyclic_components
from ..spec.document import Spec

# Names the generated package itself defines or imports into the modules that use type names.
RESERVED_TYPE_NAMES = frozenset(
    {
        "Any", "Annotated", "BaseModel", "Body", "Dict", "Field", "Headers", "List", "Literal",
        "NotGiven", "Omit", "Optional", "Query", "Required", "TypeAlias", "TypedDict", "Union",
        "Client", "AsyncClient", "SyncAPIClient", "AsyncAPIClient", "SyncAPIResource",
        "AsyncAPIResource", "APIResponse", "AsyncAPIResponse", "BinaryResponse", "Stream",
        "AsyncStream", "SyncCursorPage", "AsyncCursorPage", "AsyncPaginator", "CursorPagination",
        "FileTypes", "APIError", "APIStatusError", "APIConnectionError", "APITimeoutError", "APIRedirectError",
        "APIResponseValidationError", "BadRequestError", "AuthenticationError",
        "PermissionDeniedError", "NotFoundError", "ConflictError", "UnprocessableEntityError",
        "RateLimitError", "InternalServerError", "Timeout", "UnknownVariant", "PaginationError",
        # what the types modules import: `from __future__ import annotations` binds `annotations`
        "annotations", "Iterable", "TYPE_CHECKING", "TypeAliasType", "cast", "overload",
    }
) | PYTHON_BUILTINS | frozenset(keyword.kwlist)  # x-sdkgen may name a schema `global`
# Attributes every resource has, and the decorators its class body applies (a member of that name
# would rebind them before the body is done).
RESERVED_MEMBERS = frozenset({"with_raw_response", "with_streaming_response", "cached_property", "overload"})
# Attributes of the client classes: a top-level resource may not take them.
CLIENT_ATTRIBUTES = frozenset(
    """api_key auth_headers base_url close copy default_headers default_query is_closed max_retries
    request timeout user_agent with_options""".split()
)


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


class IRBuilder:
    def __init__(self, spec: Spec, diagnostics: Diagnostics):
        self.spec = spec
        self.diagnostics = diagnostics
        self.schemas = SchemaBuilder(spec, diagnostics)

    def build(self) -> ir.Api:
        document = self.spec.document
        config = top_config(self.spec)
        self.schemas.declare_components()
        self.schemas.fill_all()
        operations = OperationBuilder(self.spec, self.schemas).build_all()
        self.schemas.narrow_discriminator_tags()
        definitions = self.schemas.definitions
        self._check_alias_cycles(definitions)
        _shorten_alias_chains(definitions)
        self._mark_usage(definitions, operations)
        self._warn_inexpressible(definitions, operations)

        raw_info = document.get("info")
        info: dict[str, Any] = raw_info if isinstance(raw_info, dict) else {}
        title = str(info.get("title") or "API")
        package = config.package_name or derived_package_name(title)
        env_prefix = upper_snake(package)
        root = self._resource_tree(operations)
        self._name_types(definitions, operations, root)
        ordered = dict(sorted(definitions.items(), key=lambda item: (item[1].name.lower(), item[1].name, item[0])))
        return ir.Api(
            title=title,
            version=str(info.get("version") or "0.0.0"),
            description=info.get("description") if isinstance(info.get("description"), str) else None,
            spec_name=self.spec.path.name,
            package_name=package,
            base_url=self._base_url(),
            auth=self._auth(),
            api_key_env=config.api_key_env or f"{env_prefix}_API_KEY",
            base_url_env=config.base_url_env or f"{env_prefix}_BASE_URL",
            headers=config.headers,
            definitions=ordered,
            operations=operations,
            root=root,
            idempotency_header=config.idempotency_header,
        )

    # ---- checks -------------------------------------------------------------------------------

    def _check_alias_cycles(self, definitions: dict[str, ir.Definition]) -> None:
        """Aliases that stand for themselves: settle them, or refuse the ones no value can fit.

        An alias is made of its target's parts: the target itself, or each variant of a union (a
        `$ref`, an allOf part, a oneOf/anyOf branch). An array, a map or a model is a container: a
        reference inside one is recursion that a finite value can end (an empty list, a model), so
        it is fine. A cycle of aliases through parts alone is not: `A = B`, `B = A` has no value.
        Where such a cycle has other parts too (`A = A | str`), the aliases on it stand for those
        other parts (the least solution), and the references back into the cycle are dropped;
        with no other part it is refused.
        """
        parts = {ident: _parts(d.target) for ident, d in definitions.items() if isinstance(d, ir.AliasDef)}
        edges = {ident: [p.id for p in found if isinstance(p, ir.DefRef) and p.id in parts] for ident, found in parts.items()}
        for component in cyclic_components(edges):
            members = set(component)
            exits = [p for ident in component for p in parts[ident] if not (isinstance(p, ir.DefRef) and p.id in members)]
            if not exits:
                cycle = cycle_through(component, edges)
                raise self.spec.error("a $ref cycle with no object in it: " + " -> ".join(cycle), cycle[0])
            settled = union(exits)
            for ident in component:
                definition = definitions[ident]
                assert isinstance(definition, ir.AliasDef)
                definition.target = settled

    def _mark_usage(self, definitions: dict[str, ir.Definition], operations: list[ir.Operation]) -> None:
        def mark(roots: list[ir.TypeExpr], side: str) -> None:
            attribute = "used_in_responses" if side == "response" else "used_in_requests"
            stack = [ident for expr in roots for ident in type_refs(expr)]
            while stack:
                ident = stack.pop()
                definition = definitions.get(ident)
                if definition is None or getattr(definition, attribute):
                    continue
                setattr(definition, attribute, True)
                for expr in definition_types(definition, side):
                    stack.extend(type_refs(expr))

        responses: list[ir.TypeExpr] = []
        requests: list[ir.TypeExpr] = []
        for op in operations:
            for response in [op.response, op.stream_response, *op.error_responses]:
                if response is not None and response.type is not None:
                    responses.append(response.type)
            requests.extend(p.type for p in op.parameters)
            if op.body is not None:
                requests.extend(f.type for f in op.body.fields or []) if op.body.fields is not None else requests.append(op.body.type)
        mark(responses, "response")
        mark(requests, "request")
        # Every schema is a model: those no operation reaches are response-side models.
        unused = [ir.DefRef(i) for i, d in definitions.items() if d.is_component and not (d.used_in_responses or d.used_in_requests)]
        mark(list(unused), "response")

    def _warn_inexpressible(self, definitions: dict[str, ir.Definition], operations: list[ir.Operation]) -> None:
        """Request shapes the generated types cannot say: warned about once each, by place."""
        bodies = {op.body.type.id for op in operations if op.body is not None and isinstance(op.body.type, ir.DefRef)}
        for ident, definition in definitions.items():
            if not isinstance(definition, ir.ObjectDef) or not definition.properties:
                continue
            if definition.additional is None or isinstance(definition.additional, ir.AnyType):
                continue
            if definition.used_in_requests or ident in bodies:
                self.diagnostics.warn(
                    "named properties beside typed additionalProperties: the request type has the named "
                    "keys only (send others with extra_body); responses keep every key",
                    self.spec.place(join_pointer(ident, "additionalProperties"), with_line=False),
                )

    # ---- names --------------------------------------------------------------------------------

    def _resource_tree(self, operations: list[ir.Operation]) -> ir.Resource:
        nodes: dict[tuple[str, ...], ir.Resource] = {(): ir.Resource((), "", "")}
        for op in operations:
            for depth in range(1, len(op.resource) + 1):
                path = op.resource[:depth]
                if path not in nodes:
                    node = ir.Resource(path, path[-1], "")
                    nodes[path] = node
                    nodes[path[:-1]].children.append(node)
            nodes[op.resource].operations.append(op)
        stems = resolve(
            [Claim("/".join(p), (type_identifier(pascal(p[-1]) or "Default", "Resource"), type_identifier(pascal(" ".join(p)) or "Default", "Resource"))) for p in nodes if p],
            reserved=RESERVED_TYPE_NAMES,
        )
        for path, node in nodes.items():
            node.class_name = stems.get("/".join(path), "")
            node.children.sort(key=lambda child: child.name)
            self._name_members(node)
        return nodes[()]

    def _name_members(self, node: ir.Resource) -> None:
        """Child resources keep their configured names; methods get unique ones beside them."""
        reserved = set(RESERVED_MEMBERS) | (set(CLIENT_ATTRIBUTES) if not node.path else set())
        for child in node.children:
            # No leading `_`: `__init__` or `_client` would replace the client's or resource's own.
            child.name = with_trailing_underscore(public_identifier(child.name, "resource"), reserved)
            reserved.add(child.name)
        # A leading underscore (x-sdkgen `method: _x`) would make it private, and every numbered
        # form of it avoided too: it is dropped.
        claims = [
            Claim(op.id, (with_trailing_underscore(public_identifier(op.method_name, op.http_method), set()),))
            for op in node.operations
        ]
        names = resolve(claims, reserved=reserved, avoid=lambda n: n.startswith("_"))
        for op in node.operations:
            op.method_name = names[op.id]
        node.operations.sort(key=lambda op: op.method_name)

    def _name_types(self, definitions: dict[str, ir.Definition], operations: list[ir.Operation], root: ir.Resource) -> None:
        reserved = set(RESERVED_TYPE_NAMES)
        for node in _walk(root):
            if node.path:
                stem = node.class_name
                reserved.update(
                    f"{prefix}{stem}Resource{suffix}"
                    for prefix in ("", "Async")
                    for suffix in ("", "WithRawResponse", "WithStreamingResponse")
                )
        claims = []
        for ident, d in definitions.items():
            priority = 0 if d.is_component else 1
            if d.used_in_responses or not needs_param_form(d, definitions):
                claims.append(Claim(ident + " model", _type_names(d.name_candidates), priority))
            if d.used_in_requests and needs_param_form(d, definitions):
                if d.param_name:
                    candidates: tuple[str, ...] = (d.param_name,)
                else:
                    candidates = tuple(c if c.endswith("Param") else c + "Param" for c in d.name_candidates)
                claims.append(Claim(ident + " param", _type_names(candidates), priority))
        for op in operations:
            claims.append(Claim(op.id + " params", _type_names((op.params_name or default_params_name(op.resource, op.method_name),)), 0))
        # Not a dunder (x-sdkgen name: __annotations__ or __all__ would replace the module's own).
        names = resolve(claims, reserved=reserved, avoid=lambda n: n.startswith("__") and n.endswith("__"))
        for ident, d in definitions.items():
            d.name = names.get(ident + " model", "")
            d.param_name = names.get(ident + " param", "")
        for op in operations:
            op.params_name = names[op.id + " params"]

    # ---- client settings ----------------------------------------------------------------------

    def _base_url(self) -> str | None:
        servers = self.spec.document.get("servers")
        if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
            return None
        url = servers[0].get("url")
        if not isinstance(url, str):
            return None
        raw_variables = servers[0].get("variables")
        variables: dict[str, Any] = raw_variables if isinstance(raw_variables, dict) else {}
        for name, variable in variables.items():
            if isinstance(variable, dict) and "default" in variable:
                url = url.replace("{" + str(name) + "}", str(variable["default"]))
        if "://" not in url:
            self.diagnostics.warn(
                f"server URL {url!r} is relative: the client needs base_url", self.spec.place(join_pointer("#/servers", 0, "url"), with_line=False)
            )
            return None
        return url.rstrip("/")

    def _auth(self) -> ir.Auth:
        components = self.spec.document.get("components")
        schemes: dict[str, Any] = components.get("securitySchemes") or {} if isinstance(components, dict) else {}
        if not isinstance(schemes, dict) or not schemes:
            return ir.Auth("none")
        wanted = []
        security = self.spec.document.get("security")
        if isinstance(security, list):
            wanted = [name for requirement in security if isinstance(requirement, dict) for name in requirement]
        name = next((n for n in wanted if n in schemes), next(iter(schemes)))
        scheme = schemes[name]
        seen: set[str] = set()
        while isinstance(scheme, dict) and isinstance(scheme.get("$ref"), str) and scheme["$ref"] not in seen:
            seen.add(scheme["$ref"])  # a ref to a ref to the scheme: follow them all
            try:
                scheme = self.spec.node_at("#" + scheme["$ref"].partition("#")[2])
            except KeyError:
                return ir.Auth("none")
        if not isinstance(scheme, dict):
            return ir.Auth("none")
        kind = scheme.get("type")
        if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
            return ir.Auth("basic")
        if kind == "apiKey" and scheme.get("in") in ("header", "query") and isinstance(scheme.get("name"), str):
            return ir.Auth(scheme["in"], scheme["name"])
        return ir.Auth("bearer")


def _shorten_alias_chains(definitions: dict[str, ir.Definition]) -> None:
    """`A = B`, `B = C`, `C = Model`: each alias names what the chain ends in (`A = Model`), so that
    no later stage walks a chain of n refs once per alias on it. Linear: every link is followed once."""

    def bare(ident: str) -> str | None:
        definition = definitions.get(ident)
        if isinstance(definition, ir.AliasDef) and isinstance(definition.target, ir.DefRef):
            return definition.target.id
        return None

    ends: dict[str, str] = {}
    for start in definitions:
        path: list[str] = []
        ident = start
        while ident not in ends:  # cycles were refused above: this ends
            following = bare(ident)
            if following is None:
                break
            path.append(ident)
            ident = following
        end = ends.get(ident, ident)
        for link in path:
            ends[link] = end
            definition = definitions[link]
            assert isinstance(definition, ir.AliasDef)
            definition.target = ir.DefRef(end)


def _parts(expr: ir.TypeExpr) -> list[ir.TypeExpr]:
    """The parts an alias's target is made of without a container: its union's variants, nested
    unions flattened, or the target itself."""
    if not isinstance(expr, ir.UnionType):
        return [expr]
    found: list[ir.TypeExpr] = []
    stack: list[ir.TypeExpr] = [expr]
    while stack:
        current = stack.pop()
        if isinstance(current, ir.UnionType):
            stack.extend(reversed(current.variants))
        else:
            found.append(current)
    return found



def needs_param_form(definition: ir.Definition, definitions: dict[str, ir.Definition]) -> bool:
    """Objects, and aliases that reach objects, look different in requests (TypedDicts)."""
    if isinstance(definition, ir.ObjectDef):
        return True
    if isinstance(definition, ir.AliasDef):
        return any(not isinstance(definitions.get(t), ir.EnumDef) for t in type_refs(definition.target))
    return False


def _type_names(candidates: tuple[str, ...]) -> tuple[str, ...]:
    """Candidates built from words and pieces of other names, each a valid class name."""
    return tuple(dict.fromkeys(type_identifier(c) for c in candidates))


def _walk(node: ir.Resource) -> Iterator[ir.Resource]:
    yield node
    for child in node.children:
        yield from _walk(child)


def build_api(spec: Spec, diagnostics: Diagnostics) -> ir.Api:
    return IRBuilder(spec, diagnostics).build()
