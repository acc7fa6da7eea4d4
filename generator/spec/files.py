"""Following one `$ref`: to a node of the same file, or of another file inside the spec's folder.

A `$ref` to a URL is refused (sdkgen never touches the network), and so is one to a file outside the
spec's folder (`../x.yaml`, an absolute path, a symlink that leads out): the check happens before the
file is opened. Each file is loaded once. Problems are collected, not raised one by one, so a spec
with many broken refs is told about all of them (up to MAX_SHOWN) at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from ..errors import Place, SpecError
from .document import Spec, node_at
from .limits import MAX_SHOWN
from .lines import line_of, lines_of
from .loader import load_file
from .pointers import join_pointer, split_ref
from .walk import RootWalk

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # a scheme: http:, https:, file:, urn: ...


def is_url(ref: str) -> bool:
    return _URL.match(ref) is not None


@dataclass
class SpecFile:
    path: Path  # resolved
    shown: str
    document: Any


def _exists(document: Any, ptr: str) -> bool:
    try:
        node_at(document, ptr)
    except KeyError:
        return False
    return True


@dataclass
class Files:
    """The root file and every file its refs lead to, and the problems met following them."""

    spec: Spec
    root_dir: Path = field(init=False)
    root: SpecFile = field(init=False)
    files: dict[Path, SpecFile | None] = field(default_factory=dict)  # None: could not be loaded
    problems: list[tuple[Place, str]] = field(default_factory=list)
    # The root document's walk while its shape is as loaded (`RootWalk`); None once bundling copied
    # other files in or an overlay changed it.
    root_walk: RootWalk | None = None

    def __post_init__(self) -> None:
        path = self.spec.path.resolve()
        self.root_dir = path.parent
        self.root = SpecFile(path, self.spec.shown, self.spec.document)
        self.files[path] = self.root

    # ---- messages -------------------------------------------------------------------------

    def problem(self, file: SpecFile, ptr: str, message: str) -> None:
        # The line is looked up when the problem is shown: a spec with thousands of broken refs in
        # one file would read that file once per ref.
        self.problems.append((Place(file.shown, ptr), message))

    def _with_lines(self, problems: list[tuple[Place, str]]) -> list[tuple[Place, str]]:
        """The problems, each place given its line, one reading per file."""
        paths = {self.root.shown: self.root.path}
        paths.update((file.shown, file.path) for file in self.files.values() if file is not None)
        paths.update((shown, path) for shown, path, _ in self.spec.origins.values())
        wanted: dict[Path, list[str]] = {}
        for place, _ in problems:
            if place.line is None and place.pointer and place.file in paths:
                wanted.setdefault(paths[place.file], []).append(place.pointer)
        lines = {(path, ptr): line for path, ptrs in wanted.items() for ptr, line in lines_of(path, ptrs).items()}
        return [
            (Place(place.file, place.pointer, lines.get((paths[place.file], place.pointer))), message)
            if place.line is None and (paths.get(place.file), place.pointer) in lines else (place, message)
            for place, message in problems
        ]

    def raise_problems(self) -> None:
        """Raise one SpecError for the problems met so far (the first, then a list), if any."""
        if not self.problems:
            return
        unique = list(dict.fromkeys(self.problems))
        unique[:MAX_SHOWN] = self._with_lines(unique[:MAX_SHOWN])
        lines = [f"{place}: {message}" for place, message in unique[1:MAX_SHOWN]]
        if len(unique) > MAX_SHOWN:
            lines.append(f"... and {len(unique) - MAX_SHOWN} more")
        if len(unique) > 1:
            lines.append(f"{len(unique)} problems with $refs")
        place, message = unique[0]
        raise SpecError(message, place, more=lines)

    def shown_for(self, path: Path) -> str:
        relative = path.relative_to(self.root_dir)
        folder = PurePath(self.spec.shown).parent
        return (folder / relative).as_posix() if str(folder) not in ("", ".") else relative.as_posix()

    def file_at(self, ptr: str) -> tuple[SpecFile, str]:
        """The file a node of the bundled document was written in, and its pointer there."""
        origin = self.spec.origin_of(ptr)
        if origin is None:
            return self.root, ptr
        _, path, local = origin
        file = self.files.get(path)
        assert file is not None
        return file, local

    def hop(self, ptr: str) -> str:
        """A node of the bundled document as a message names it: its pointer, after its file's name
        when that is not the root file."""
        origin = self.spec.origin_of(ptr)  # a bundled file's or an overlay's node
        if origin is None or origin[1] in (self.root.path, self.spec.path):
            return origin[2] if origin is not None else ptr
        return f"{origin[0]}{origin[2]}"

    # ---- resolving one ref ----------------------------------------------------------------

    def resolve(self, file: SpecFile, holder_ptr: str, ref: str) -> tuple[SpecFile, str] | None:
        """The file and pointer a ref in `file` names, or None after recording why it cannot be used."""
        at = join_pointer(holder_ptr, "$ref")
        if is_url(ref):
            self.problem(file, at, f"$ref {ref!r} points to a URL; sdkgen reads no network resources")
            return None
        relative, target_ptr = split_ref(ref, decode=True)
        if target_ptr != "#" and not target_ptr.startswith("#/"):
            self.problem(file, at, f"$ref {ref!r} is not a JSON pointer (anchors are not supported)")
            return None
        target = file
        if relative:
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

    def load(self, path: Path, by: SpecFile, at: str, ref: str) -> SpecFile | None:
        if path in self.files:
            return self.files[path]
        shown = self.shown_for(path)
        try:
            loaded: SpecFile | None = SpecFile(path, shown, load_file(path, shown))
        except SpecError as error:
            if error.place is None or (error.place.line is None and not error.place.pointer):
                # Nothing in the file to point at (missing, a folder, a pipe, empty): the ref is the place.
                self.problems.append((Place(by.shown, at, line_of(by.path, at)), f"$ref {ref!r} names {shown}: {error.message}"))
            else:
                self.problems.append((error.place, f"{error.message} (the file $ref {ref!r} in {by.shown}:{line_of(by.path, at) or '?'} names)"))
            loaded = None
        self.files[path] = loaded
        return loaded


__all__ = ["Files", "SpecFile", "is_url"]
