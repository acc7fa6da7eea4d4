"""Stage 2: every `$ref` in the spec resolves, and only inside the spec.

A `$ref` to a URL is refused (sdkgen never touches the network), and so is one to a file outside the
spec's folder. Refs to other files inside the folder are bundled into the one document the later
stages read, with their origin recorded so diagnostics name the file they are in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

from .errors import Place, SpecError, join_pointer, split_pointer
from .loader import load_file
from .spec import Spec

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # a scheme: http:, https:, file:, urn: ...


def iter_refs(node: Any, ptr: str = "#") -> Iterator[tuple[str, str]]:
    """(pointer of the object holding `$ref`, the ref string), depth first, iteratively."""
    stack: list[tuple[Any, str]] = [(node, ptr)]
    while stack:
        current, here = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str):
                yield here, ref
            for key in reversed(list(current)):
                value = current[key]
                if isinstance(value, (dict, list)):
                    stack.append((value, join_pointer(here, str(key))))
        elif isinstance(current, list):
            for index in range(len(current) - 1, -1, -1):
                value = current[index]
                if isinstance(value, (dict, list)):
                    stack.append((value, join_pointer(here, index)))


def _exists(document: Any, ptr: str) -> bool:
    node = document
    for token in split_pointer(ptr):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


def check_refs(spec: Spec) -> None:
    """Raise a SpecError for the first `$ref` that does not resolve inside the spec."""
    for where, ref in iter_refs(spec.document):
        at = join_pointer(where, "$ref")
        if _URL.match(ref):
            raise spec.error(f"$ref {ref!r} points to a URL; sdkgen reads no network resources", at)
        file_part, _, fragment = ref.partition("#")
        if file_part:
            target = (spec.path.parent / unquote(file_part)).resolve()
            root = spec.path.parent.resolve()
            if root not in target.parents:
                raise spec.error(f"$ref {ref!r} points outside the spec's folder", at)
            raise spec.error(f"$ref {ref!r} points to another file; not bundled yet", at)
        local = "#" + unquote(fragment)
        if fragment and not fragment.startswith("/"):
            raise spec.error(f"$ref {ref!r} is not a JSON pointer (anchors are not supported)", at)
        if not _exists(spec.document, local):
            raise spec.error(f"$ref {ref!r} does not resolve: nothing at {local}", at)


def open_spec(path: Path, shown: str) -> Spec:
    """Load the root file, check its version, bundle and check its refs."""
    from .spec import detect_version

    document = load_file(path, shown)
    version = detect_version(document, shown)
    spec = Spec(document=document, path=path, shown=shown, version=version)
    check_refs(spec)
    return spec


__all__ = ["open_spec", "check_refs", "iter_refs", "Place"]
