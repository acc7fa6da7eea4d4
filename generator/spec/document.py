"""The loaded spec: one document (external files already bundled in), its version, and the way back
from a JSON pointer in it to a file, a pointer and a line in what the user wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Place, SpecError
from .lines import lines_of
from .pointers import join_pointer, split_pointer


@dataclass
class Spec:
    document: dict[str, Any]
    path: Path  # the root file
    shown: str  # how to name the root file in messages
    version: str  # "3.0" or "3.1"
    # Bundled pointer prefix -> (file shown, file path, pointer in that file), for content that came
    # from other files; longest prefix wins.
    origins: dict[str, tuple[str, Path, str]] = field(default_factory=dict)
    # The overlay files applied to the document, in order (`overlay.py`); origins may name them.
    overlays: tuple[Path, ...] = ()
    # (place, message): what the document bends and bundling straightened (a `$ref` to a string
    # where a string belongs, inlined), reported by validation like any other schema violation.
    bent: list[tuple[Place, str]] = field(default_factory=list)

    def canonical(self, ptr: str) -> str:
        """`ptr` with every `$ref` along it followed: the place where the node is written."""
        node: Any = self.document
        out = "#"
        for token in split_pointer(ptr):
            for _ in range(64):  # a chain of refs; a cycle just stops following
                if isinstance(node, dict) and token not in node and isinstance(node.get("$ref"), str):
                    target = node["$ref"]
                    if not target.startswith("#"):
                        break
                    try:
                        node = self.node_at(target)
                    except KeyError:
                        break
                    out = target
                else:
                    break
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                node = None
            out = join_pointer(out, token)
        return out

    def origin_of(self, ptr: str) -> tuple[str, Path, str] | None:
        """(file shown, file path, pointer there) of a node bundled in from another file, else None."""
        if not self.origins:
            return None
        tokens = split_pointer(ptr)
        for n in range(len(tokens), 0, -1):
            prefix = join_pointer("#", *tokens[:n])
            origin = self.origins.get(prefix)
            if origin is not None:
                shown, path, base = origin
                rest = join_pointer("", *tokens[n:])
                return shown, path, base + rest
        return None

    def place(self, ptr: str, with_line: bool = True) -> Place:
        """Where the node at `ptr` (a pointer into `document`) was written."""
        return self.places([ptr], with_line)[0]

    def places(self, pointers: list[str], with_line: bool = True) -> list[Place]:
        """`place` for many pointers, reading each file once for their lines."""
        located: list[tuple[str, Path, str]] = []
        for ptr in pointers:
            canonical = self.canonical(ptr)
            located.append(self.origin_of(canonical) or (self.shown, self.path, canonical))
        lines: dict[tuple[Path, str], int | None] = {}
        if with_line:
            by_file: dict[Path, list[str]] = {}
            for _, path, local in located:
                by_file.setdefault(path, []).append(local)
            for path, locals_ in by_file.items():
                for local, line in lines_of(path, locals_).items():
                    lines[(path, local)] = line
        return [Place(shown, local, lines.get((path, local))) for shown, path, local in located]

    def error(self, message: str, ptr: str) -> SpecError:
        return SpecError(message, self.place(ptr))

    def node_at(self, ptr: str) -> Any:
        return node_at(self.document, ptr)


def detect_version(document: Any, shown: str, path: Path | None = None) -> str:
    """"3.0" or "3.1", or a SpecError saying what the file is instead."""

    def at(ptr: str) -> Place:
        return Place(shown, ptr, lines_of(path, [ptr])[ptr] if path is not None else None)

    if not isinstance(document, dict):
        kind = type(document).__name__ if document is not None else "nothing"
        if document is None:
            raise SpecError("not an OpenAPI document: the file holds no data (only comments?)", at("#"))
        raise SpecError(f"not an OpenAPI document: the top level is {kind}, not a mapping", at("#"))
    if "swagger" in document:
        raise SpecError(
            f"Swagger {document['swagger']} is not supported: convert it to OpenAPI 3 first "
            "(for example with the swagger2openapi tool: `npx swagger2openapi in.yaml -o out.yaml`)",
            at("#/swagger"),
        )
    version = document.get("openapi")
    if version is None:
        raise SpecError("not an OpenAPI document: it has no `openapi` field", at("#"))
    text = str(version)
    if isinstance(version, (int, float)) and not isinstance(version, bool):
        raise SpecError(
            f'`openapi` must be a string such as "3.1.0", not the number {text} '
            f'(YAML reads an unquoted {text} as a number: write openapi: "{text}{".0" * (2 - text.count("."))}")',
            at("#/openapi"),
        )
    if not isinstance(version, str):
        raise SpecError(f'`openapi` must be a string such as "3.1.0", not {text!r}', at("#/openapi"))
    for supported in ("3.0", "3.1"):
        if text == supported or text.startswith(supported + "."):
            return supported
    raise SpecError(
        f"OpenAPI {text} is not supported (sdkgen reads 3.0.x and 3.1.x)", at("#/openapi")
    )


def node_at(document: Any, ptr: str) -> Any:
    """The node at a JSON pointer (no `$ref` followed), or KeyError."""
    node = document
    for token in split_pointer(ptr):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(ptr)
    return node
