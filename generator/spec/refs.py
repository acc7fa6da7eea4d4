"""Stage 2: every `$ref` resolves, and only inside the spec's folder; other files are bundled in.

A `$ref` to a URL is refused (sdkgen never touches the network), and so is one to a file outside the
spec's folder (`../x.yaml`, an absolute path, a symlink that leads out): the check happens before the
file is opened. Refs to other files inside the folder are bundled into the one document the later
stages read:

- Each external target (a file, or a node in it named by the fragment) is copied once into the root
  document, however many refs name it, and every ref to it is rewritten to a local pointer.
- Where it lands depends on what kind of OpenAPI object the ref stands for, read from the ref's place
  in the document (a schema, a parameter, a response, ...): its `components` section, under the
  name it has in its own file (`other.yaml#/components/schemas/Pet` -> `#/components/schemas/Pet`),
  else the last pointer token or the file's stem, with a number appended when the name is taken
  (names are settled sorted, so the outcome does not depend on the order refs were met). A root
  component that is nothing but a `$ref` to the file (`components.schemas.Pet: {$ref: pet.yaml}`)
  is replaced by the content itself. Path items, and refs in places that are no component, are
  inlined where they are used.
- Refs inside a bundled file are resolved relative to that file, and rewritten the same way;
  cycles across files are fine when they pass through a component.
- `Spec.origins` records, for each bundled subtree, the file and pointer it came from, so every
  later message (validation errors, warnings, lines) names the file the node is really in.

Then pure `$ref` cycles (an alias of an alias of itself, no schema in between) are refused, so no
later stage recurses forever on them.
"""

from __future__ import annotations

import copy
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, Iterator
from urllib.parse import unquote

from ..errors import Place, SpecError, join_pointer, split_pointer
from .loader import MAX_ALIAS_NODES, load_file
from .document import Spec, detect_version, node_at

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # a scheme: http:, https:, file:, urn: ...
MAX_SHOWN = 20
# The longest chain of refs that are only aliases (a `$ref` to a `$ref` to ...) sdkgen follows: the
# OpenAPI validator follows each link with a few stack frames of its own.
MAX_REF_CHAIN = 256

# ---- where refs are, and what they stand for -------------------------------------------------------

