"""The spec's own generator settings: `x-sdkgen` extensions, read and checked in one place.

Everything spec-specific (package name, env vars, resource tree, extra headers, names) comes from
here; the generator's code names no API. Each setting has a default derived from the spec itself, so
a spec with no `x-sdkgen` at all still generates.

    x-sdkgen:                        # top level
      package-name: my_client        # the Python target checks it (targets/python/identifiers.py)
      client: {api-key-env: MY_API_KEY, base-url-env: MY_BASE_URL}
      headers: {X-Version: "2"}      # sent with every request (the client's default headers)
      idempotency-header: Idempotency-Key  # carries a key per non-GET call; false: none sent
    paths./x.get.x-sdkgen:           # per operation
      resource: beta.things          # dotted path of resource attributes on the client
      method: list
      params-name: ThingListParams
      headers: {X-Beta: "1"}
      pagination: {items: data, has-more: has_more, cursor-param: after, cursor-field: last_id}
      # or  pagination: false
    components.schemas.X.x-sdkgen:   # per schema
      name: Thing
      param-name: ThingParam

Which targets a spec gets, and each target's own settings: a key named like a target (`java`) at the
top level or on a schema holds settings that only that target reads and checks; they reach the IR
untouched (`ir.TargetSettings`: the raw value and its place).

    x-sdkgen:
      targets: [python, java]        # default [python]; the command line's --target overrides it
      java:                          # see generator/targets/java/settings.py
        package: com.example
        client-name: Example
    components.schemas.X.x-sdkgen:
      java: {package: things}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import Place
from ..spec.pointers import join_pointer
from . import model as ir
from .naming import name_of
from ..spec.document import Spec

KEY = "x-sdkgen"

# The top-level settings besides `targets` and each target's own (sdkgen.yaml holds them too).
TOP_KEYS = {"package-name", "client", "headers", "idempotency-header"}
_CLIENT_KEYS = {"api-key-env", "base-url-env"}
_OPERATION_KEYS = {"resource", "method", "params-name", "headers", "pagination"}
_PAGINATION_KEYS = {"items", "has-more", "cursor-param", "cursor-field"}
_SCHEMA_KEYS = {"name", "param-name"}
# How deep a configured resource path (`beta.stores.orders`) may nest.
MAX_RESOURCE_DEPTH = 32


@dataclass(frozen=True)
class PaginationConfig:
    items: str = "data"
    has_more: str = "has_more"
    cursor_param: str = "after"
    cursor_field: str | None = None


@dataclass(frozen=True)
class TopConfig:
    targets: tuple[str, ...] = ("python",)
    target_settings: dict[str, ir.TargetSettings] = field(default_factory=dict)
    package_name: ir.Name | None = None
    api_key_env: str | None = None
    base_url_env: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    idempotency_header: str | None = "Idempotency-Key"


@dataclass(frozen=True)
class OperationConfig:
    resource: tuple[ir.Name, ...] | None = None
    method: ir.Name | None = None
    params_name: ir.Name | None = None
    headers: dict[str, str] = field(default_factory=dict)
    # None: detect; False: never paginate; a PaginationConfig: as configured.
    pagination: PaginationConfig | bool | None = None


@dataclass(frozen=True)
class SchemaConfig:
    name: ir.Name | None = None
    param_name: ir.Name | None = None
    target_settings: dict[str, ir.TargetSettings] = field(default_factory=dict)


def target_names() -> tuple[str, ...]:
    from ..targets import REGISTRY  # the names only; no target is imported

    return tuple(REGISTRY)


class _Reader:
    def __init__(self, spec: Spec, node: Any, ptr: str, allowed: set[str]):
        self.spec, self.ptr = spec, ptr
        if node is None:
            node = {}
        if not isinstance(node, dict):
            raise spec.error(f"{KEY} must be a mapping", ptr)
        unknown = sorted(set(node) - allowed)
        if unknown:
            raise spec.error(
                f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(allowed))})",
                join_pointer(ptr, unknown[0]),
            )
        self.node = node

    def text(self, key: str) -> str | None:
        value = self.node.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            raise self.spec.error(f"{key} must be a non-empty string", join_pointer(self.ptr, key))
        return value

    def name(self, key: str, lower: bool = False) -> ir.Name | None:
        """A configured name: its words, and its exact spelling and place for the targets, which
        decide whether it can be an identifier of theirs (the pipeline adds the line to a refusal)."""
        text = self.text(key)
        return None if text is None else spelled(text, self.spec.place(join_pointer(self.ptr, key), with_line=False), lower)

    def target_settings(self) -> dict[str, ir.TargetSettings]:
        """The raw settings under each target's name, with their places, for that target alone."""
        return {
            name: ir.TargetSettings(self.node[name], self.spec.place(join_pointer(self.ptr, name), with_line=False))
            for name in target_names()
            if name in self.node
        }

    def mapping(self, key: str) -> dict[str, str]:
        value = self.node.get(key) or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, (str, int, float)) for k, v in value.items()
        ):
            raise self.spec.error(
                f"{key} must map header names to strings", join_pointer(self.ptr, key)
            )
        return {k: str(v) for k, v in value.items()}


