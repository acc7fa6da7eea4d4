"""Stage 1: read a spec file into plain Python data (dicts, lists, scalars).

YAML goes through libyaml (CSafeLoader) with YAML 1.2 scalars: OpenAPI documents are YAML 1.2, where
`yes`, `on` and `0777` are strings, not booleans or octal numbers. JSON goes through the json module.
Line numbers are not tracked on the happy path; `line_of` finds them again only when a message needs one.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import Place, SpecError, split_pointer

# How deep a document may nest before we refuse it: deeper input is hostile or broken, and would
# overflow Python's stack in later stages.
MAX_DEPTH = 200


class _Yaml12Loader(yaml.CSafeLoader):
    """libyaml's loader with the YAML 1.2 core schema's booleans, ints and floats."""


# YAML 1.1 tags that YAML 1.2's core schema resolves differently (bool, int, float) or not at all
# (timestamp: a date in an `example` stays the string the author wrote).
_YAML11_ONLY = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in _YAML11_ONLY]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]:
    _Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def _construct_yaml12_int(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_yaml12_int)


def read_text(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecError("no such file", Place(shown)) from None
    except IsADirectoryError:
        raise SpecError("is a directory, not a spec file", Place(shown)) from None
    except OSError as exc:
        raise SpecError(f"cannot read the file: {exc.strerror}", Place(shown)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(
            f"not UTF-8 text (byte {exc.start} cannot be decoded)", Place(shown)
        ) from None


def parse_text(text: str, shown: str) -> Any:
    """Parse YAML or JSON text; a syntax error names the line."""
    if not text.strip():
        raise SpecError("the file is empty", Place(shown))
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if "\t" not in text:  # not JSON after all? YAML is a superset: try it below
                raise SpecError(f"invalid JSON: {exc.msg}", Place(shown, line=exc.lineno)) from None
        except RecursionError:
            raise SpecError(f"nested more than {MAX_DEPTH} levels deep", Place(shown)) from None
    try:
        return yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "syntax error"
        raise SpecError(f"invalid YAML: {problem}", Place(shown, line=line)) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", Place(shown)) from None
    except RecursionError:
        raise SpecError(f"nested more than {MAX_DEPTH} levels deep", Place(shown)) from None


def check_depth(data: Any, shown: str) -> None:
    """Refuse documents nested deeper than MAX_DEPTH, iteratively (no recursion to overflow)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise SpecError(f"nested more than {MAX_DEPTH} levels deep", Place(shown))
        if isinstance(node, dict):
            if id(node) in seen:  # a YAML alias: shared, already checked
                continue
            seen.add(id(node))
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.extend((v, depth + 1) for v in node)


def load_file(path: Path, shown: str) -> Any:
    data = parse_text(read_text(path, shown), shown)
    check_depth(data, shown)
    return data


@lru_cache(maxsize=8)
def _composed(path: Path) -> yaml.Node | None:
    """The file's YAML node tree (with line marks), parsed once however many messages need it."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=_Yaml12Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None


def line_of(path: Path, ptr: str) -> int | None:
    """The 1-based line of the node at JSON pointer `ptr` in the file, or of its nearest parent."""
    node = _composed(path)
    line = None
    for token in split_pointer(ptr):
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if str(k.value) == token), None)
        elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
            node = node.value[int(token)]
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line
