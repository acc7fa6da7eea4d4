"""Line numbers, for messages: the line of the node at a JSON pointer in a spec file.

A YAML file the loader read keeps where each of its nodes is (`LoadedLines`, made while building its
data from libyaml's events), for as long as the file is as it was read; otherwise, or for JSON, the
lines are found again by reading the file's YAML events (JSON is YAML) up to the nodes asked about.
Both give a node the line its value starts on, and a pointer past what the file holds the line of
the nearest node above it.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from .pointers import split_pointer

@lru_cache(maxsize=4)
def _file_text(path: Path, mtime_ns: int) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


_UNKNOWN = -1


@dataclass
class LoadedLines:
    """The lines of one YAML file's nodes, as its loader met them (`yaml_events.YamlBuilder`): each
    mapping and sequence (by its place in `containers`), the line each of its values starts on, a
    mapping's keys in the file's order, and which values are aliases (the file's events do not go
    into an alias, so neither does a line)."""

    root: Any
    root_line: int | None
    containers: list[Any]
    lines: list[list[int]]
    keys: list[list[str] | None]
    aliases: dict[int, list[int]]
    _index: dict[int, int] | None = field(default=None, init=False, repr=False)

    def line(self, tokens: tuple[str, ...]) -> int | None:
        """The line of the node at `tokens`, or of the nearest node above it; `_UNKNOWN` where the
        mappings and sequences on the way are not as they were loaded (a mapping with `<<` merges, the
        key asked for added or removed since, a sequence with items added or removed, a collection
        replaced by a new one). The values are followed as they are now: a collection replaced by a
        scalar since (bundling puts a text in the place of its `$ref`) ends the walk there."""
        if self._index is None:  # made when first asked: most runs never need a line
            self._index = {id(container): index for index, container in enumerate(self.containers)}
        node, line = self.root, self.root_line
        for token in tokens:
            if not isinstance(node, (dict, list)):
                return line  # a scalar, or past an alias: nothing below
            at = self._index.get(id(node))
            if at is None or self.containers[at] is not node:
                return _UNKNOWN
            if isinstance(node, list):  # as the events name an item: its index, no sign, no leading zero
                if len(node) != len(self.lines[at]):
                    return _UNKNOWN  # items added or removed since
                index = int(token) if token.isascii() and token.isdigit() and str(int(token)) == token else -1
                if index >= len(node):
                    index = -1
                child = node[index] if index >= 0 else None
            else:
                keys = self.keys[at] or []
                if (token in keys) != (token in node):
                    return _UNKNOWN  # a key added or removed since
                if token not in node:
                    return line  # in neither the file nor the data: the nearest node above
                index, child = keys.index(token), node[token]
            if index < 0:
                return line
            line = self.lines[at][index]
            node = None if index in self.aliases.get(at, ()) else child
        return line


def file_stamp(path: Path) -> tuple[int, int] | None:
    """What says a file is as it was: its modification time and size."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


_LOADED: OrderedDict[str, tuple[tuple[int, int], LoadedLines]] = OrderedDict()
_KEEP = 8  # files whose lines are kept (a run reads a spec, its overlays and the files it refers to; a
# long-lived process holds the data of this many files at most)


def remember_lines(path: Path, stamp: tuple[int, int], loaded: LoadedLines) -> None:
    name = os.path.realpath(path)
    _LOADED[name] = (stamp, loaded)
    _LOADED.move_to_end(name)
    while len(_LOADED) > _KEEP:
        _LOADED.popitem(last=False)


def forget_lines(path: Path) -> None:
    """The file's data was changed in ways the checks of `LoadedLines.line` may not see (an overlay
    can remove one key of a mapping and add another): its lines are found in the file again."""
    _LOADED.pop(os.path.realpath(path), None)


def _loaded(path: Path) -> LoadedLines | None:
    found = _LOADED.get(os.path.realpath(path))
    if found is None or found[0] != file_stamp(path):
        return None
    return found[1]


def line_of(path: Path, ptr: str) -> int | None:
    """The 1-based line of the node at JSON pointer `ptr` in the file, or of its nearest parent."""
    return lines_of(path, [ptr]).get(ptr)


def lines_of(path: Path, pointers: Iterable[str]) -> dict[str, int | None]:
    """Lines of several nodes of one file, in one reading of it (see `line_of`)."""
    wanted = {ptr: tuple(split_pointer(ptr)) for ptr in pointers}
    result: dict[str, int | None] = {ptr: None for ptr in wanted}
    loaded = _loaded(path) if wanted else None
    if loaded is not None:
        for ptr, tokens in list(wanted.items()):
            line = loaded.line(tokens)
            if line != _UNKNOWN:
                result[ptr] = line
                del wanted[ptr]
        if not wanted:
            return result
    try:
        text = _file_text(path, os.stat(path).st_mtime_ns)
    except OSError:
        text = None
    if text is None or not wanted:
        return result
    prefixes = {tokens[:n] for tokens in wanted.values() for n in range(len(tokens) + 1)}
    best: dict[tuple[str, ...], int] = {}
    try:
        _scan_lines(text, prefixes, best)
    except (yaml.YAMLError, RecursionError):
        pass
    for ptr, tokens in wanted.items():
        for n in range(len(tokens), -1, -1):
            if tokens[:n] in best:
                result[ptr] = best[tokens[:n]]
                break
    return result


def _scan_lines(text: str, prefixes: set[tuple[str, ...]], best: dict[tuple[str, ...], int]) -> None:
    """Record in `best` the line of every node whose path is in `prefixes`, reading events."""
    parser = yaml.CBaseLoader(text)
    # Frames: [path, is_map, pending key (None: expecting a key), next index, tracked]
    stack: list[list[Any]] = []
    skip = 0  # depth inside a collection nobody asked about
    skipping_key = False  # that collection is a (complex) key, not a value
    found = 0
    maximum = max((len(p) for p in prefixes), default=0)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if skip:
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    skip += 1
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    skip -= 1
                    if not skip and not skipping_key:
                        _finish_node(stack)
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                _finish_node(stack)
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                continue
            if stack and stack[-1][1] and stack[-1][2] is None:  # a key
                frame = stack[-1]
                frame[2] = event.value if isinstance(event, yaml.ScalarEvent) else ""
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    skip, skipping_key = 1, True
                continue
            if not stack:
                path: tuple[str, ...] = ()
            else:
                frame = stack[-1]
                token = frame[2] if frame[1] else str(frame[3])
                path = frame[0] + (token,)
            tracked = path in prefixes
            if tracked and path not in best and event.start_mark is not None:
                best[path] = event.start_mark.line + 1
                found += 1
                if found >= len(prefixes):
                    return
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if tracked and len(path) < maximum:
                    stack.append([path, isinstance(event, yaml.MappingStartEvent), None, 0])
                else:
                    skip, skipping_key = 1, False
            else:
                _finish_node(stack)
    finally:
        parser.dispose()


def _finish_node(stack: list[list[Any]]) -> None:
    """A value ended: its parent moves to the next key or index."""
    if not stack:
        return
    frame = stack[-1]
    if frame[1]:
        frame[2] = None
    else:
        frame[3] += 1


__all__ = ["LoadedLines", "file_stamp", "forget_lines", "line_of", "lines_of", "remember_lines"]
