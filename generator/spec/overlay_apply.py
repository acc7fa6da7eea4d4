"""One overlay's actions applied to the bundled document, and `Spec.origins` kept true while they are.

Merge rules. Overlay 1.0.0 says an update's properties "replace properties in the target object with
the same name and new properties are appended", and that an update of an array target is "an entry to
append". Where 1.0.0 is silent (nested values, an update that is itself a list) we follow the rules
that Overlay 1.1.0 spells out as the clarified 1.0 behaviour: mappings merge recursively, a list
merged into a list is concatenated, a scalar replaces a scalar, any other pair is an error (remove the
node first to replace it); an update whose value is a list, on a list target, appends its entries.
A target must select mappings or lists for an update (1.0.0: "not primitive types or null"); `remove`
takes any selected node out of the mapping or list that holds it.

Provenance: `Spec.origins` maps a pointer prefix of the document to (file, path, pointer there),
longest prefix wins, anything without an entry is the root file at the same pointer. A value an
update writes gets an entry naming the overlay (the update value's pointer, so its line); a removal
from a list moves the entries of the later items one index down and gives each moved item an entry
naming where it was written, so a message about it still names its original file and line.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from ..errors import Place, SpecError
from .document import Spec
from .overlay import Overlay, kind_of
from .pointers import join_pointer


def _order(location: tuple[int | str, ...]) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, t) if isinstance(t, int) else (1, t) for t in location)


class Applier:
    def __init__(self, spec: Spec, overlay: Overlay, warn: Callable[[str, Place], None]):
        self.spec = spec
        self.overlay = overlay
        self.warn = warn

    def run(self) -> None:
        for index, query, action in self.overlay.actions:
            seen: set[tuple[int | str, ...]] = set()
            nodes = []
            for node in self._find(query, index):
                if node.location not in seen:  # an RFC 9535 nodelist may name a node twice
                    seen.add(node.location)
                    nodes.append(node)
            at = join_pointer("#/actions", index)
            if not nodes:
                self.warn(f"overlay target {action['target']!r} selects nothing in the spec", self.overlay.place(join_pointer(at, "target")))
            elif action.get("remove", False):
                self._remove(nodes, at)
            else:
                for node in nodes:
                    self._update(node, action["update"], at)

    def _find(self, query: Any, index: int) -> list[Any]:
        from jsonpath_rfc9535 import JSONPathError

        try:
            return list(query.find(self.spec.document))
        except (JSONPathError, RecursionError) as exc:  # a spec nested deeper than the query can go
            raise self.overlay.error(f"`target` cannot be evaluated on this spec: {exc}", join_pointer("#/actions", index, "target")) from None

    # ---- remove ---------------------------------------------------------------------------------

    def _remove(self, nodes: list[Any], at: str) -> None:
        # Last in document order first: removing an item then never moves one still to be removed,
        # and a node's descendants go before it.
        for node in sorted(nodes, key=lambda n: _order(n.location), reverse=True):
            if not node.location:
                raise self.overlay.error("`remove` cannot remove the whole document", join_pointer(at, "target"))
            parent, key = node.parent.value, node.location[-1]
            parent_ptr = join_pointer("#", *node.location[:-1])
            if isinstance(parent, list):
                length = len(parent)
                del parent[key]
                self._shift(parent_ptr, key, length)
            else:
                del parent[key]
                self._drop(join_pointer(parent_ptr, key))

    # ---- update ---------------------------------------------------------------------------------

    def _update(self, node: Any, value: Any, at: str) -> None:
        ptr = join_pointer("#", *node.location)
        target, update_at = node.value, join_pointer(at, "update")
        if isinstance(target, dict):
            if not isinstance(value, dict):
                raise self.overlay.error(f"the target selects a mapping ({self._where(ptr)}): `update` must be a mapping to merge into it, not {kind_of(value)}", update_at)
            self._merge(target, ptr, value, update_at)
        elif isinstance(target, list):
            self._append(target, ptr, value, update_at)
        else:
            raise self.overlay.error(
                f"the target selects {kind_of(target)} ({self._where(ptr)}); an update merges into a mapping or appends to a list: "
                "select the mapping that holds the value", join_pointer(at, "target"))

    def _merge(self, target: dict[Any, Any], ptr: str, update: dict[Any, Any], at: str) -> None:
        for key, new in update.items():
            child, child_at = join_pointer(ptr, str(key)), join_pointer(at, str(key))
            if key not in target:
                target[key] = copy.deepcopy(new)
                self._written(child, child_at)
                continue
            old = target[key]
            if isinstance(old, dict) and isinstance(new, dict):
                self._merge(old, child, new, child_at)
            elif isinstance(old, list) and isinstance(new, list):
                self._append(old, child, new, child_at)
            elif not isinstance(old, (dict, list)) and not isinstance(new, (dict, list)):
                target[key] = new
                self._written(child, child_at)
            else:
                raise self.overlay.error(
                    f"`update` gives {str(key)!r} {kind_of(new)} where the spec has {kind_of(old)} ({self._where(child)}); "
                    "an update merges mappings into mappings and lists into lists: remove the value first to replace it", child_at)

    def _append(self, target: list[Any], ptr: str, value: Any, at: str) -> None:
        entries = [(item, join_pointer(at, j)) for j, item in enumerate(value)] if isinstance(value, list) else [(value, at)]
        for item, item_at in entries:
            target.append(copy.deepcopy(item))
            self._written(join_pointer(ptr, len(target) - 1), item_at)

    def _where(self, ptr: str) -> str:
        return str(self.spec.place(ptr))

    # ---- provenance -----------------------------------------------------------------------------

    # Every key of `origins` names a node of the document: bundling makes them so, a removal drops
    # those under the node it removes and moves those of the items after it. So a node an update
    # adds (a new key, a new list item) or replaces (a scalar) has none below it to drop.

    def _written(self, ptr: str, at: str) -> None:
        self.spec.origins[ptr] = (self.overlay.shown, self.overlay.path, at)

    def _drop(self, ptr: str) -> None:
        prefix = ptr + "/"
        for key in [key for key in self.spec.origins if key == ptr or key.startswith(prefix)]:
            del self.spec.origins[key]

    def _shift(self, parent_ptr: str, removed: int, length: int) -> None:
        """Item `removed` of the list at `parent_ptr` (of `length` items) is gone: its entries go, the
        entries of each later item move one index down, and each moved item gets an entry naming
        where it was written (one pass over `origins`)."""
        origins, prefix = self.spec.origins, parent_ptr + "/"
        by_index: dict[int, list[str]] = {}
        for key in origins:
            if key.startswith(prefix):
                head = key[len(prefix):].split("/", 1)[0]
                if head.isdigit():
                    by_index.setdefault(int(head), []).append(key)
        for key in by_index.pop(removed, []):
            del origins[key]
        for index in range(removed + 1, length):
            old, new = join_pointer(parent_ptr, index), join_pointer(parent_ptr, index - 1)
            base = self.spec.origin_of(old) or (self.spec.shown, self.spec.path, old)
            for key in by_index.get(index, []):
                origins[new + key[len(old):]] = origins.pop(key)
            origins[new] = base


def check_overlay_refs(spec: Spec) -> None:
    """A `$ref` an update brought in must name a node of the bundled document (`#/...`): bundling is
    done, so a ref to another file would be followed by nobody. Its pointer is decoded as bundling
    decodes the others ("%7B" is "{")."""
    from .pointers import split_ref
    from .walk import walk_refs

    overlays = set(spec.overlays)
    for holder_ptr, holder, _ in walk_refs(spec.document):
        origin = spec.origin_of(join_pointer(holder_ptr, "$ref"))
        if origin is None or origin[1] not in overlays:
            continue
        ref = holder["$ref"]
        if not ref.startswith("#"):
            raise SpecError(
                f"$ref {ref!r} from an overlay names another file; overlays apply to the bundled spec, "
                "so their refs must point into it (#/components/...)", spec.place(join_pointer(holder_ptr, "$ref")))
        holder["$ref"] = split_ref(ref, decode=True)[1]


__all__ = ["Applier", "check_overlay_refs"]
