"""YAML text into Python data, built straight from libyaml's event stream (no node tree).

The YAML 1.2 core schema: OpenAPI documents are YAML 1.2, where `yes`, `on` and `0777` are strings,
not booleans or octal numbers. Mapping keys are always the text the author wrote (`200:` is the key
"200"), as in JSON. Building from events keeps memory near the size of the data and refuses hostile
input at the line where it happens, in bounded time and memory: nesting deeper than MAX_DEPTH, an
alias inside its own anchor (a recursive document), aliases that expand to more than MAX_ALIAS_NODES
nodes (a "billion laughs" bomb), more than one document, tags that are not JSON types, duplicate keys.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from ..errors import Place, SpecError
from .limits import MAX_ALIAS_NODES, MAX_DEPTH
from .lines import LoadedLines

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


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("value", "is_map", "key", "anchor", "size", "height", "line", "merges", "lines", "aliases")

    def __init__(self, value: Any, is_map: bool, anchor: str | None, line: int):
        self.value = value
        self.is_map = is_map
        self.key: Any = None  # the key waiting for its value; None while a key is expected
        self.anchor = anchor
        self.size = 1  # nodes in the subtree, aliases expanded
        self.height = 0
        self.line = line
        self.merges: list[tuple[Any, int]] = []
        # For `LoadedLines`: the line each value starts on, and which values are aliases.
        self.lines: list[int] = []
        self.aliases: list[int] | None = None


class YamlBuilder:
    def __init__(self, text: str, shown: str):
        self.text = text
        self.shown = shown
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (value, size, height)
        self.open_anchors: set[str] = set()
        self.alias_nodes = 0
        # Where each node is, for messages (`lines.LoadedLines`): each mapping and sequence, the line
        # each of its values starts on, a mapping's keys in the file's order, and which values are
        # aliases (by the container's place in `containers`). Kept while building, at a list append
        # a node, instead of reading the file's events again when a message needs a line.
        self.containers: list[Any] = []
        self.lines: list[list[int]] = []
        self.keys: list[list[str] | None] = []
        self.aliases: dict[int, list[int]] = {}
        self.root_line: int | None = None

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
                    self._add(stack, root, event.value, 1, 0, event, event.value, 0, False)
                    continue
                value = self._scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, 0)
                self._add(stack, root, value, 1, 0, event, event.value, event.start_mark.line + 1, False)
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
                if frame.merges:  # its keys are not the file's: messages read the file for its lines
                    frame.value = self._merged(frame)
                else:
                    self.containers.append(frame.value)
                    self.lines.append(frame.lines)
                    self.keys.append(list(frame.value) if frame.is_map else None)
                    if frame.aliases is not None:
                        self.aliases[len(self.lines) - 1] = frame.aliases
                if frame.anchor is not None:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (frame.value, frame.size, frame.height)
                self._add(stack, root, frame.value, frame.size, frame.height, event, None, frame.line, False)
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
                self._add(stack, root, value, size, height, event, value if isinstance(value, str) else None, line, True)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail("more than one YAML document in the file (a second `---`)", event.start_mark.line + 1)
            elif kind is yaml.StreamEndEvent:
                break
        return root[0] if root else None

    def _add(self, stack: list[_Frame], root: list[Any], value: Any, size: int, height: int, event: Any,
             key_text: str | None, line: int, alias: bool) -> None:
        """`value` into its parent; `line`: where the value starts; `alias`: it is an alias."""
        if not stack:
            root.append(value)
            self.root_line = line
            return
        frame = stack[-1]
        frame.size += size
        if height + 1 > frame.height:
            frame.height = height + 1
        if not frame.is_map:
            frame.value.append(value)
            frame.lines.append(line)
            if alias:
                self._alias_at(frame)
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
            frame.lines.append(line)
            if alias:
                self._alias_at(frame)
        frame.key = None

    def loaded_lines(self, root: Any) -> LoadedLines:
        """Where the nodes of `root`, the data this builder made, are in the file."""
        return LoadedLines(root, self.root_line, self.containers, self.lines, self.keys, self.aliases)

    @staticmethod
    def _alias_at(frame: _Frame) -> None:
        """The value just added is an alias: lines stop there, as the file's events do."""
        if frame.aliases is None:
            frame.aliases = []
        frame.aliases.append(len(frame.lines) - 1)

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


def parse_yaml(text: str, shown: str) -> Any:
    """The data of one YAML document, or a SpecError naming the line."""
    return YamlBuilder(text, shown).build()


__all__ = ["YamlBuilder", "parse_yaml"]
