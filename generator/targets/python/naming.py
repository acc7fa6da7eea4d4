"""The Python target's namer: the IR's names (words) -> valid, unique Python identifiers.

Every identifier the Python SDK has for a spec-named thing comes from here: the package, the resource
attributes and classes, the methods, the type names of both sides (models and request TypedDicts) and
the params TypedDict of each operation. Python's own rules live here and only here: keywords and
builtins, what the generated modules import, trailing underscores, a prefix for names that start with
a digit. Collisions are settled by `resolve`, which sees every claim on a namespace first, so the
outcome does not depend on the order of the spec.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterator

from ...errors import SpecError
from ...ir import model as ir
from ...ir.naming import Claim, pascal, resolve, singular
from ...ir.usage import needs_param_form
from ...spec.pointers import split_pointer
from .identifiers import (
    PYTHON_BUILTINS,
    PYTHON_KEYWORDS,
    derived_package_name,
    package_name_problem,
    public_identifier,
    snake_identifier,
    type_identifier,
    with_trailing_underscore,
)

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
        # what the lazy `types/__init__.py` defines, and its submodules' names (`types/models.py`)
        "importlib", "models", "params", "_MODULES", "_HOMES", "_AGGREGATES",
    }
) | PYTHON_BUILTINS | PYTHON_KEYWORDS  # x-sdkgen may name a schema `global`
# Attributes every resource has, and the decorators its class body applies (a member of that name
# would rebind them before the body is done).
RESERVED_MEMBERS = frozenset({"with_raw_response", "with_streaming_response", "cached_property", "overload"})
# Attributes of the client classes: a top-level resource may not take them.
CLIENT_ATTRIBUTES = frozenset(
    """api_key auth_headers base_url close copy default_headers default_query is_closed max_event_bytes
    max_response_bytes max_retries request secret_headers timeout user_agent with_options""".split()
)
Path = tuple[ir.Name, ...]


@dataclass(frozen=True)
class PythonNames:
    """Every Python identifier of a spec-named thing, keyed by the IR's ids and paths."""

    package: str
    # definition id -> class name of its response-side form / its request-side form ("" for none)
    models: dict[str, str]
    params: dict[str, str]
    # operation id -> method name on its resource / name of the TypedDict of all its parameters
    methods: dict[str, str]
    params_types: dict[str, str]
    # resource path -> its segments as spelled before they became attributes (module names are
    # made of these), its attribute on its parent, and the stem of its classes (`Sessions`)
    segments: dict[Path, tuple[str, ...]]
    attributes: dict[Path, str]
    class_stems: dict[Path, str]

    def type_name(self, ident: str, side: str) -> str:
        """The name a definition goes by on one side: the request form where it has one."""
        if side == "param" and self.params.get(ident):
            return self.params[ident]
        return self.models[ident]


def configured(name: ir.Name) -> str | None:
    """A configured spelling as Python reads it (in NFKC: `ｃｌａｓｓ` is `class`), refused at its
    place when it is no identifier; None when the name was not configured."""
    if name.spelling is None:
        return None
    text = unicodedata.normalize("NFKC", name.spelling)
    if not text.isidentifier():
        key = split_pointer(name.place.pointer)[-1] if name.place is not None else "name"
        rule = "resource must be dotted identifiers" if key == "resource" else f"{key} must be a valid identifier"
        raise SpecError(f"{rule}, not {name.spelling!r}", name.place)
    return text


def segment(name: ir.Name) -> str:
    """A resource path segment as Python spells it: configured, or the words in snake_case."""
    return configured(name) or snake_identifier(" ".join(name.words), "default", "r_")


def method_word(op: ir.Operation) -> str:
    """A method's name before collisions are settled: configured, or its words in snake_case."""
    return configured(op.method) or snake_identifier(" ".join(op.method.words), fallback=op.http_method, digit_prefix=op.http_method + "_")


def type_word(name: ir.Name) -> str:
    """A type name before collisions are settled: configured, or the words in PascalCase."""
    return type_identifier(configured(name) or pascal(" ".join(name.words)))


def walk(node: ir.Resource) -> Iterator[ir.Resource]:
    yield node
    for child in node.children:
        yield from walk(child)


def package_name(api: ir.Api) -> str:
    if api.package.spelling is None:
        # Each word of a derived name is one word of the package: "GitHub" is `github`.
        return derived_package_name("_".join(w.lower() for w in api.package.words))
    # Python reads identifiers in NFKC (`ｃｌｉｅｎｔ` is `client`): the name is kept in that form.
    name = unicodedata.normalize("NFKC", api.package.spelling)
    problem = package_name_problem(name)
    if problem is not None:
        shown = name if len(name) <= 60 else name[:60] + "..."
        raise SpecError(f"package-name {shown!r} {problem}", api.package.place)
    return name


def client_error_name(api: ir.Api, package: str) -> str:
    """The SDK's base error: the title's words as written (`GitHubError`), else, when configured or
    when that is a name the package already has (`APIError`), the package's (`AcmeClientError`)."""
    if api.package.spelling is None and api.package.words:
        name = type_identifier("".join(w[0].upper() + w[1:] for w in api.package.words) + "Error")
        if name not in RESERVED_TYPE_NAMES:
            return name
    return type_identifier(pascal(package) + "Error", prefix="Client")  # package `_0`: `Client0Error`