def top_config(spec: Spec) -> TopConfig:
    ptr = join_pointer("#", KEY)
    reader = _Reader(spec, spec.document.get(KEY), ptr, TOP_KEYS | {"targets", *target_names()})
    client = _Reader(spec, reader.node.get("client"), join_pointer(ptr, "client"), _CLIENT_KEYS)
    package_text = reader.text("package-name")
    package_name = None
    if package_text is not None:
        # Whether it can be a package is the target's question.
        package_name = spelled(package_text, spec.place(join_pointer(ptr, "package-name"), with_line=False))
    return TopConfig(
        targets=_targets(reader),
        target_settings=reader.target_settings(),
        package_name=package_name,
        api_key_env=client.text("api-key-env"),
        base_url_env=client.text("base-url-env"),
        headers=reader.mapping("headers"),
        idempotency_header=_idempotency_header(reader),
    )


def _targets(reader: _Reader) -> tuple[str, ...]:
    raw = reader.node.get("targets")
    if raw is None:
        return ("python",)
    ptr = join_pointer(reader.ptr, "targets")
    known = target_names()
    if not isinstance(raw, list) or not raw:
        raise reader.spec.error(f"targets must be a non-empty list of target names (known: {', '.join(known)})", ptr)
    for index, name in enumerate(raw):
        if name not in known:
            raise reader.spec.error(f"unknown target {name!r} (known: {', '.join(known)})", join_pointer(ptr, index))
        if raw.index(name) != index:
            raise reader.spec.error(f"target {name!r} is listed twice", join_pointer(ptr, index))
    return tuple(raw)


# An HTTP field name (RFC 9110 5.1: a token).
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def _idempotency_header(reader: _Reader) -> str | None:
    if reader.node.get("idempotency-header") is False:
        return None
    name = reader.text("idempotency-header")
    if name is not None and not _TOKEN.fullmatch(name):
        raise reader.spec.error(
            f"idempotency-header must be an HTTP header name or false, not {name!r}",
            join_pointer(reader.ptr, "idempotency-header"),
        )
    return "Idempotency-Key" if name is None else name


def operation_config(spec: Spec, operation: Mapping[str, Any], op_ptr: str) -> OperationConfig:
    ptr = join_pointer(op_ptr, KEY)
    reader = _Reader(spec, operation.get(KEY), ptr, _OPERATION_KEYS)
    resource_text = reader.text("resource")
    resource = None
    if resource_text is not None:
        parts = tuple(resource_text.split("."))
        if len(parts) > MAX_RESOURCE_DEPTH:
            raise spec.error(
                f"resource nests {len(parts):,} levels deep; sdkgen makes at most {MAX_RESOURCE_DEPTH} "
                f"(one module and class a level)",
                join_pointer(ptr, "resource"),
            )
        place = spec.place(join_pointer(ptr, "resource"), with_line=False)
        resource = tuple(spelled(part, place, lower=True) for part in parts)
    pagination: PaginationConfig | bool | None = None
    raw = reader.node.get("pagination")
    if raw is False:
        pagination = False
    elif raw is not None:
        page = _Reader(spec, raw, join_pointer(ptr, "pagination"), _PAGINATION_KEYS)
        pagination = PaginationConfig(
            items=page.text("items") or "data",
            has_more=page.text("has-more") or "has_more",
            cursor_param=page.text("cursor-param") or "after",
            cursor_field=page.text("cursor-field"),
        )
    return OperationConfig(
        resource=resource,
        method=reader.name("method", lower=True),
        params_name=reader.name("params-name"),
        headers=reader.mapping("headers"),
        pagination=pagination,
    )


def schema_config(spec: Spec, schema: Mapping[str, Any], schema_ptr: str) -> SchemaConfig:
    if KEY not in schema:
        return SchemaConfig()
    reader = _Reader(spec, schema.get(KEY), join_pointer(schema_ptr, KEY), _SCHEMA_KEYS | set(target_names()))
    return SchemaConfig(
        name=reader.name("name"),
        param_name=reader.name("param-name"),
        target_settings=reader.target_settings(),
    )


def spelled(text: str, place: Place, lower: bool = False) -> ir.Name:
    """A configured name: the words `name_of` finds in it, with its exact spelling and place."""
    return ir.Name(name_of(text, lower).words, spelling=text, place=place)
