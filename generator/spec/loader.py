"""Stage 1: read a spec file into plain Python data (dicts, lists, scalars), or refuse it clearly.

YAML is parsed by libyaml (PyYAML's C parser) and built into Python data straight from its event
stream, with the YAML 1.2 core schema: OpenAPI documents are YAML 1.2, where `yes`, `on` and `0777`
are strings, not booleans or octal numbers. Mapping keys are always the text the author wrote
(`200:` is the key "200"), as in JSON. JSON goes through the json module.

Building from events (no node tree) keeps memory near the size of the data, and lets the loader
refuse hostile input at the line where it happens, in bounded time and memory: nesting deeper than
MAX_DEPTH, an alias inside its own anchor (a recursive document), aliases that expand to more than
MAX_ALIAS_NODES nodes (a "billion laughs" bomb), more than one document, tags that are not JSON
types, duplicate keys. Line numbers are not kept on the happy path; `line_of` / `lines_of` find them
again, by reading the file's events up to the node, only when a message needs one.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import Place, SpecError, join_pointer, split_pointer

# How deep a document may nest before we refuse it: deeper input is hostile or broken, and would
# overflow Python's stack in later stages.
MAX_DEPTH = 200
# How many nodes YAML aliases may add to the document (each use of an alias copies its anchor's
# whole subtree, as far as every later stage is concerned).
MAX_ALIAS_NODES = 1_000_000
# The largest spec file read at all (the public OpenAI spec is about 3 MB).
MAX_FILE_BYTES = 128 * 1024 * 1024

_Y = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_NUMBER_START = frozenset("-+0123456789.")


class _Merge:
    """The `<<` merge key."""


_MERGE = _Merge()


# ---- reading --------------------------------------------------------------------------------------


def read_text(path: Path, shown: str) -> str:
    """The file's text: refused when missing, not a regular file, unreadable, too big or not UTF-8."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SpecError("no such file", Place(shown)) from None
    except OSError as exc:
        raise SpecError(f"cannot read the file: {exc.strerror}", Place(shown)) from None
    if stat.S_ISDIR(info.st_mode):
        raise SpecError("is a directory, not a spec file", Place(shown))
    if not stat.S_ISREG(info.st_mode):
        raise SpecError("not a regular file (a device, pipe or socket?)", Place(shown))
    if info.st_size > MAX_FILE_BYTES:
        raise SpecError(
            f"the file is {info.st_size / 2**20:.0f} MiB; sdkgen reads specs up to "
            f"{MAX_FILE_BYTES // 2**20} MiB",
            Place(shown),
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise SpecError("is a directory, not a spec file", Place(shown)) from None
    except OSError as exc:
        raise SpecError(f"cannot read the file: {exc.strerror}", Place(shown)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SpecError(f"the file is over {MAX_FILE_BYTES // 2**20} MiB", Place(shown))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SpecError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start} cannot be decoded)",
            Place(shown, line=line),
        ) from None


# ---- parsing --------------------------------------------------------------------------------------


def parse_text(text: str, shown: str) -> Any:
    """Parse YAML or JSON text; a syntax error names the line."""
    if not text.strip():
        raise SpecError("the file is empty", Place(shown))
    if text.lstrip().startswith("{"):
        data = _parse_json(text, shown)
        if data is not _NOT_JSON:
            check_depth(data, shown)
            return data
    return _YamlBuilder(text, shown).build()


_NOT_JSON = object()


