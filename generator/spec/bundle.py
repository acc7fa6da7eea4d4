"""Bundling: refs to other files inside the spec's folder are copied into the one document the later
stages read.

- Each external target (a file, or a node in it named by the fragment) is copied once into the root
  document, however many refs name it, and every ref to it is rewritten to a local pointer.
- Where it lands depends on what kind of OpenAPI object the ref stands for (`walk.ref_kind`): its
  `components` section, under the name it has in its own file
  (`other.yaml#/components/schemas/Pet` -> `#/components/schemas/Pet`), else the last pointer token
  or the file's stem, with a number appended when the name is taken (names are settled sorted, so
  the outcome does not depend on the order refs were met). A root component that is nothing but a
  `$ref` to the file (`components.schemas.Pet: {$ref: pet.yaml}`) is replaced by the content itself.
  Path items, and refs in places that are no component, are inlined where they are used.
- Refs inside a bundled file are resolved relative to that file, and rewritten the same way;
  cycles across files are fine when they pass through a component.
- A ref to a string where no OpenAPI object belongs (`description: {$ref: 'texts.yml#/intro'}`) is
  replaced by the string, as bundlers do, and noted in `Spec.bent` for validation (`inline_texts`).
- `Spec.origins` records, for each bundled subtree, the file and pointer it came from, so every
  later message (validation errors, warnings, lines) names the file the node is really in.
"""

from __future__ import annotations

import copy
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .document import node_at
from .files import Files, SpecFile, is_url
from .limits import MAX_ALIAS_NODES
from .pointers import join_pointer, split_pointer, split_ref
from .texts import Text, inline_texts, is_text_ref, root_texts
from .walk import INLINE_KINDS, SECTIONS, RootWalk, children, ref_kind, walk_refs


def _size(node: Any) -> int:
    count, stack = 0, [node]
    while stack:
        current = stack.pop()
        count += 1
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return count


def _numbered(wanted: str, number: int) -> str:
    """A taken component name with a number appended (one name tried; the linearity test counts them)."""
    return f"{wanted}{number}"


@dataclass
class _Target:
    file: SpecFile
    pointer: str
    kind: str
    bundled: str | None = None  # the pointer in the root document, once placed


