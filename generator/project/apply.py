"""A config file's settings put where `x-sdkgen` would hold them in the loaded spec.

The spec's own `x-sdkgen` keeps working; where both speak, the config file wins, setting by setting
(`client`'s two variables each count as one). Every value taken from the config file is recorded in
`Spec.origins`, so the one reader of settings (generator/ir/config.py) names the config file's line
when it refuses one. The spec file itself is never written.
"""

from __future__ import annotations

import difflib
from typing import Any

from ..ir.config import KEY
from ..spec.document import Spec
from ..spec.normal import HTTP_METHODS
from ..spec.pointers import join_pointer, split_pointer
from .config_file import ConfigFile

COMPONENT_SCHEMAS = "#/components/schemas"


def apply_config(spec: Spec, config: ConfigFile) -> None:
    top = _settings_of(spec, spec.document, "#")
    for key, value in config.settings.items():
        if key == "client" and isinstance(value, dict) and isinstance(top.get("client"), dict):
            _merge(spec, config, top["client"], value, join_pointer("#", KEY, "client"), "#/client")
        else:
            _set(spec, config, top, key, value, join_pointer("#", KEY), "#")
    _apply_operations(spec, config)
    _apply_schemas(spec, config)


def _settings_of(spec: Spec, node: dict[str, Any], ptr: str) -> dict[str, Any]:
    """The `x-sdkgen` mapping of a spec node, made empty when the node has none."""
    settings = node.get(KEY)
    if settings is None:
        settings = node[KEY] = {}
    if not isinstance(settings, dict):
        raise spec.error(f"{KEY} must be a mapping", join_pointer(ptr, KEY))
    return settings


def _set(spec: Spec, config: ConfigFile, settings: dict[str, Any], key: str, value: Any, ptr: str, config_ptr: str) -> None:
    settings[key] = value
    spec.origins[join_pointer(ptr, key)] = (config.shown, config.path, join_pointer(config_ptr, key))


def _merge(spec: Spec, config: ConfigFile, settings: dict[str, Any], values: dict[str, Any], ptr: str, config_ptr: str) -> None:
    for key, value in values.items():
        _set(spec, config, settings, str(key), value, ptr, config_ptr)


# ---- operations ---------------------------------------------------------------------------------


def _operations(spec: Spec) -> tuple[dict[str, tuple[dict[str, Any], str]], dict[str, list[tuple[dict[str, Any], str]]]]:
    """Every operation node and the pointer where it is written, by `METHOD /path` and by operationId."""
    by_route: dict[str, tuple[dict[str, Any], str]] = {}
    by_id: dict[str, list[tuple[dict[str, Any], str]]] = {}
    paths = spec.document.get("paths")
    for path, item in (paths.items() if isinstance(paths, dict) else ()):
        item_ptr = join_pointer("#/paths", path)
        if isinstance(item, dict) and isinstance(item.get("$ref"), str) and item["$ref"].startswith("#"):
            item_ptr = item["$ref"]  # a shared path item: settings go where it is written
            try:
                item = spec.node_at(item_ptr)
            except KeyError:
                continue  # the ref checker has refused this already
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            found = (operation, join_pointer(item_ptr, method))
            by_route[f"{method.upper()} {path}"] = found
            operation_id = operation.get("operationId")
            if isinstance(operation_id, str):
                by_id.setdefault(operation_id, []).append(found)
    return by_route, by_id


def _route_key(key: str) -> str | None:
    """`post /chat/completions` -> `POST /chat/completions`; None when `key` is not a route."""
    method, _, path = key.strip().partition(" ")
    if method.lower() in HTTP_METHODS and path.strip().startswith("/"):
        return f"{method.upper()} {path.strip()}"
    return None


def _apply_operations(spec: Spec, config: ConfigFile) -> None:
    if not config.operations:
        return
    by_route, by_id = _operations(spec)
    claimed: dict[str, str] = {}  # operation pointer -> the config key that named it
    for key, entry in config.operations.items():
        entry_ptr = join_pointer("#/operations", key)
        route = _route_key(key)
        if route is not None:
            found = by_route.get(route)
            if found is None:
                raise config.error(f"names no operation: the spec has no {route}{_near(route, by_route)}", entry_ptr)
        else:
            matches = by_id.get(key, [])
            if not matches:
                raise config.error(
                    f"names no operation: no operationId {key!r} in the spec (or write `METHOD /path`){_near(key, by_id)}",
                    entry_ptr,
                )
            if len(matches) > 1:
                raise config.error(f"operationId {key!r} names {len(matches)} operations: name it by `METHOD /path`", entry_ptr)
            found = matches[0]
        operation, op_ptr = found
        if op_ptr in claimed:
            raise config.error(f"names the same operation as {claimed[op_ptr]!r}", entry_ptr)
        claimed[op_ptr] = key
        _merge(spec, config, _settings_of(spec, operation, op_ptr), entry, join_pointer(op_ptr, KEY), entry_ptr)


def _near(key: str, known: Any) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# ---- schemas ------------------------------------------------------------------------------------


def _apply_schemas(spec: Spec, config: ConfigFile) -> None:
    components = (spec.document.get("components") or {}).get("schemas")
    names = components if isinstance(components, dict) else {}
    for key, entry in config.schemas.items():
        entry_ptr = join_pointer("#/schemas", key)
        tokens = split_pointer(key) if key.startswith("#/") else []
        name = tokens[2] if len(tokens) == 3 and tokens[:2] == ["components", "schemas"] else None
        if name is None or not isinstance(names.get(name), dict):
            pointers = [join_pointer(COMPONENT_SCHEMAS, n) for n in names]
            hint = f" (did you mean {join_pointer(COMPONENT_SCHEMAS, key)!r}?)" if key in names else _near(key, pointers)
            raise config.error(
                f"names no component schema: write {COMPONENT_SCHEMAS}/<name> for a schema the spec has{hint}",
                entry_ptr,
            )
        ptr = join_pointer(COMPONENT_SCHEMAS, name)
        _merge(spec, config, _settings_of(spec, names[name], ptr), entry, join_pointer(ptr, KEY), entry_ptr)
