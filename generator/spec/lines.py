"""Line numbers, for messages: the line of the node at a JSON pointer in a spec file.

Lines are not kept while loading (the happy path needs none); they are found again here, by reading
the file's YAML events (JSON is YAML) up to the nodes asked about, only when a message needs one.
"""

from __future__ import annotations

import os
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


def line_of(path: Path, ptr: str) -> int | None:
    """The 1-based line of the node at JSON pointer `ptr` in the file, or of its nearest parent."""
    return lines_of(path, [ptr]).get(ptr)


def lines_of(path: Path, pointers: Iterable[str]) -> dict[str, int | None]:
    """Lines of several nodes of one file, in one reading of it (see `line_of`)."""
    wanted = {ptr: tuple(split_pointer(ptr)) for ptr in pointers}
    result: dict[str, int | None] = {ptr: None for ptr in wanted}
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


__all__ = ["line_of", "lines_of"]