# The OpenAPI object expected under each key of each kind of object. Keys not listed lead to "other"
# (refs there are still checked, and inlined when they name another file); LITERAL marks values that
# are data, where a `$ref` key is just data too (examples, defaults, enums, extensions).
LITERAL = "literal"
_OPERATION = {"parameters": "parameterList", "requestBody": "requestBody", "responses": "responses", "callbacks": "callbackMap"}
_PARAMETER = {"schema": "schema", "content": "content", "examples": "exampleMap", "example": LITERAL}
_SCHEMA_ONE = (
    "items additionalProperties not if then else contains propertyNames unevaluatedItems "
    "unevaluatedProperties additionalItems contentSchema"
).split()
_SCHEMA: dict[str, str] = {
    **{key: "schema" for key in _SCHEMA_ONE},
    **{key: "schemaList" for key in ("allOf", "anyOf", "oneOf", "prefixItems")},
    **{key: "schemaMap" for key in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")},
    **{key: LITERAL for key in ("example", "examples", "default", "enum", "const")},
}
_CHILDREN: dict[str, dict[str, str]] = {
    "document": {"paths": "paths", "webhooks": "pathItemMap", "components": "components"},
    "components": {
        "schemas": "schemaMap",
        "responses": "responseMap",
        "parameters": "parameterMap",
        "examples": "exampleMap",
        "requestBodies": "requestBodyMap",
        "headers": "headerMap",
        "securitySchemes": "securitySchemeMap",
        "links": "linkMap",
        "callbacks": "callbackMap",
        "pathItems": "pathItemMap",
    },
    "pathItem": {"parameters": "parameterList", **{m: "operation" for m in ("get", "put", "post", "delete", "options", "head", "patch", "trace")}},
    "operation": _OPERATION,
    "parameter": _PARAMETER,
    "header": _PARAMETER,
    "requestBody": {"content": "content"},
    "mediaType": {"schema": "schema", "examples": "exampleMap", "example": LITERAL, "encoding": "encodingMap"},
    "encoding": {"headers": "headerMap"},
    "response": {"content": "content", "headers": "headerMap", "links": "linkMap"},
    "example": {"value": LITERAL},
    "link": {"parameters": LITERAL, "requestBody": LITERAL},
    "schema": _SCHEMA,
}
# Maps and lists: every entry is of one kind.
_ENTRIES = {
    "paths": "pathItem",
    "pathItemMap": "pathItem",
    "parameterList": "parameter",
    "parameterMap": "parameter",
    "schemaList": "schema",
    "schemaMap": "schema",
    "responses": "response",
    "responseMap": "response",
    "exampleMap": "example",
    "requestBodyMap": "requestBody",
    "headerMap": "header",
    "securitySchemeMap": "securityScheme",
    "linkMap": "link",
    "callbackMap": "callback",
    "callback": "pathItem",
    "content": "mediaType",
    "encodingMap": "encoding",
}
# Kinds that a Reference Object may stand for, and the components section each is bundled into.
SECTIONS = {
    "schema": "schemas",
    "parameter": "parameters",
    "response": "responses",
    "requestBody": "requestBodies",
    "header": "headers",
    "example": "examples",
    "link": "links",
    "callback": "callbacks",
    "securityScheme": "securitySchemes",
}
# Refs of these kinds to another file are inlined where they are used.
_INLINE_KINDS = ("pathItem", "other")


def _children(current: Any, kind: str, here: str) -> list[tuple[Any, str, str]]:
    """The containers below a node, each with the kind of object it is and its pointer."""
    out: list[tuple[Any, str, str]] = []
    if isinstance(current, dict):
        children = _CHILDREN.get(kind, {})
        entry = _ENTRIES.get(kind)
        for key, value in current.items():
            if not isinstance(value, (dict, list)):
                continue
            text = key if isinstance(key, str) else str(key)
            child = entry or children.get(text, "other")
            if child == LITERAL or (entry is None and text.startswith("x-")):
                continue
            if "~" in text or "/" in text:
                text = text.replace("~", "~0").replace("/", "~1")
            out.append((value, child, here + "/" + text))
    elif isinstance(current, list):
        entry = _ENTRIES.get(kind, "schema" if kind == "schema" else "other")
        for index, value in enumerate(current):
            if isinstance(value, (dict, list)):
                out.append((value, entry, f"{here}/{index}"))
    return out


def _walk(node: Any, kind: str = "document", ptr: str = "#") -> Iterator[tuple[str, Any, str]]:
    """(pointer, node, kind) of every container the bundler reads, depth first, iteratively."""
    stack: list[tuple[Any, str, str]] = [(node, kind, ptr)]
    while stack:
        current, here_kind, here = stack.pop()
        yield here, current, here_kind
        stack.extend(reversed(_children(current, here_kind, here)))


def _ref_kind(node: Any, kind: str) -> str | None:
    """The kind of object a `$ref` in `node` stands for, or None when `node` holds no ref."""
    if kind in _ENTRIES or not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
        return None
    return kind if kind in SECTIONS or kind == "pathItem" else "other"


def walk_refs(node: Any, kind: str = "document", ptr: str = "#") -> Iterator[tuple[str, dict[str, Any], str]]:
    """(pointer of the object holding `$ref`, that object, the kind it stands for), depth first and
    iteratively, skipping data (examples, defaults, enums, `x-` extensions)."""
    for here, current, here_kind in _walk(node, kind, ptr):
        ref_kind = _ref_kind(current, here_kind)
        if ref_kind is not None:
            yield here, current, ref_kind


def schema_nodes(document: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, schema) for every Schema Object written in the document (refs not followed)."""
    for here, current, kind in _walk(document):
        if kind == "schema" and isinstance(current, dict):
            yield here, current


def iter_refs(node: Any, ptr: str = "#") -> Iterator[tuple[str, str]]:
    """(pointer of the object holding `$ref`, the ref string) for every ref the bundler follows."""
    for here, holder, _ in walk_refs(node, "document", ptr):
        yield here, holder["$ref"]


def _exists(document: Any, ptr: str) -> bool:
    try:
        node_at(document, ptr)
    except KeyError:
        return False
    return True


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


# ---- bundling -----------------------------------------------------------------------------------


@dataclass
class _File:
    path: Path  # resolved
    shown: str
    document: Any


@dataclass
class _Target:
    file: _File
    pointer: str
    kind: str
    bundled: str | None = None  # the pointer in the root document, once placed


@dataclass
class _Bundler:
    spec: Spec
    root_dir: Path = field(init=False)
    root: _File = field(init=False)
    files: dict[Path, _File | None] = field(default_factory=dict)
    targets: dict[tuple[Path, str], _Target] = field(default_factory=dict)
    problems: list[tuple[Place, str]] = field(default_factory=list)
    inlined_nodes: int = 0
    external: bool = False  # some ref names a file: there is something to bundle and rewrite
    link_starts: list[str] = field(default_factory=list)  # set by check_cycles, read by check_chains

    def __post_init__(self) -> None:
        path = self.spec.path.resolve()
        self.root_dir = path.parent
        self.root = _File(path, self.spec.shown, self.spec.document)
        self.files[path] = self.root

    # ---- messages -------------------------------------------------------------------------

    def problem(self, file: _File, ptr: str, message: str) -> None:
        from .loader import line_of

        self.problems.append((Place(file.shown, ptr, line_of(file.path, ptr)), message))

    def shown_for(self, path: Path) -> str:
        relative = path.relative_to(self.root_dir)
        folder = PurePath(self.spec.shown).parent
        return (folder / relative).as_posix() if str(folder) not in ("", ".") else relative.as_posix()

    # ---- resolving one ref ----------------------------------------------------------------

    def resolve(self, file: _File, holder_ptr: str, ref: str) -> tuple[_File, str] | None:
        """The file and pointer a ref in `file` names, or None after recording why it cannot be used."""
        at = join_pointer(holder_ptr, "$ref")
        if _URL.match(ref):
            self.problem(file, at, f"$ref {ref!r} points to a URL; sdkgen reads no network resources")
            return None
        file_part, _, fragment = ref.partition("#")
        fragment = unquote(fragment)
        if fragment and not fragment.startswith("/"):
            self.problem(file, at, f"$ref {ref!r} is not a JSON pointer (anchors are not supported)")
            return None
        target_ptr = "#" + fragment
        target = file
        if file_part:
            relative = unquote(file_part)
            if relative.startswith(("/", "\\")) or PurePath(relative).is_absolute():
                self.problem(file, at, f"$ref {ref!r} is an absolute path, outside the spec's folder")
                return None
            if "\x00" in relative:
                self.problem(file, at, f"$ref {ref!r} names a file with a NUL character in its name")
                return None
            try:
                resolved = (file.path.parent / relative).resolve()
            except (OSError, RuntimeError) as exc:  # a symlink loop, a name too long
                self.problem(file, at, f"$ref {ref!r} names a file that cannot be found: {exc}")
                return None
            if self.root_dir not in resolved.parents:
                self.problem(file, at, f"$ref {ref!r} points outside the spec's folder ({self.root_dir})")
                return None
            loaded = self.load(resolved, file, at, ref)
            if loaded is None:
                return None
            target = loaded
        if not _exists(target.document, target_ptr):
            where = "" if target is file else f" in {target.shown}"
            self.problem(file, at, f"$ref {ref!r} does not resolve: nothing at {target_ptr}{where}")
            return None
        if target is self.root and target_ptr == "#":
            self.problem(file, at, f"$ref {ref!r} names the whole root document")
            return None
        return target, target_ptr

    def load(self, path: Path, by: _File, at: str, ref: str) -> _File | None:
        if path in self.files:
            return self.files[path]
        shown = self.shown_for(path)
        try:
            loaded: _File | None = _File(path, shown, load_file(path, shown))
        except SpecError as error:
            from .loader import line_of

            if error.place is None or (error.place.line is None and not error.place.pointer):
                # Nothing in the file to point at (missing, a folder, a pipe, empty): the ref is the place.
                self.problems.append((Place(by.shown, at, line_of(by.path, at)), f"$ref {ref!r} names {shown}: {error.message}"))
            else:
                self.problems.append((error.place, f"{error.message} (the file $ref {ref!r} in {by.shown}:{line_of(by.path, at) or '?'} names)"))
            loaded = None
        self.files[path] = loaded
        return loaded

    # ---- 1. discover every target -----------------------------------------------------------

    def discover(self) -> None:
        queue: deque[tuple[_File, Any, str, str]] = deque([(self.root, self.root.document, "document", "#")])
        scanned: set[tuple[Path, str, str]] = set()
        while queue:
            file, node, kind, ptr = queue.popleft()
            for holder_ptr, holder, ref_kind in walk_refs(node, kind, ptr):
                if not holder["$ref"].startswith("#"):
                    self.external = True
                found = self.resolve(file, holder_ptr, holder["$ref"])
                if found is not None and found[0] is self.root and file is self.root:
                    # One spelling for later stages: the decoded pointer ("%C3%A9" is "é").
                    holder["$ref"] = found[1]
                if found is None or found[0] is self.root:
                    continue
                target_file, target_ptr = found
                key = (target_file.path, target_ptr)
                target = self.targets.get(key)
                if target is None:
                    target = self.targets[key] = _Target(target_file, target_ptr, ref_kind)
                elif target.kind == "other" and ref_kind != "other":
                    target.kind = ref_kind
                if (key + (target.kind,)) not in scanned:
                    scanned.add(key + (target.kind,))
                    queue.append((target_file, node_at(target_file.document, target_ptr), target.kind, target_ptr))

    # ---- 2. give each target its place ----------------------------------------------------------

    def place_all(self) -> None:
        components = self.root.document.get("components")
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
                if not ref.partition("#")[0] or _URL.match(ref):
                    continue
                file_part, _, fragment = ref.partition("#")
                path = (self.root.path.parent / unquote(file_part)).resolve()
                key = (path, "#" + unquote(fragment))
                target = self.targets.get(key)
                if target is not None and key not in in_place and SECTIONS.get(target.kind) == section:
                    in_place[key] = (section, str(name))
        placeable = sorted(
            (t for t in self.targets.values() if t.kind not in _INLINE_KINDS),
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
        for section, wanted, _, target in sorted(claims, key=lambda c: (c[0], c[1], c[2], c[3].pointer)):
            name, number = wanted, 2
            while name in taken[section]:
                name, number = f"{wanted}{number}", number + 1
            taken[section].add(name)
            target.bundled = join_pointer("#/components", section, name)
        for target, cover in covered:  # outer before inner: `placeable` is sorted by depth
            assert cover.bundled is not None
            rest = target.pointer[len(cover.pointer) :] if cover.pointer != "#" else target.pointer[1:]
            target.bundled = cover.bundled + rest

    def _cover(self, target: _Target) -> _Target | None:
        """The nearest other target of the same file, bundled as a component, that contains this one."""
        tokens = split_pointer(target.pointer)
        for n in range(len(tokens) - 1, -1, -1):
            other = self.targets.get((target.file.path, join_pointer("#", *tokens[:n])))
            if other is not None and other.kind not in _INLINE_KINDS:
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
        document = self.root.document
        placed = [t for t in self.targets.values() if t.bundled is not None and self._cover(t) is None]
        for target in sorted(placed, key=lambda t: t.bundled or ""):
            assert target.bundled is not None
            section, name = split_pointer(target.bundled)[1:3]
            components = document.setdefault("components", {})
            entries = components.setdefault(section, {}) if isinstance(components, dict) else None
            if not isinstance(entries, dict):
                self.problem(self.root, join_pointer("#/components", section), f"components.{section} must be a mapping to bundle {target.file.shown}{target.pointer} into it")
                continue
            entries[name] = copy.deepcopy(node_at(target.file.document, target.pointer))
            self.spec.origins[target.bundled] = (target.file.shown, target.file.path, target.pointer)
        if not self.problems:
            self._rewrite()

    def _file_at(self, ptr: str) -> tuple[_File, str]:
        """The file a node of the bundled document was written in, and its pointer there."""
        origin = self.spec.origin_of(ptr)
        if origin is None:
            return self.root, ptr
        _, path, local = origin
        file = self.files.get(path)
        assert file is not None
        return file, local

    def _rewrite(self) -> None:
        """Rewrite every ref of the bundled document to a local pointer, inlining where needed."""
        done: set[int] = set()
        # (node, kind, pointer, the targets being inlined above this node)
        stack: list[tuple[Any, str, str, tuple[tuple[Path, str], ...]]] = [(self.root.document, "document", "#", ())]
        while stack:
            node, kind, ptr, inlining = stack.pop()
            ref_kind = _ref_kind(node, kind)
            if ref_kind is not None and id(node) not in done:
                done.add(id(node))
                key = self._rewrite_ref(node, ptr, ref_kind, inlining)
                if key is None and self.problems:
                    return
                if key is not None:
                    inlining = inlining + (key,)
            stack.extend((child, child_kind, child_ptr, inlining) for child, child_kind, child_ptr in reversed(_children(node, kind, ptr)))

    def _rewrite_ref(self, holder: dict[str, Any], holder_ptr: str, ref_kind: str, inlining: tuple[tuple[Path, str], ...]) -> tuple[Path, str] | None:
        """Point one ref into the bundled document; the target's key when it was inlined here."""
        file, local = self._file_at(holder_ptr)
        ref = holder["$ref"]
        found = self.resolve(file, local, ref)
        if found is None:
            return None
        target_file, target_ptr = found
        if target_file is self.root:
            holder["$ref"] = target_ptr
            return None
        key = (target_file.path, target_ptr)
        target = self.targets[key]
        if target.bundled is not None:
            holder["$ref"] = target.bundled
            return None
        at = join_pointer(local, "$ref")
        if key in inlining:
            self.problem(file, at, f"$ref {ref!r} includes itself (a cycle of refs that are inlined, such as path items)")
            return None
        content = node_at(target_file.document, target_ptr)
        if not isinstance(content, dict):
            self.problem(file, at, f"$ref {ref!r} names a {type(content).__name__}, not an object")
            return None
        self.inlined_nodes += _size(content)
        if self.inlined_nodes > MAX_ALIAS_NODES:
            self.problem(file, at, f"refs to other files expand to more than {MAX_ALIAS_NODES:,} nodes")
            return None
        siblings = {k: v for k, v in holder.items() if k != "$ref"}
        if target_ptr == "#":  # a whole file: its own `components` only serve refs, bundled above
            content = {k: v for k, v in content.items() if k != "components"}
        holder.clear()
        holder.update(copy.deepcopy(content))
        holder.update(siblings)  # its own keys (a path item's summary, say) win
        self.spec.origins[holder_ptr] = (target_file.shown, target_file.path, target_ptr)
        if isinstance(holder.get("$ref"), str):  # the inlined object is itself a ref: follow it next
            done_key = key
            nested = self._rewrite_ref(holder, holder_ptr, ref_kind, inlining + (done_key,))
            return nested if nested is not None else done_key
        return key

    # ---- 4. pure ref cycles -------------------------------------------------------------------

    def check_cycles(self) -> None:
        """Refuse cycles of `$ref`s (and `allOf`s) that pass through no object: no type can be
        made of them, and a later stage following them would never stop."""
        document = self.root.document
        state: dict[str, int] = {}  # 1: on the current path, 2: explored
        reported: set[frozenset[str]] = set()
        self.link_starts = self._link_starts(document)
        for start in self.link_starts:
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
                        hops = " -> ".join(self._hop(p) for p in cycle)
                        what = "$ref and allOf" if any("/allOf/" in p for p in cycle) else "$ref"
                        self.problems.append((self.spec.place(following), f"a {what} cycle with no object in it: {hops}"))
                elif not state.get(following):
                    state[following] = 1
                    path.append(following)
                    stack.append((following, iter(self._successors(following))))

    def _successors(self, ptr: str) -> list[str]:
        """Where a schema is made of other schemas without an object in between: its `$ref`, its
        `allOf` entries."""
        try:
            node = node_at(self.root.document, ptr)
        except KeyError:
            return []
        if not isinstance(node, dict):
            return []
        found = []
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            found.append(ref)
        all_of = node.get("allOf")
        if isinstance(all_of, list):
            found.extend(join_pointer(ptr, "allOf", i) for i, entry in enumerate(all_of) if isinstance(entry, dict))
        return found

    # ---- 5. long alias chains ----------------------------------------------------------------

    @staticmethod
    def _link_starts(document: Any) -> list[str]:
        """Every node a chain of links can start at: schemas with `allOf`, then `$ref`s."""
        composed: list[str] = []
        refs: list[str] = []
        for ptr, node, kind in _walk(document):
            if kind == "schema" and isinstance(node, dict) and isinstance(node.get("allOf"), list):
                composed.append(ptr)
            if _ref_kind(node, kind) is not None:
                refs.append(ptr)
        return composed + refs

    def check_chains(self) -> None:
        """Refuse a chain of more than MAX_REF_CHAIN links (a `$ref` to a `$ref`, an `allOf` entry
        that is a `$ref` to an `allOf` ...: schemas made of schemas with no object between) at the
        node that starts it. Cycles are refused before this runs; a longest path is counted."""
        length: dict[str, int] = {}  # pointer -> links in the longest chain from it
        following: dict[str, str] = {}  # pointer -> the next node on that chain
        starts = self.link_starts  # found by check_cycles' walk of the document (one walk, not two)
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
                self.problems.append((
                    self.spec.place(start),
                    f"a chain of {length[start]:,} $refs and allOf entries, each a schema made only of the next "
                    f"({' -> '.join(self._hop(h) for h in hops)} -> ...): sdkgen follows at most {MAX_REF_CHAIN}; "
                    "point the refs at the schema itself",
                ))
                return

    def _hop(self, ptr: str) -> str:
        file, local = self._file_at(ptr)
        return local if file is self.root else f"{file.shown}{local}"

    def raise_problems(self) -> None:
        if not self.problems:
            return
        unique = list(dict.fromkeys(self.problems))
        lines = [f"{place}: {message}" for place, message in unique[1:MAX_SHOWN]]
        if len(unique) > MAX_SHOWN:
            lines.append(f"... and {len(unique) - MAX_SHOWN} more")
        if len(unique) > 1:
            lines.append(f"{len(unique)} problems with $refs")
        place, message = unique[0]
        raise SpecError(message, place, more=lines)


def bundle(spec: Spec) -> None:
    """Bundle every file the spec refers to into `spec.document`, or raise a SpecError listing every
    ref that cannot be followed."""
    bundler = _Bundler(spec)
    bundler.discover()
    bundler.raise_problems()
    if bundler.external:
        bundler.place_all()
        bundler.apply()
        bundler.raise_problems()
    bundler.check_cycles()
    bundler.raise_problems()
    bundler.check_chains()
    bundler.raise_problems()


def check_refs(spec: Spec) -> None:
    """Raise a SpecError for refs that do not resolve inside the spec (bundling as a side effect)."""
    bundle(spec)


def open_spec(path: Path, shown: str) -> Spec:
    """Load the root file, check its version, bundle and check its refs."""
    document = load_file(path, shown)
    version = detect_version(document, shown, path)
    spec = Spec(document=document, path=path, shown=shown, version=version)
    bundle(spec)
    return spec


__all__ = ["open_spec", "bundle", "check_refs", "iter_refs", "walk_refs", "schema_nodes", "Place"]
