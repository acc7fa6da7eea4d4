"""Which statements of a rendered Python file black still has to see: those with a line over 88
columns that black could shorten, found by a scan of the lines (no `ast`: the templates print one
statement shape per line start, docstrings in triple quotes, and nothing else multi-line), and
black's one blank line after the imports. The layout module lays out the rest; the format stage
gives only these statements to black."""

from __future__ import annotations

import re
from typing import Collection, Tuple


LINE_LENGTH = 88


# A line black cannot shorten, inside a call or literal that is already exploded one item per
# line: a lone string or name, or a `"key": name` / `"key": "value"` entry (no bracket, no
# delimiter: nothing black can split at); or the first line of a class header or of an annotated
# name black has split at its first bracket and cannot split further (only the layout module
# prints such lines, in black's layout). Such a line does not make black look at its statement (the golden
# black checks and the fuzzed ones hold this to account).
_STRING = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
_NAME = r"[^\W\d]\w*"
_UNSPLITTABLE = re.compile(
    rf"^ *(?:{_STRING}(?:: (?:{_NAME}|{_STRING}))?|{_NAME}(?:\.{_NAME})*),\n?$"  # an item alone: no bracket
    rf"|^class {_NAME}\(\n?$"  # a class header split at its bases, the name too long for any line
    rf"|^ *{_NAME}: {_NAME}\[\n?$"  # an annotation split at its first bracket, the name too long
    rf"|^ *\) -> {_NAME}:\n?$"  # the return annotation of an exploded signature: one name
    rf"|^ *return {_NAME}\(\n?$"  # a call returned, split at its bracket, the name too long
)


def _width(line: str) -> int:
    """The line's width as black measures it: East Asian wide characters take two columns."""
    text = line.rstrip("\n")
    if text.isascii():
        return len(text)
    from black.strings import str_width  # black's own table; imported only for non-ASCII text

    return int(str_width(text))


def _is_long(line: str) -> bool:
    return _width(line) > LINE_LENGTH and not _UNSPLITTABLE.match(line)


def _too_long(lines: list[str]) -> bool:
    """Whether any line is long but a whole-line comment (the generated-file notice is one) or a
    docstring's first line (the templates' fixed one-line docstrings): the cheap test before the
    scan, which knows every docstring line."""
    return any(_is_long(line) and not line.lstrip().startswith(("#", '"""')) for line in lines)


def imports_gap(text: str) -> str:
    """black's one blank line between the imports and a first statement that is not a def/class.

    Templates put two blank lines before every top-level statement, which is right everywhere but
    here; fixing it in one place keeps that rule out of every template.
    """
    lines = text.split("\n")
    last_import = -1
    open_paren = False
    for index, line in enumerate(lines):
        if open_paren:
            last_import = index
            open_paren = not line.startswith(")")
        elif line.startswith(("import ", "from ")):
            last_import = index
            open_paren = line.endswith("(")
        elif line and not line.startswith(("#", '"""')) and last_import >= 0:
            break
    if last_import < 0:
        return text
    after = last_import + 1
    if lines[after : after + 2] != ["", ""] or after + 2 >= len(lines):
        return text
    following = lines[after + 2]
    if not following or following.startswith(("class ", "def ", "async def ", "@")):
        return text
    return "\n".join(lines[: after + 1] + lines[after + 2 :])


# What a line of the rendered text is, for the scan below: code, a line of a triple-quoted string
# (only docstrings are: every other string literal the view makes is on one line), a whole-line
# comment, or blank.
_CODE, _DOC, _COMMENT, _BLANK = range(4)
# Lines that continue the statement above them at the same indentation.
_CONTINUES = (")", "]", "}", "else:", "elif ", "except", "finally:")