def _parse_json(text: str, shown: str) -> Any:
    try:
        data = json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        if "\t" in text:  # not JSON after all? YAML is a superset (tabs aside): try it
            return _NOT_JSON
        raise SpecError(f"invalid JSON: {exc.msg}", Place(shown, line=exc.lineno)) from None
    except _DuplicateKey as exc:
        raise SpecError(
            f"duplicate key {exc.key!r} in a JSON object", Place(shown, line=_duplicate_json_line(text, exc.key))
        ) from None
    except RecursionError:
        raise SpecError(
            f"nested more than {MAX_DEPTH} levels deep", Place(shown, line=_deep_json_line(text))
        ) from None
    except ValueError as exc:  # an integer with more digits than Python converts
        match = re.search(r"[0-9]{4000,}", text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        raise SpecError(f"invalid JSON: {exc}", Place(shown, line=line)) from None
    lone = _lone_surrogate(text)
    if lone is not None:
        raise SpecError(
            f"invalid JSON: the escape \\u{lone[1]} is half of a UTF-16 surrogate pair, not a character",
            Place(shown, line=lone[0]),
        )
    return data


# A `\uD800`-`\uDFFF` escape, after an odd number of backslashes (an even number escapes themselves).
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u([dD][89a-fA-F][0-9a-fA-F]{2})")


def _lone_surrogate(text: str) -> tuple[int, str] | None:
    """(line, hex digits) of the first `\\uD8xx`-style escape not part of a pair: json decodes it to a
    character no UTF-8 text (and no later stage) can hold. None when there is none."""
    if "\\u" not in text:
        return None
    pending: re.Match[str] | None = None  # a high surrogate waiting for its low half
    for match in _SURROGATE_ESCAPE.finditer(text):
        low = int(match.group(1), 16) >= 0xDC00
        if pending is None and not low:
            pending = match
        elif pending is not None and low and match.start() == pending.end():
            pending = None
        else:
            pending = pending or match
            break
    if pending is None:
        return None
    return text.count("\n", 0, pending.end() - 6) + 1, pending.group(1)


def _duplicate_json_line(text: str, key: str) -> int | None:
    """The line of a duplicate key in JSON text: the YAML reader (JSON is YAML) knows where it is."""
    try:
        _YamlBuilder(text, "").build()
    except SpecError as error:
        if error.place is not None and "duplicate key" in error.message:
            return error.place.line
    return None


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        self.key = key


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


def _deep_json_line(text: str) -> int | None:
    """The line where JSON text first nests deeper than MAX_DEPTH (brackets outside strings)."""
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return None


def check_depth(data: Any, shown: str) -> None:
    """Refuse documents nested deeper than MAX_DEPTH, iteratively (no recursion to overflow)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise SpecError(f"nested more than {MAX_DEPTH} levels deep", Place(shown))
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("value", "is_map", "key", "anchor", "size", "height", "line", "merges")

    def __init__(self, value: Any, is_map: bool, anchor: str | None, line: int):
        self.value = value
        self.is_map = is_map
        self.key: Any = None  # the key waiting for its value; None while a key is expected
        self.anchor = anchor
        self.size = 1  # nodes in the subtree, aliases expanded
        self.height = 0
        self.line = line
        self.merges: list[tuple[Any, int]] = []


class _YamlBuilder:
    def __init__(self, text: str, shown: str):
        self.text = text
        self.shown = shown
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (value, size, height)
        self.open_anchors: set[str] = set()
        self.alias_nodes = 0

    def fail(self, message: str, line: int | None) -> SpecError:
        return SpecError(message, Place(self.shown, line=line))

    def build(self) -> Any:
        try:
            return self._build()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            problem = exc.problem or exc.context or "syntax error"
            if "maximum nesting depth" in problem:
                problem = f"nested more than {MAX_DEPTH} levels deep"
            elif exc.problem_mark is not None and self._char_at(exc.problem_mark.line, exc.problem_mark.column) == "\t":
                problem += " (a tab: YAML indents with spaces only)"
            raise self.fail(f"invalid YAML: {problem}", line) from None
        except yaml.reader.ReaderError as exc:
            line = self.text.encode("utf-8")[: exc.position].count(b"\n") + 1
            code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
            raise self.fail(f"invalid YAML: the character U+{code:04X} is not allowed in YAML text ({exc.reason})", line) from None
        except yaml.YAMLError as exc:
            raise self.fail(f"invalid YAML: {exc}", None) from None

    def _char_at(self, line: int, column: int) -> str:
        lines = self.text.split("\n", line + 1)
        return lines[line][column : column + 1] if line < len(lines) else ""

    def _build(self) -> Any:
        parser = yaml.CBaseLoader(self.text)
        try:
            return self._events(parser)
        finally:
            parser.dispose()

    def _events(self, parser: Any) -> Any:
        get_event = parser.get_event
        stack: list[_Frame] = []
        root: list[Any] = []
        documents = 0
        scalar_event = yaml.ScalarEvent
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            if kind is scalar_event:
                if stack and stack[-1].is_map and stack[-1].key is None:  # a key: its text as written
                    if event.anchor is not None:
                        self.anchors[event.anchor] = (event.value, 1, 0)
                    self._add(stack, root, event.value, 1, 0, event, event.value)
                    continue
                value = self._scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, 0)
                self._add(stack, root, value, 1, 0, event, event.value)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                is_map = kind is yaml.MappingStartEvent
                line = event.start_mark.line + 1
                self._check_collection_tag(event.tag, is_map, line)
                if stack and stack[-1].is_map and stack[-1].key is None:
                    raise self.fail("a mapping key must be text, not a list or mapping", line)
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(f"nested more than {MAX_DEPTH} levels deep", line)
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame({} if is_map else [], is_map, event.anchor, line))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.merges:
                    frame.value = self._merged(frame)
                if frame.anchor is not None:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (frame.value, frame.size, frame.height)
                self._add(stack, root, frame.value, frame.size, frame.height, event, None)
            elif kind is yaml.AliasEvent:
                line = event.start_mark.line + 1
                name = event.anchor
                if name in self.open_anchors:
                    raise self.fail(f"the alias *{name} is inside its own anchor &{name} (a recursive document)", line)
                if name not in self.anchors:
                    raise self.fail(f"the alias *{name} has no anchor &{name} before it", line)
                value, size, height = self.anchors[name]
                if size > 1:
                    self.alias_nodes += size
                    if self.alias_nodes > MAX_ALIAS_NODES:
                        raise self.fail(
                            f"YAML aliases expand to more than {MAX_ALIAS_NODES:,} nodes "
                            f"(the alias *{name} here is one of them): refused as an alias bomb",
                            line,
                        )
                if len(stack) + height > MAX_DEPTH:
                    raise self.fail(f"nested more than {MAX_DEPTH} levels deep (through the alias *{name})", line)
                self._add(stack, root, value, size, height, event, value if isinstance(value, str) else None)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail("more than one YAML document in the file (a second `---`)", event.start_mark.line + 1)
            elif kind is yaml.StreamEndEvent:
                break
        return root[0] if root else None

    def _add(self, stack: list[_Frame], root: list[Any], value: Any, size: int, height: int, event: Any, key_text: str | None) -> None:
        if not stack:
            root.append(value)
            return
        frame = stack[-1]
        frame.size += size
        if height + 1 > frame.height:
            frame.height = height + 1
        if not frame.is_map:
            frame.value.append(value)
            return
        if frame.key is None:  # this node is a key
            line = event.start_mark.line + 1
            if key_text is None:
                raise self.fail("a mapping key must be text", line)
            if key_text == "<<" and type(event) is yaml.ScalarEvent and event.tag is None and event.implicit[0]:
                frame.key = _MERGE
            elif key_text in frame.value:
                raise self.fail(f"duplicate key {key_text!r} in this mapping", line)
            else:
                frame.key = key_text
            return
        if frame.key is _MERGE:
            frame.merges.append((value, event.start_mark.line + 1))
        else:
            frame.value[frame.key] = value
        frame.key = None

    def _merged(self, frame: _Frame) -> dict[str, Any]:
        """A mapping with `<<` merges: its own keys win, then the first merged mapping, and so on."""
        merged: dict[str, Any] = {}
        for value, line in frame.merges:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(source, dict) for source in sources):
                raise self.fail("a `<<` merge needs a mapping or a list of mappings", line)
            for source in sources:
                for key, item in source.items():
                    merged.setdefault(key, item)
        merged.update(frame.value)
        return merged

    def _check_collection_tag(self, tag: str | None, is_map: bool, line: int) -> None:
        if tag is None or tag == "!" or tag == _Y + ("map" if is_map else "seq"):
            return
        raise self.fail(f"the YAML tag {tag!r} is not supported in an OpenAPI document", line)

    def _scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted, literal or folded: text
                return value
            return self._plain(value, event)
        if tag == _Y + "str" or tag == _Y + "timestamp":
            return value
        if tag == _Y + "null" and value in _NULLS:
            return None
        if tag == _Y + "bool" and (value in _TRUE or value in _FALSE):
            return value in _TRUE
        if tag in (_Y + "int", _Y + "float"):
            number = self._plain(value, event)
            if isinstance(number, (int, float)) and not isinstance(number, bool):
                return float(number) if tag == _Y + "float" else number
        raise self.fail(
            f"the YAML tag {tag!r} is not supported here (value {value[:40]!r})", event.start_mark.line + 1
        )

    def _plain(self, value: str, event: Any) -> Any:
        if len(value) <= 5:
            if value in _NULLS:
                return None
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
        if not value or value[0] not in _NUMBER_START:
            return value
        try:
            if _INT.match(value):
                return int(value)
            if _OCT.match(value):
                return int(value[2:], 8)
            if _HEX.match(value):
                return int(value[2:], 16)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise self.fail(f"an integer with {len(value)} digits is too long", event.start_mark.line + 1) from None
        if _FLOAT.match(value):
            return float(value)
        if _INF.match(value):
            return -math.inf if value.startswith("-") else math.inf
        if _NAN.match(value):
            return math.nan
        return value


# ---- files ----------------------------------------------------------------------------------------


def load_file(path: Path, shown: str) -> Any:
    return parse_text(read_text(path, shown), shown)


# ---- lines, for messages --------------------------------------------------------------------------


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


__all__ = ["MAX_DEPTH", "load_file", "parse_text", "read_text", "line_of", "lines_of", "join_pointer"]
