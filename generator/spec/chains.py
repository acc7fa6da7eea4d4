"""Links between schemas with no object in between (a `$ref`, an `allOf` entry): cycles of them are
refused, and so are chains longer than MAX_REF_CHAIN, so no later stage recurses forever or overflows
on them, and no later stage checks for them again (the normalised view, `normal.py`, follows refs
without a guard). Run on the bundled document, always (even with `--skip-validation`).
"""

from __future__ import annotations

from typing import Any, Iterator

from .document import node_at
from .files import Files
from .limits import MAX_REF_CHAIN
from .pointers import join_pointer, ref_pointer
from .walk import RootWalk


def link_starts(document: Any, root_walk: RootWalk | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """Every node a chain of links can start at (schemas with `allOf`, then `$ref`s), and the
    `(pointer, ref)` of the refs that lead nowhere.

    The places the refs lead are walked too when `walk` does not go there (a `$ref` into an `x-`
    extension or an example), as the kind of object the ref stands for: the IR builders read what
    they find there, so its refs are checked like the others, and no builder has to."""
    composed: list[str] = []
    refs: list[tuple[str, str, str]] = []  # (pointer, target, kind it stands for)
    walked: set[str] = set()

    def take(found: RootWalk) -> None:
        walked.update(found.walked)
        composed.extend(found.composed)
        refs.extend((here, ref_pointer(node["$ref"]), stands_for) for here, node, stands_for in found.refs)

    # The walk bundling made, of the document as it still is, else a walk of it now.
    take(root_walk if root_walk is not None else RootWalk.of(document))
    dangling: list[tuple[str, str]] = []
    checked = 0
    while checked < len(refs):  # refs found in the places walked here are checked in turn
        here, target, stands_for = refs[checked]
        checked += 1
        if target in walked:
            continue
        try:
            found = node_at(document, target)
        except KeyError:
            dangling.append((here, target))
            continue
        take(RootWalk.of(found, stands_for, target))
    return composed + [here for here, _, _ in refs], dangling


class _Links:
    def __init__(self, files: Files):
        self.files = files
        self.document = files.root.document
        self.starts, self.dangling = link_starts(self.document, files.root_walk)  # one walk, for every check

    def check_dangling(self) -> None:
        """Refs in the places only refs lead to (bundling checked the others) that lead nowhere."""
        for ptr, target in self.dangling:
            ref = node_at(self.document, ptr)["$ref"]
            self.files.problems.append((self.files.spec.place(join_pointer(ptr, "$ref"), with_line=False), f"$ref {ref!r} does not resolve: nothing at {target}"))

    def check_cycles(self) -> None:
        """Refuse cycles of `$ref`s (and `allOf`s) that pass through no object: no type can be
        made of them, and a later stage following them would never stop."""
        state: dict[str, int] = {}  # 1: on the current path, 2: explored
        reported: set[frozenset[str]] = set()
        for start in self.starts:
            if state.get(start):
                continue
            path = [start]
            state[start] = 1
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(self._successors(start)))]
            while stack:
                ptr, successors = stack[-1]
                following = next(successors, None)
                if following is None:
                    stack.pop()
                    path.pop()
                    state[ptr] = 2
                elif state.get(following) == 1:
                    cycle = path[path.index(following) :] + [following]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        hops = " -> ".join(self.files.hop(p) for p in cycle)
                        what = "$ref and allOf" if any("/allOf/" in p for p in cycle) else "$ref"
                        self.files.problems.append((self.files.spec.place(following, with_line=False), f"a {what} cycle with no object in it: {hops}"))
                elif not state.get(following):
                    state[following] = 1
                    path.append(following)
                    stack.append((following, iter(self._successors(following))))

    def _successors(self, ptr: str) -> list[str]:
        """Where a schema is made of other schemas without an object in between: its `$ref`, its
        `allOf` entries."""
        try:
            node = node_at(self.document, ptr)
        except KeyError:
            return []
        if not isinstance(node, dict):
            return []
        found = []
        ref = node.get("$ref")
        if isinstance(ref, str):  # read as the builders read it (bundling made the others local)
            found.append(ref_pointer(ref))
        all_of = node.get("allOf")
        if isinstance(all_of, list):
            found.extend(join_pointer(ptr, "allOf", i) for i, entry in enumerate(all_of) if isinstance(entry, dict))
        return found


    def check_chains(self) -> None:
        """Refuse a chain of more than MAX_REF_CHAIN links (a `$ref` to a `$ref`, an `allOf` entry
        that is a `$ref` to an `allOf` ...: schemas made of schemas with no object between) at the
        node that starts it. Cycles are refused before this runs; a longest path is counted."""
        length: dict[str, int] = {}  # pointer -> links in the longest chain from it
        following: dict[str, str] = {}  # pointer -> the next node on that chain
        starts = self.starts
        for start in starts:
            if start in length:
                continue
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(self._successors(start)))]
            on_path = {start}
            length[start] = 0
            while stack:
                ptr, successors = stack[-1]
                nxt = next(successors, None)
                if nxt is None:  # done: its parent on the walk may be one link longer
                    stack.pop()
                    on_path.discard(ptr)
                    if stack and length[ptr] + 1 > length[stack[-1][0]]:
                        length[stack[-1][0]], following[stack[-1][0]] = length[ptr] + 1, ptr
                elif nxt in on_path:
                    continue  # a cycle: check_cycles refuses those with no object in them
                elif nxt in length:  # reached before, its length known
                    if length[nxt] + 1 > length[ptr]:
                        length[ptr], following[ptr] = length[nxt] + 1, nxt
                else:
                    length[nxt] = 0
                    on_path.add(nxt)
                    stack.append((nxt, iter(self._successors(nxt))))
        for start in starts:
            if length[start] > MAX_REF_CHAIN:
                hops = [start]
                while len(hops) < 4 and hops[-1] in following:
                    hops.append(following[hops[-1]])
                self.files.problems.append((
                    self.files.spec.place(start, with_line=False),
                    f"a chain of {length[start]:,} $refs and allOf entries, each a schema made only of the next "
                    f"({' -> '.join(self.files.hop(h) for h in hops)} -> ...): sdkgen follows at most {MAX_REF_CHAIN}; "
                    "point the refs at the schema itself",
                ))
                return


def check_links(files: Files) -> None:
    """Raise a SpecError for a ref that leads nowhere, then for a cycle of links with no object in
    it, then for an over-long chain."""
    links = _Links(files)
    links.check_dangling()
    files.raise_problems()
    links.check_cycles()
    files.raise_problems()
    links.check_chains()
    files.raise_problems()


__all__ = ["check_links", "link_starts"]