def _kinds(lines: list[str]) -> list[int]:
    """Each line's kind, without a tokenizer: a docstring opens on a line of its own with `\"\"\"` (the
    templates and the docstring writer print them so) and ends at the next line that ends with an
    unescaped triple quote (the writer escapes any inside the text)."""
    kinds = []
    inside = False
    for line in lines:
        text = line.strip()
        if inside:
            kinds.append(_DOC)
            inside = not (text.endswith('"""') and not text.endswith('\\"""'))
        elif not text:
            kinds.append(_BLANK)
        elif text.startswith('"""'):
            kinds.append(_DOC)
            rest = text[3:]
            inside = not (len(rest) >= 3 and rest.endswith('"""') and not rest.endswith('\\"""'))
        elif text.startswith("#"):
            kinds.append(_COMMENT)
        else:
            kinds.append(_CODE)
    return kinds


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _statements(lines: list[str], kinds: list[int], first: int, last: int, indent: int) -> list[tuple[int, int]]:
    """The code statements at `indent` in lines[first:last], each as (first line, end line): a
    statement runs on over deeper lines, closing brackets, `else:` and the def or class under a
    decorator, and ends before trailing blank lines, comments and docstrings."""
    spans: list[tuple[int, int]] = []
    index = first
    while index < last:
        if kinds[index] != _CODE or _indent_of(lines[index]) != indent:
            index += 1
            continue
        start = index
        decorated = lines[index].lstrip().startswith("@")
        index += 1
        while index < last:
            kind, line = kinds[index], lines[index]
            if kind == _BLANK or _indent_of(line) > indent or (kind == _DOC and not line.strip()):
                index += 1
                continue
            text = line[indent:]
            if kind == _CODE and _indent_of(line) == indent and (text.startswith(_CONTINUES) or decorated):
                decorated = text.startswith("@")
                index += 1
                continue
            break
        end = index
        while end > start and kinds[end - 1] in (_BLANK, _COMMENT):
            end -= 1
        spans.append((start, end))
    return spans


def _header_end(lines: list[str], start: int, end: int, indent: int) -> int | None:
    """Where a def's signature ends (the line after it), when its body starts on a line of its own."""
    for index in range(start, end):
        text = lines[index].rstrip("\n")
        if _indent_of(text) != indent or text.lstrip().startswith("@"):
            continue
        if text.endswith(":"):
            return index + 1
        if text.endswith(": ..."):
            return None
    return None


Span = Tuple[int, int, int, bool]  # first line, end line, depth (0 or 1), header of a def only


def long_statements(text: str) -> list[Span]:
    """The statements black has to look at: those with a line over the limit, found by a scan of
    the lines (no parse: the templates print one statement a line or exploded below its first line,
    closing brackets at its own indentation).

    Docstrings are never looked at (the docstring writer prints black's layout). A class whose
    header is short is looked into, one statement at a time (depth 1); a def whose long lines are
    all in its signature is given to black as its signature alone.
    """
    lines = text.splitlines(keepends=True)
    if not _too_long(lines):
        return []
    kinds = _kinds(lines)
    long = [kinds[i] == _CODE and _is_long(line) for i, line in enumerate(lines)]

    def long_in(first: int, last: int) -> bool:
        return any(long[first:last])

    def narrow(first: int, last: int, depth: int) -> Span:
        indent = 4 * depth
        if lines[first].lstrip().startswith(("def ", "async def ", "@")):
            header = _header_end(lines, first, last, indent)
            if header is not None and header < last and not long_in(header, last):
                return first, header, depth, True
        return first, last, depth, False

    spans: list[Span] = []
    for first, last in _statements(lines, kinds, 0, len(lines), 0):
        if not long_in(first, last):
            continue
        if lines[first].startswith("class "):
            header = _header_end(lines, first, last, 0)
            if header is not None and not long_in(first, header):
                for member_first, member_last in _statements(lines, kinds, header, last, 4):
                    if long_in(member_first, member_last):
                        spans.append(narrow(member_first, member_last, 1))
                continue
        spans.append(narrow(first, last, 0))
    return spans


def statements_for_black(files: dict[str, str], stable: Collection[str] = ()) -> int:
    """How many statements of the rendered `files` the format stage gives black (the layout
    module declined them, or a template printed them too long): 0 when the emitter laid out
    everything. Counts work, not time; for the bench and the tests."""
    return sum(
        len(long_statements(imports_gap(text)))
        for path, text in files.items()
        if path.endswith(".py") and text not in stable
    )
