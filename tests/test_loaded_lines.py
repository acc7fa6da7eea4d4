"""The lines the loader keeps (`spec/lines.py` LoadedLines) are the lines the file's events give, for
every node and for pointers past what the file holds; where the data changed since, the file is read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest

from generator.errors import SpecError
from generator.spec import lines
from generator.spec.loader import load_file
from generator.spec.pointers import join_pointer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))

# Styles a line scan must get right: flow and block collections, block scalars whose text looks like
# keys, quoted and odd keys, anchors, aliases into them, merges, empty collections, comments.
ODD = """\
# a comment
openapi: 3.1.0
info: {title: "T", version: '1',
  x-flow: [a, {b: c}]}
"quoted key": &anchored
  inner:
    - 1
    - {deep: [x, y]}
  text: |
    looks: like a key
    - and: a list
plain: *anchored
merged:
  <<: *anchored
  own: value
? complex
: value
empty: {}
none: []
list:
- first
-   second: 2
    third: 3
-
  - nested
"""


def _pointers(node: Any, here: str = "#") -> Iterator[str]:
    yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _pointers(value, join_pointer(here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _pointers(value, f"{here}/{index}")


def _scanned(path: Path, pointers: list[str]) -> dict[str, int | None]:
    """The lines from the file's events alone."""
    kept = dict(lines._LOADED)
    lines._LOADED.clear()
    try:
        return lines.lines_of(path, pointers)
    finally:
        lines._LOADED.update(kept)


def _check(path: Path) -> None:
    data = load_file(path, path.name)
    assert lines._loaded(path) is not None
    pointers = list(_pointers(data))
    pointers += [join_pointer(ptr, "absent") for ptr in pointers] + [f"{ptr}/0/x" for ptr in pointers] + [f"{ptr}/01" for ptr in pointers]
    assert lines.lines_of(path, pointers) == _scanned(path, pointers)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[str(f.relative_to(ROOT / "tests" / "fixtures")) for f in FIXTURES])
def test_the_kept_lines_are_the_file_s(fixture: Path) -> None:
    try:
        load_file(fixture, fixture.name)
    except SpecError:  # the bad ones: a file the loader refuses keeps nothing
        assert lines._loaded(fixture) is None
        return
    _check(fixture)


def test_odd_styles(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(ODD, encoding="utf-8")
    _check(path)
    # An alias's line is the alias's, and nothing is looked for inside it (the events stop there).
    assert lines.lines_of(path, ["#/plain/inner/0"])["#/plain/inner/0"] == 12
    assert lines.lines_of(path, ["#/quoted key/inner/0"])["#/quoted key/inner/0"] == 7


def test_changed_data_and_changed_files_are_read_again(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("a: 1\nb:\n  c: 2\n  d: 3\n", encoding="utf-8")
    data = load_file(path, path.name)
    del data["b"]["c"]
    data["b"]["e"] = 4  # the same number of keys, in another order than the file's
    assert lines.lines_of(path, ["#/b/d"]) == {"#/b/d": 4}
    data["b"] = {"d": 5}  # a value that is not the file's
    assert lines.lines_of(path, ["#/b/d"]) == {"#/b/d": 4}
    load_file(path, path.name)
    path.write_text("x: 0\na: 1\nb:\n  c: 2\n  d: 3\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # another state of the file than the one loaded
    assert lines.lines_of(path, ["#/b/d"]) == {"#/b/d": 5}


def test_keys_added_beside_the_file_s_leave_its_lines_known(tmp_path: Path) -> None:
    """A config file's settings go into the document (`x-sdkgen`): the file's own nodes keep their lines."""
    path = tmp_path / "spec.yaml"
    path.write_text("a: 1\nb:\n  c: 2\n", encoding="utf-8")
    data = load_file(path, path.name)
    data["x-sdkgen"] = {"package-name": "p"}
    loaded = lines._loaded(path)
    assert loaded is not None and loaded.line(("b", "c")) == 3
    assert loaded.line(("x-sdkgen", "package-name")) == lines._UNKNOWN  # not the file's: read it