@dataclass
class Bundler:
    files: Files
    targets: dict[tuple[Path, str], _Target] = field(default_factory=dict)
    inlined_nodes: int = 0
    texts: list[Text] = field(default_factory=list)  # refs to strings, met while rewriting
    external: bool = False  # some ref names a file: there is something to bundle and rewrite

    # ---- 1. discover every target -----------------------------------------------------------

    def discover(self) -> None:
        queue: deque[tuple[SpecFile, Any, str, str]] = deque([(self.files.root, self.files.root.document, "document", "#")])
        scanned: set[tuple[Path, str, str]] = set()
        while queue:
            file, node, kind, ptr = queue.popleft()
            if node is self.files.root.document and ptr == "#":
                # The root's walk, kept for the stages after bundling (`RootWalk`).
                self.files.root_walk = RootWalk.of(node)
                holders: Iterable[tuple[str, dict[str, Any], str]] = list(self.files.root_walk.refs)
            else:
                holders = walk_refs(node, kind, ptr)
            for holder_ptr, holder, stands_for in holders:
                if not holder["$ref"].startswith("#"):
                    self.external = True
                found = self.files.resolve(file, holder_ptr, holder["$ref"])
                if found is not None and found[0] is self.files.root and file is self.files.root:
                    # One spelling for later stages: the decoded pointer ("%C3%A9" is "é").
                    holder["$ref"] = found[1]
                if found is None or found[0] is self.files.root:
                    continue
                target_file, target_ptr = found
                key = (target_file.path, target_ptr)
                target = self.targets.get(key)
                if target is None:
                    target = self.targets[key] = _Target(target_file, target_ptr, stands_for)
                elif target.kind == "other" and stands_for != "other":
                    target.kind = stands_for
                if (key + (target.kind,)) not in scanned:
                    scanned.add(key + (target.kind,))
                    queue.append((target_file, node_at(target_file.document, target_ptr), target.kind, target_ptr))

    # ---- 2. give each target its place ----------------------------------------------------------

    def place_all(self) -> None:
        components = self.files.root.document.get("components")
        components = components if isinstance(components, dict) else {}
        taken: dict[str, set[str]] = {}
        for section in SECTIONS.values():
            entries = components.get(section)
            taken[section] = set(entries) if isinstance(entries, dict) else set()
        # Root components that are only a `$ref` to another file take that file's content.
        in_place: dict[tuple[Path, str], tuple[str, str]] = {}
        for section in sorted(set(SECTIONS.values())):
            entries = components.get(section)
            if not isinstance(entries, dict):
                continue
            for name in sorted(entries, key=str):
                entry = entries[name]
                if not (isinstance(entry, dict) and set(entry) == {"$ref"} and isinstance(entry["$ref"], str)):
                    continue
                ref = entry["$ref"]
                relative, target_ptr = split_ref(ref, decode=True)
                if not relative or is_url(ref):
                    continue
                key = ((self.files.root.path.parent / relative).resolve(), target_ptr)
                target = self.targets.get(key)
                if target is not None and key not in in_place and SECTIONS.get(target.kind) == section:
                    in_place[key] = (section, str(name))
        placeable = sorted(
            (t for t in self.targets.values() if t.kind not in INLINE_KINDS),
            key=lambda t: (str(t.file.path), len(split_pointer(t.pointer)), t.pointer),
        )
        covered: list[tuple[_Target, _Target]] = []
        claims: list[tuple[str, str, str, _Target]] = []
        for target in placeable:
            cover = self._cover(target)
            if cover is not None:
                covered.append((target, cover))
            elif (target.file.path, target.pointer) in in_place:
                section, name = in_place[(target.file.path, target.pointer)]
                target.bundled = join_pointer("#/components", section, name)
            else:
                claims.append((SECTIONS[target.kind], self._wanted_name(target), target.file.shown, target))
        # The next number to try per wanted name: thousands of files that each have an `Error` are
        # numbered in one pass, not by trying 2, 3, ... again for each.
        numbers: dict[tuple[str, str], int] = {}
        for section, wanted, _, target in sorted(claims, key=lambda c: (c[0], c[1], c[2], c[3].pointer)):
            # (Every number below the one remembered was found taken, and `taken` only grows.)
            name, number = wanted, numbers.get((section, wanted), 2)
            while name in taken[section]:
                name, number = _numbered(wanted, number), number + 1
            numbers[(section, wanted)] = number
            taken[section].add(name)
            target.bundled = join_pointer("#/components", section, name)
        for target, cover in covered:  # outer before inner: `placeable` is sorted by depth
            assert cover.bundled is not None
            target.bundled = cover.bundled + target.pointer[len(cover.pointer) :]

    def _cover(self, target: _Target) -> _Target | None:
        """The nearest other target of the same file, bundled as a component, that contains this one."""
        tokens = split_pointer(target.pointer)
        for n in range(len(tokens) - 1, -1, -1):
            other = self.targets.get((target.file.path, join_pointer("#", *tokens[:n])))
            if other is not None and other.kind not in INLINE_KINDS:
                return other
        return None

    @staticmethod
    def _wanted_name(target: _Target) -> str:
        tokens = split_pointer(target.pointer)
        stem = target.file.path.stem
        if len(tokens) == 3 and tokens[0] == "components":
            return tokens[2]
        if tokens and not tokens[-1].isdigit():
            return tokens[-1]
        return stem + ("_" + "_".join(tokens) if tokens else "")

    # ---- 3. copy and rewrite ----------------------------------------------------------------

    def apply(self) -> None:
        document = self.files.root.document
        placed = [t for t in self.targets.values() if t.bundled is not None and self._cover(t) is None]
        for target in sorted(placed, key=lambda t: t.bundled or ""):
            assert target.bundled is not None
            section, name = split_pointer(target.bundled)[1:3]
            components = document.setdefault("components", {})
            entries = components.setdefault(section, {}) if isinstance(components, dict) else None
            if not isinstance(entries, dict):
                self.files.problem(self.files.root, join_pointer("#/components", section), f"components.{section} must be a mapping to bundle {target.file.shown}{target.pointer} into it")
                continue
            entries[name] = copy.deepcopy(node_at(target.file.document, target.pointer))
            self.files.spec.origins[target.bundled] = (target.file.shown, target.file.path, target.pointer)
        if not self.files.problems:
            self._rewrite()

    def _rewrite(self) -> None:
        """Rewrite every ref of the bundled document to a local pointer, inlining where needed."""
        done: set[int] = set()
        # (node, kind, pointer, the targets being inlined above this node)
        stack: list[tuple[Any, str, str, tuple[tuple[Path, str], ...]]] = [(self.files.root.document, "document", "#", ())]
        while stack:
            node, kind, ptr, inlining = stack.pop()
            stands_for = ref_kind(node, kind)
            if stands_for is not None and id(node) not in done:
                done.add(id(node))
                key = self._rewrite_ref(node, ptr, stands_for, inlining)
                if key is None and self.files.problems:
                    return
                if key is not None:
                    inlining = inlining + (key,)
            stack.extend((child, child_kind, child_ptr, inlining) for child, child_kind, child_ptr in reversed(children(node, kind, ptr)))

    def _rewrite_ref(self, holder: dict[str, Any], holder_ptr: str, stands_for: str, inlining: tuple[tuple[Path, str], ...]) -> tuple[Path, str] | None:
        """Point one ref into the bundled document; the target's key when it was inlined here."""
        file, local = self.files.file_at(holder_ptr)
        ref = holder["$ref"]
        found = self.files.resolve(file, local, ref)
        if found is None:
            return None
        target_file, target_ptr = found
        if is_text_ref(holder, stands_for) and isinstance(node_at(target_file.document, target_ptr), str):
            self.texts.append(Text(holder_ptr, file, local, holder["$ref"], target_file, target_ptr))
            return None  # `texts.inline_texts` puts the text in its place
        if target_file is self.files.root:
            holder["$ref"] = target_ptr
            return None
        key = (target_file.path, target_ptr)
        target = self.targets[key]
        if target.bundled is not None:
            holder["$ref"] = target.bundled
            return None
        at = join_pointer(local, "$ref")
        if key in inlining:
            self.files.problem(file, at, f"$ref {ref!r} includes itself (a cycle of refs that are inlined, such as path items)")
            return None
        content = node_at(target_file.document, target_ptr)
        if not isinstance(content, dict):
            self.files.problem(file, at, f"$ref {ref!r} names a {type(content).__name__}, not an object")
            return None
        self.inlined_nodes += _size(content)
        if self.inlined_nodes > MAX_ALIAS_NODES:
            self.files.problem(file, at, f"refs to other files expand to more than {MAX_ALIAS_NODES:,} nodes")
            return None
        siblings = {k: v for k, v in holder.items() if k != "$ref"}
        if target_ptr == "#":  # a whole file: its own `components` only serve refs, bundled above
            content = {k: v for k, v in content.items() if k != "components"}
        holder.clear()
        holder.update(copy.deepcopy(content))
        holder.update(siblings)  # its own keys (a path item's summary, say) win
        self.files.spec.origins[holder_ptr] = (target_file.shown, target_file.path, target_ptr)
        if isinstance(holder.get("$ref"), str):  # the inlined object is itself a ref: follow it next
            done_key = key
            nested = self._rewrite_ref(holder, holder_ptr, stands_for, inlining + (done_key,))
            return nested if nested is not None else done_key
        return key


def bundle_files(files: Files) -> None:
    """Copy every file the root's refs lead to into the root document and point the refs there, or
    raise a SpecError listing every ref that cannot be followed."""
    bundler = Bundler(files)
    bundler.discover()
    files.raise_problems()
    if bundler.external:
        files.root_walk = None  # other files' content is copied in
        bundler.place_all()
        bundler.apply()
        files.raise_problems()
    inline_texts(files, bundler.texts if bundler.external else root_texts(files))
    files.raise_problems()


__all__ = ["bundle_files"]
