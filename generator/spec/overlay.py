"""OpenAPI Overlay 1.0.0 documents (`--overlay FILE`), read as strictly as a spec and applied in order.

Overlays apply to the bundled document: after bundling, before the ref checks, validation and the IR.
A JSONPath target then sees the whole API as later stages do (a path item or schema written in another
file of a split spec is reachable, and `$.paths.*.get` misses none); for a one-file spec the bundled
document is the file as written. The cost: a `$ref` an update brings in must be local (`#/...`),
since bundling is over; `overlay_apply` refuses any other at its place in the overlay.

The overlay file goes through the spec loader (`loader.load_file`: size, UTF-8, YAML 1.2, duplicate
keys, depth); its shape is checked here, each problem one error at the overlay's file, line and JSON
pointer. JSONPath is RFC 9535 (`jsonpath_rfc9535`), imported only by a run that has an overlay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..errors import Place, SpecError
from .document import Spec
from .lines import line_of
from .limits import MAX_DEPTH
from .loader import load_file
from .pointers import join_pointer

_TOP = ("overlay", "info", "extends", "actions")
_INFO = ("title", "version")
_ACTION = ("target", "description", "update", "remove")


class Overlay:
    """One overlay file, loaded and checked: its actions, each with its compiled JSONPath query."""

    def __init__(self, path: Path, shown: str):
        self.path = path
        self.shown = shown
        self.document = load_file(path, shown)
        self.actions: list[tuple[int, Any, dict[str, Any]]] = []  # (index, query, action)
        self._check()

    def place(self, ptr: str) -> Place:
        return Place(self.shown, ptr, line_of(self.path, ptr))

    def error(self, message: str, ptr: str) -> SpecError:
        return SpecError(message, self.place(ptr))

    def _keys(self, node: dict[Any, Any], allowed: tuple[str, ...], ptr: str, what: str) -> None:
        for key in node:
            if not (isinstance(key, str) and (key in allowed or key.startswith("x-"))):
                expected = ", ".join(f"`{k}`" for k in allowed)
                raise self.error(f"unknown key {key!r} in {what} (Overlay 1.0.0 has {expected} and x- extensions)", join_pointer(ptr, str(key)))

    def _string(self, node: dict[str, Any], key: str, ptr: str, required: bool) -> None:
        if key not in node:
            if required:
                raise self.error(f"`{key}` is required", ptr)
            return
        if not isinstance(node[key], str):
            raise self.error(f"`{key}` must be a string, not {kind_of(node[key])}", join_pointer(ptr, key))

    def _check(self) -> None:
        document = self.document
        if not isinstance(document, dict):
            raise self.error(f"not an Overlay document: the top level is {kind_of(document)}, not a mapping", "#")
        if "overlay" not in document:
            what = "an OpenAPI document, not an overlay" if "openapi" in document else "not an Overlay document"
            raise self.error(f"{what}: it has no `overlay` field (overlay: 1.0.0)", "#")
        version = document["overlay"]
        if not isinstance(version, str):
            raise self.error(f'`overlay` must be a string such as "1.0.0", not {kind_of(version)}', "#/overlay")
        if version != "1.0" and not version.startswith("1.0."):  # the patch number is not meaningful
            raise self.error(f"Overlay {version} is not supported (sdkgen reads 1.0.x)", "#/overlay")
        self._keys(document, _TOP, "#", "the overlay")
        info = document.get("info")
        if "info" not in document:
            raise self.error("`info` (a mapping with `title` and `version`) is required", "#")
        if not isinstance(info, dict):
            raise self.error(f"`info` must be a mapping with `title` and `version`, not {kind_of(info)}", "#/info")
        self._keys(info, _INFO, "#/info", "`info`")
        for key in _INFO:
            self._string(info, key, "#/info", required=True)
        self._string(document, "extends", "#", required=False)
        actions = document.get("actions")
        if not isinstance(actions, list) or not actions:
            where = "#/actions" if "actions" in document else "#"
            got = "" if "actions" not in document else " (it is empty)" if actions == [] else f", not {kind_of(actions)}"
            raise self.error(f"`actions` must be a list of at least one action{got}", where)
        from jsonpath_rfc9535 import JSONPathEnvironment, JSONPathError

        # `$..` descends as deep as a spec may nest (the library stops at 100 by default).
        environment = JSONPathEnvironment()
        environment.max_recursion_depth = MAX_DEPTH + 1
        for index, action in enumerate(actions):
            ptr = join_pointer("#/actions", index)
            if not isinstance(action, dict):
                raise self.error(f"an action must be a mapping, not {kind_of(action)}", ptr)
            self._keys(action, _ACTION, ptr, "an action")
            self._string(action, "target", ptr, required=True)
            self._string(action, "description", ptr, required=False)
            remove = action.get("remove", False)
            if not isinstance(remove, bool):
                raise self.error(f"`remove` must be true or false, not {kind_of(remove)}", join_pointer(ptr, "remove"))
            if remove and "update" in action:
                raise self.error("an action has `update` or `remove: true`, not both", ptr)
            if not remove and "update" not in action:
                raise self.error("an action needs `update` (a value to merge) or `remove: true`", ptr)
            try:
                query = environment.compile(action["target"])
            except (JSONPathError, RecursionError) as exc:
                raise self.error(f"`target` is not an RFC 9535 JSONPath query: {exc}", join_pointer(ptr, "target")) from None
            self.actions.append((index, query, action))


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}.get(type(value), f"the {type(value).__name__} {value!r}")


def load_overlays(overlays: tuple[tuple[Path, str], ...]) -> list[Overlay]:
    """Every overlay read and checked before any is applied: a malformed one changes nothing."""
    return [Overlay(path, shown) for path, shown in overlays]


def apply_overlays(spec: Spec, overlays: tuple[tuple[Path, str], ...], warn: Callable[[str, Place], None]) -> None:
    """Apply each overlay's actions, in order, to the bundled `spec.document`, keeping `spec.origins`
    (where each node was written) true for what they add, replace and move."""
    from .overlay_apply import Applier

    for overlay in load_overlays(overlays):
        spec.overlays += (overlay.path,)
        Applier(spec, overlay, warn).run()


__all__ = ["Overlay", "apply_overlays", "kind_of", "load_overlays"]
