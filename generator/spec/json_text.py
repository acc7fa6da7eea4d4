"""JSON text into Python data, through the json module, refused with a line where it is not sound
data: syntax errors, duplicate keys, nesting deeper than MAX_DEPTH, numbers too long to convert, and
escapes of half a UTF-16 surrogate pair (a character no UTF-8 text can hold).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import Place, SpecError
from .limits import MAX_DEPTH
from .yaml_events import parse_yaml

# What `parse_json` answers for text that is not JSON but may be YAML (YAML is a superset).
NOT_JSON = object()


def parse_json(text: str, shown: str) -> Any:
    """The data of JSON text, nested at most MAX_DEPTH deep; NOT_JSON for text with tabs that json
    refuses (the YAML reader may take it)."""
    try:
        data = json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        if "\t" in text:  # not JSON after all? YAML is a superset (tabs aside): try it
            return NOT_JSON
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
    check_depth(data, shown)
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
        parse_yaml(text, "")
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


__all__ = ["NOT_JSON", "parse_json", "check_depth"]
