"""The normalised view of the spec that the IR builders read, made once per run.

The loaded document may hold any shape (`--skip-validation` lets anything through). This view gives
the parts the builders read (component schemas; paths, operations, parameters, request bodies,
responses, media types; info, the first server, the security schemes) one shape each, as immutable
typed records (frozen dataclasses; `normal_schema.Schema` for schemas): a field is always of its
type, and a value written in a shape no valid spec has reads as absent. The `$ref`s to parameters,
bodies, responses, path items and security schemes are followed here, once; schema `$ref`s stay
references (`Schema.ref`), followed on demand by `resolve`. Neither checks for cycles: `chains.py`,
run at load, refuses every cycle and over-long chain of refs a builder could follow. Every node keeps
the pointer it is written at, so messages point where they did.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

from .document import Spec
from .normal_schema import Schema, SchemaReader, examples_in, text
from .pointers import join_pointer, ref_pointer

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
COMPONENTS = "#/components/schemas"


@dataclass(frozen=True, slots=True)
class Media:
    ptr: str
    schema: Schema | None  # None when absent
    examples: tuple[object, ...]  # `example`, an `examples` list, then the values of an examples map


@dataclass(frozen=True, slots=True)
class Parameter:
    ptr: str  # where it is written, after its `$ref`
    name: str
    location: str  # `in`, as text (the builder decides which it supports)
    required: bool
    deprecated: bool
    description: str | None
    style: str | None  # as written; None when absent
    explode: bool | None  # as written; None when absent
    schema: Schema | None  # its `schema`, else the schema of its first `content` entry
    examples: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Body:
    ptr: str
    required: bool
    description: str | None
    content: Mapping[str, Media]  # by media type, in spec order


@dataclass(frozen=True, slots=True)
class Response:
    ptr: str
    description: str | None
    content: Mapping[str, Media]


@dataclass(frozen=True, slots=True)
class Operation:
    ptr: str
    method: str
    raw: Mapping[str, Any]  # as written, for its `x-sdkgen`
    operation_id: str | None
    summary: str | None
    description: str | None
    deprecated: bool
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]  # those with a string name
    body: Body | None  # None when absent
    responses: Mapping[str, Response] | None  # by status code as text; None when not a mapping


@dataclass(frozen=True, slots=True)
class PathItem:
    path: str
    ptr: str  # after its `$ref`
    parameters: tuple[Parameter, ...]
    operations: tuple[Operation, ...]  # in HTTP_METHODS order


@dataclass(frozen=True, slots=True)
class Info:
    title: str | None  # as text when given (YAML may read it as a number)
    version: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    variables: tuple[tuple[str, str], ...]  # (name, default as text), for those with a default


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    type: str | None
    scheme: str  # `scheme` as text; "" when absent
    location: str | None  # `in`
    name: str | None


class Normal:
    """The view of one spec; `normalise` makes it."""

    def __init__(self, spec: Spec):
        self.spec = spec
        self._reader = SchemaReader()
        self._resolved: dict[str, Schema] = {}
        self._parameters: dict[str, Parameter | None] = {}
        self._responses: dict[str, Response] = {}
        document = spec.document
        components = _entries(document, "components")
        self.components: Mapping[str, Schema] = {
            str(key): self._reader.schema(node, join_pointer(COMPONENTS, str(key))) for key, node in _entries(components, "schemas").items()
        }
        self.info = _info(document.get("info"))
        self.server = _first_server(document.get("servers"))
        # The security schemes (after their refs; None for one that is not a mapping), and the names
        # the top-level `security` requirements ask for, in order.
        self.security_schemes: Mapping[str, SecurityScheme | None] = {
            str(name): _scheme(self._follow(node, join_pointer("#/components/securitySchemes", str(name)))[0])
            for name, node in _entries(components, "securitySchemes").items()
        }
        security = document.get("security")
        requirements = [r for r in security if isinstance(r, dict)] if isinstance(security, list) else []
        self.security: tuple[str, ...] = tuple(str(name) for requirement in requirements for name in requirement)
        items = (self._path_item(str(key), node) for key, node in _entries(document, "paths").items())
        self.paths: tuple[PathItem, ...] = tuple(item for item in items if item is not None)

    # ---- schemas ------------------------------------------------------------------------------

    def schema_at(self, ptr: str) -> Schema:
        """The schema written at `ptr` (a definition's id, a `$ref`'s target)."""
        known = self._reader.made.get(ptr)
        return known if known is not None else self._reader.schema(self.spec.node_at(ptr), ptr)

    def resolve(self, schema: Schema) -> Schema:
        """The schema a chain of `$ref`s ends at (`schema` itself when it is no ref). Each target's end
        is remembered, so a chain of n refs is followed once, not once per schema that uses it."""
        path: list[str] = []
        while (target := schema.ref) is not None:
            known = self._resolved.get(target)
            if known is not None:
                schema = known
                break
            path.append(target)
            schema = self.schema_at(target)
        for target in path:
            self._resolved[target] = schema
        return schema

    @staticmethod
    def empty(ptr: str) -> Schema:
        """An empty schema at `ptr` (a required name no property declares)."""
        return Schema(ptr, mapping=True)

    # ---- paths --------------------------------------------------------------------------------

    def _follow(self, node: Any, ptr: str) -> tuple[Any, str]:
        """A parameter, body, response or path item through its `$ref`s: (node, its pointer)."""
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ptr = ref_pointer(node["$ref"])
            node = self.spec.node_at(ptr)
        return node, ptr

    def _path_item(self, path: str, node: Any) -> PathItem | None:
        item, ptr = self._follow(node, join_pointer("#/paths", path))
        if not isinstance(item, dict):
            return None
        operations = tuple(
            self._operation(method, item[method], join_pointer(ptr, method)) for method in HTTP_METHODS if isinstance(item.get(method), dict)
        )
        return PathItem(path, ptr, self._parameter_list(item.get("parameters"), join_pointer(ptr, "parameters")), operations)

    def _operation(self, method: str, node: dict[str, Any], ptr: str) -> Operation:
        tags = node.get("tags")
        responses = node.get("responses")
        body = node.get("requestBody")
        return Operation(
            ptr=ptr,
            method=method,
            raw=node,
            operation_id=text(node, "operationId"),
            summary=text(node, "summary"),
            description=text(node, "description"),
            deprecated=node.get("deprecated") is True,
            tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
            parameters=self._parameter_list(node.get("parameters"), join_pointer(ptr, "parameters")),
            body=None if body is None else self._body(body, join_pointer(ptr, "requestBody")),
            responses=(  # by status code as text: YAML reads an unquoted 200 as a number
                {str(code): self._response(entry, join_pointer(ptr, "responses", str(code))) for code, entry in responses.items()}
                if isinstance(responses, dict)
                else None
            ),
        )

    def _parameter_list(self, node: Any, ptr: str) -> tuple[Parameter, ...]:
        if not isinstance(node, list):
            return ()
        found = (self._parameter(entry, join_pointer(ptr, index)) for index, entry in enumerate(node))
        return tuple(p for p in found if p is not None)

    def _parameter(self, node: Any, ptr: str) -> Parameter | None:
        """The parameter, or None when it has no string name."""
        param, ptr = self._follow(node, ptr)
        if ptr in self._parameters:  # a shared parameter is made once
            return self._parameters[ptr]
        made = None
        if isinstance(param, dict) and isinstance(param.get("name"), str):
            schema = self._reader.slot(param.get("schema"), join_pointer(ptr, "schema"))
            content = param.get("content")
            if schema is None and isinstance(content, dict) and content:
                media_type = next(iter(content))
                media = content[media_type]
                written = media.get("schema") if isinstance(media, dict) else None
                schema = self._reader.slot(written, join_pointer(ptr, "content", str(media_type), "schema"))
            made = Parameter(
                ptr=ptr,
                name=param["name"],
                location=str(param.get("in")),
                required=param.get("required") is True,
                deprecated=param.get("deprecated") is True,
                description=text(param, "description"),
                style=str(param["style"]) if "style" in param else None,
                explode=bool(param["explode"]) if "explode" in param else None,
                schema=schema,
                examples=examples_in(param),
            )
        self._parameters[ptr] = made
        return made

    def _body(self, node: Any, ptr: str) -> Body:
        body, ptr = self._follow(node, ptr)
        if not isinstance(body, dict):
            return Body(ptr, False, None, MappingProxyType({}))
        return Body(ptr, body.get("required") is True, text(body, "description"), self._content(body.get("content"), ptr))

    def _response(self, node: Any, ptr: str) -> Response:
        response, ptr = self._follow(node, ptr)
        known = self._responses.get(ptr)
        if known is not None:
            return known
        if isinstance(response, dict):
            made = Response(ptr, text(response, "description"), self._content(response.get("content"), ptr))
        else:
            made = Response(ptr, None, MappingProxyType({}))
        self._responses[ptr] = made
        return made

    def _content(self, node: Any, owner: str) -> Mapping[str, Media]:
        if not isinstance(node, dict):
            return MappingProxyType({})
        content: dict[str, Media] = {}
        for content_type, media in node.items():
            ptr = join_pointer(owner, "content", str(content_type))
            media = media if isinstance(media, dict) else {}
            named = media.get("examples")
            examples = examples_in(media)
            if isinstance(named, dict):  # a map of Example Objects: their values
                examples += tuple(e.get("value") for e in named.values() if isinstance(e, dict) and "value" in e)
            content[str(content_type)] = Media(ptr, self._reader.slot(media.get("schema"), join_pointer(ptr, "schema")), examples)
        return content


def _entries(node: Any, key: str) -> dict[Any, Any]:
    """The mapping under `key` in `node`; empty when either is not a mapping."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def _info(node: Any) -> Info:
    info = node if isinstance(node, dict) else {}
    title, version, description = info.get("title"), info.get("version"), info.get("description")
    return Info(str(title) if title else None, str(version) if version else None, description if isinstance(description, str) else None)


def _first_server(node: Any) -> Server | None:
    """The first server, when it has a URL."""
    if not isinstance(node, list) or not node or not isinstance(node[0], dict) or not isinstance(node[0].get("url"), str):
        return None
    written = node[0].get("variables")
    variables = written if isinstance(written, dict) else {}
    defaults = tuple((str(name), str(v["default"])) for name, v in variables.items() if isinstance(v, dict) and "default" in v)
    return Server(node[0]["url"], defaults)


def _scheme(node: Any) -> SecurityScheme | None:
    if not isinstance(node, dict):
        return None
    kind, location, name = node.get("type"), node.get("in"), node.get("name")
    return SecurityScheme(
        kind if isinstance(kind, str) else None,
        str(node.get("scheme", "")),
        location if isinstance(location, str) else None,
        name if isinstance(name, str) else None,
    )


def normalise(spec: Spec) -> Normal:
    return Normal(spec)


__all__ = [
    "COMPONENTS", "HTTP_METHODS", "Body", "Info", "Media", "Normal", "Operation", "Parameter", "PathItem", "Response",
    "SecurityScheme", "Server", "normalise",
]
