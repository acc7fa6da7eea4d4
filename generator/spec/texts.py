"""A `$ref` to a string where no OpenAPI object belongs, replaced by the string, as bundlers do.

Specs split for Redocly keep long Markdown in a file of texts (`description: {$ref:
'description.yml#/introduction'}`); Redocly's bundler and swagger-cli inline it, though OpenAPI allows
a Reference Object in no such place. sdkgen inlines it too, in both modes, so the later stages read a
string where they expect one. Each is recorded in `Spec.bent`, which validation reports like any other
schema violation: an error in strict mode (the spec does break the standard; the message says what to
write instead), a warning with --skip-validation, which then generates with the text in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Place
from .document import node_at
from .files import Files, SpecFile
from .lines import lines_of
from .pointers import join_pointer, split_pointer
from .walk import walk_refs


@dataclass
class Text:
    """A `$ref` to a string (`inline_texts`): where it is, where written, and what it names."""

    holder_ptr: str
    file: SpecFile
    local: str
    ref: str
    target_file: SpecFile
    target_ptr: str


def is_text_ref(holder: dict[str, Any], stands_for: str) -> bool:
    """A ref that is all its object is, where no OpenAPI object is expected (a description, a summary)."""
    return stands_for == "other" and len(holder) == 1


def root_texts(files: Files) -> list[Text]:
    """The refs to strings of a spec that names no other file (bundling rewrote nothing)."""
    root, texts = files.root, []
    holders = files.root_walk.refs if files.root_walk is not None else walk_refs(root.document)
    for holder_ptr, holder, stands_for in holders:
        if is_text_ref(holder, stands_for):
            found = files.resolve(root, holder_ptr, holder["$ref"])
            if found is not None and isinstance(node_at(found[0].document, found[1]), str):
                texts.append(Text(holder_ptr, root, holder_ptr, holder["$ref"], found[0], found[1]))
    return texts


def inline_texts(files: Files, texts: list[Text]) -> None:
    """Put each text in the place of its ref, and note the ref in `Spec.bent` at its line."""
    document = files.root.document
    # Refs in the root document are placed through `Spec.places` (an overlay may have written them),
    # the others by their line in their file; each file is read once.
    in_root = [join_pointer(text.holder_ptr, "$ref") for text in texts if text.file is files.root]
    places = dict(zip(in_root, files.spec.places(in_root)))
    wanted: dict[Path, list[str]] = {}
    for text in texts:
        if text.file is not files.root:
            wanted.setdefault(text.file.path, []).append(join_pointer(text.local, "$ref"))
    lines = {path: lines_of(path, pointers) for path, pointers in wanted.items()}
    for text in texts:
        at = join_pointer(text.local, "$ref")
        place = places[join_pointer(text.holder_ptr, "$ref")] if text.file is files.root else Place(text.file.shown, at, lines[text.file.path][at])
        message = f"$ref {text.ref!r} names a string where OpenAPI allows no $ref (bundlers inline it, as --skip-validation does): write the text here"
        files.spec.bent.append((place, message))
        files.spec.origins[text.holder_ptr] = (text.target_file.shown, text.target_file.path, text.target_ptr)
        tokens = split_pointer(text.holder_ptr)
        parent = node_at(document, join_pointer("#", *tokens[:-1]))
        content = node_at(text.target_file.document, text.target_ptr)
        if isinstance(parent, list):
            parent[int(tokens[-1])] = content
        else:  # the loader's keys are strings
            parent[tokens[-1]] = content
    if files.root_walk is not None:
        files.root_walk.replaced({text.holder_ptr for text in texts if text.file is files.root})


__all__ = ["Text", "inline_texts", "is_text_ref", "root_texts"]