def name_api(api: ir.Api) -> PythonNames:
    nodes = list(walk(api.root))
    segments = {node.path: tuple(segment(s) for s in node.path) for node in nodes}
    stems = resolve(
        [
            Claim(
                "/".join(segments[n.path]),
                (
                    type_identifier(pascal(segments[n.path][-1]) or "Default", "Resource"),
                    type_identifier(pascal(" ".join(segments[n.path])) or "Default", "Resource"),
                ),
                order=len(n.path),  # `completions` keeps `Completions` beside `chat.completions`
            )
            for n in nodes
            if n.path
        ],
        reserved=RESERVED_TYPE_NAMES,
    )
    class_stems = {n.path: stems.get("/".join(segments[n.path]), "") for n in nodes}
    attributes: dict[Path, str] = {}
    methods: dict[str, str] = {}
    for node in nodes:
        _name_members(node, segments, attributes, methods)
    models, params, params_types = _name_types(api, nodes, class_stems, segments, methods)
    return PythonNames(package_name(api), models, params, methods, params_types, segments, attributes, class_stems)


def _name_members(
    node: ir.Resource, segments: dict[Path, tuple[str, ...]], attributes: dict[Path, str], methods: dict[str, str]
) -> None:
    """Child resources keep their configured names; methods get unique ones beside them."""
    reserved = set(RESERVED_MEMBERS) | (set(CLIENT_ATTRIBUTES) if not node.path else set())
    for child in sorted(node.children, key=lambda c: segments[c.path][-1]):
        # No leading `_`: `__init__` or `_client` would replace the client's or resource's own.
        name = with_trailing_underscore(public_identifier(segments[child.path][-1], "resource"), reserved)
        attributes[child.path] = name
        reserved.add(name)
    # A leading underscore (x-sdkgen `method: _x`) would make it private, and every numbered
    # form of it avoided too: it is dropped.
    claims = [
        Claim(op.id, (with_trailing_underscore(public_identifier(method_word(op), op.http_method), set()),))
        for op in node.operations
    ]
    methods.update(resolve(claims, reserved=reserved, avoid=lambda n: n.startswith("_")))


def default_params_name(segments: tuple[str, ...], method: str) -> str:
    """"OrderCreateParams" for shop.orders.create."""
    return default_params_names(segments, method)[0]


def default_params_names(segments: tuple[str, ...], method: str) -> tuple[str, ...]:
    """"OrderCreateParams", then with the resources it nests in ("ShopOrderCreateParams"): what
    tells apart the params of `roles.list` under users and under groups, before a number does."""
    owners = [pascal(singular(s)) for s in segments]
    return tuple(f"{''.join(owners[start:])}{pascal(method)}Params" for start in range(len(owners) - 1, -1, -1)) or (
        f"{pascal(method)}Params",
    )


def _name_types(
    api: ir.Api,
    nodes: list[ir.Resource],
    class_stems: dict[Path, str],
    segments: dict[Path, tuple[str, ...]],
    methods: dict[str, str],
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    definitions = api.definitions
    reserved = set(RESERVED_TYPE_NAMES)
    for node in nodes:
        if node.path:
            reserved.update(
                f"{prefix}{class_stems[node.path]}Resource{suffix}"
                for prefix in ("", "Async")
                for suffix in ("", "WithRawResponse", "WithStreamingResponse")
            )
    claims = []
    for ident, d in definitions.items():
        # Names the spec gives go first, then names made from them (`Pet` -> `PetParam`), then the
        # names of inline types: a made-up name yields to the spec's own.
        priority = 0 if d.is_component else 2
        words = tuple(type_word(c) for c in d.name_candidates)
        param_form = needs_param_form(d, definitions)
        both = (d.used_in_responses or not param_form) and d.used_in_requests and param_form
        if d.used_in_responses or not param_form:
            model = words
            if both and not d.param_candidates and words[0].endswith("Param") and words[0] != "Param":
                # `FooParam` in both directions: the request form keeps the spec's name, the
                # response form says it is the model (`Foo`, else `FooParamModel`).
                model = (words[0][: -len("Param")], words[0] + "Model", *words[1:])
            claims.append(Claim(ident + " model", _unique(model), priority))
        if d.used_in_requests and param_form:
            derived = priority
            if d.param_candidates:
                candidates = tuple(type_word(c) for c in d.param_candidates)
            else:
                candidates = tuple(c if c.endswith("Param") else c + "Param" for c in words)
                if not words[0].endswith("Param"):
                    derived += 1
                    # What tells it from a schema the spec named `FooParam`: `FooRequestParam`.
                    candidates = (candidates[0], words[0] + "RequestParam", *candidates[1:])
            claims.append(Claim(ident + " param", _unique(candidates), derived))
    for op in api.operations:
        if op.params_name is not None:
            wanted: tuple[str, ...] = (type_word(op.params_name),)
        else:
            wanted = default_params_names(segments[op.resource], methods[op.id])
        # Of alike names the shallower resource's keeps the plain one (`completions` before `chat.completions`).
        claims.append(Claim(f"{op.id} params", _unique(wanted), 0, order=len(op.resource)))
    # Not a dunder (x-sdkgen name: __annotations__ or __all__ would replace the module's own).
    names = resolve(claims, reserved=reserved, avoid=lambda n: n.startswith("__") and n.endswith("__"))
    models = {ident: names.get(ident + " model", "") for ident in definitions}
    params = {ident: names.get(ident + " param", "") for ident in definitions}
    params_types = {op.id: names[op.id + " params"] for op in api.operations}
    return models, params, params_types


def _unique(candidates: tuple[str, ...]) -> tuple[str, ...]:
    """Candidates built from words and pieces of other names, each a valid class name, once each."""
    return tuple(dict.fromkeys(type_identifier(c) for c in candidates))
