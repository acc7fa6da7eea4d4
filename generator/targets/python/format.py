"""Stage 6: every emitted `.py` file in black's layout.

The templates already print black's layout (statements exploded with magic trailing commas, black's
blank lines, black's string quotes, docstrings as black leaves them), and the layout module
(`layout.py`) splits the statements that are too long as black would. What is left is a statement the
layout module declined (printed flat) or a template printed too long: black formats exactly those
top-level statements (or class members) that contain a line over the limit, found by a scan of the
lines (`long_statements`, no parse); black formats each statement on its own, so the result is the
file black would make. The golden tests check that claim (`black --check` over every golden tree and
over fuzzed specs), and `make bench` checks it over the whole OpenAI output and counts the statements
still given to black (`statements_for_black`: 0 there).

Formatted statements are cached in the user's cache folder, keyed by their text and black's version;
a cached answer is used only when it is signed with the user's key or is provably the same code
(`Formatter`, `same_code`): a changed entry never reaches the output.
`full=True` runs black over whole files instead (slow; for checking this module).
"""

from __future__ import annotations

import ast
import hashlib
import io
import multiprocessing
import os
import re
import tokenize
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Collection, Tuple

import black
from black.strings import str_width
from black.mode import TargetVersion

from ...cache import Store, sign, signing_key, verify

LINE_LENGTH = 88
MODE = black.Mode(target_versions={TargetVersion.PY39}, line_length=LINE_LENGTH)
# Below this many characters to format, worker processes cost more than they save.
PARALLEL_THRESHOLD = 300_000


def cache_folder() -> str:
    """The format cache's folder. `-signed`: sdkgen before signed entries read `black-<version>/`
    and would take a signed entry's tag line for code, so the two never share a folder."""
    version: str = black.__version__  # type: ignore[attr-defined]  # set, but not re-exported
    return f"black-{version}-signed"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_source(text: str) -> str:
    return black.format_str(text, mode=MODE)


def _format_many(texts: list[str]) -> list[str]:
    return [format_source(t) for t in texts]


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
)


def _width(line: str) -> int:
    """The line's width as black measures it: East Asian wide characters take two columns."""
    text = line.rstrip("\n")
    return len(text) if text.isascii() else str_width(text)


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


_WRAPPER = "class _:\n"
# Cache keys of whole files start with this, so they never equal a statement's key.
_FILE_KEY = "# sdkgen: whole file\n"
_SAME = "="  # cached answer: black leaves the file as it is


def _piece(lines: list[str], first: int, last: int, depth: int, header: bool) -> str:
    """The source black is given for a statement: a class member inside a stand-in class, a
    signature with a `pass` body (black would pull a `...` body up onto the `def` line)."""
    text = "".join(lines[first:last])
    if header:
        indent = len(lines[first]) - len(lines[first].lstrip())
        text += " " * (indent + 4) + "pass\n"
    return _WRAPPER + text if depth else text


def _unpiece(formatted: str, depth: int, header: bool) -> str:
    if depth:
        formatted = formatted[len(_WRAPPER) :]
    if header:
        formatted = formatted[: formatted.rstrip("\n").rfind("\n") + 1]  # drop the `pass`
    return formatted


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers started from a small fork server that has black loaded, not forked from this
    process (which holds the whole spec, IR and output: every worker would carry that too)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["black"])
        return context
    return multiprocessing.get_context()


class Formatter:
    """Formats pieces of source with black, through the cache, in parallel when it pays.

    A cached formatted piece is used when it is signed with this user's key (`cache.signing_key`),
    or else when it is the same code as the piece (`same_code`); a whole file's entry only when
    signed. Anything else is formatted again (and its entry rewritten, unless read-only).
    """

    def __init__(self, use_cache: bool = True, read_only: bool = False):
        self.store = Store(cache_folder(), enabled=use_cache, writable=not read_only)
        self.key = signing_key(create=self.store.writable) if self.store.enabled else None
        self.rejected = 0  # entries found and not used (tests count them)

    def format(self, pieces: list[str]) -> dict[str, str]:
        done: dict[str, str] = {}
        pending = []
        for piece in dict.fromkeys(pieces):
            cached = self._load(piece, whole=False)
            if cached is None:
                pending.append(piece)
            else:
                done[piece] = cached
        for piece, formatted in zip(pending, self._run(pending)):
            done[piece] = formatted
            self._store(piece, formatted)
        return done

    def _run(self, texts: list[str]) -> list[str]:
        total = sum(len(t) for t in texts)
        workers = min(os.cpu_count() or 1, 8)
        if total < PARALLEL_THRESHOLD or workers < 2 or len(texts) < 2:
            return _format_many(texts)
        # Greedy split by size, biggest first, so the workers finish together.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        buckets: list[list[int]] = [[] for _ in range(workers)]
        sizes = [0] * workers
        for index in order:
            smallest = sizes.index(min(sizes))
            buckets[smallest].append(index)
            sizes[smallest] += len(texts[index])
        results: list[str] = [""] * len(texts)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context()) as pool:
                chunks = pool.map(_format_many, [[texts[i] for i in b] for b in buckets])
                for bucket, chunk in zip(buckets, chunks):
                    for index, formatted in zip(bucket, chunk):
                        results[index] = formatted
        except BrokenProcessPool:
            # Workers could not start: typically a caller's script without an
            # `if __name__ == "__main__":` guard, which the fork server's workers re-run.
            return _format_many(texts)
        return results

    def lookup(self, source: str) -> str | None:
        """A whole file's formatted text, from a signed entry only (checking it would cost more
        than formatting its long statements)."""
        if self.key is None:
            return None
        return self._load(source, whole=True)

    def remember(self, source: str, formatted: str) -> None:
        if self.key is None:
            return
        if source[len(_FILE_KEY) :] != formatted or len(source) < 200_000:
            self._store(source, formatted)
        else:  # a big file black leaves alone: remember that, not a second copy of it
            self._store(source, _SAME)

    def _load(self, source: str, whole: bool) -> str | None:
        data = self.store.read(_key(source))
        if data is None:
            return None
        tag, _, body = data.partition(b"\n")
        answer: str | None = None
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and verify(self.key, tag, _source_digest(source), body):
            answer = source[len(_FILE_KEY) :] if whole and text == _SAME else text
        elif text is not None and not whole and same_code(source, text):
            answer = text
            if self.key is not None:
                self._store(source, text)  # signed now: checked once, not on every run
        if answer is None:
            self.rejected += 1
        return answer

    def _store(self, source: str, formatted: str) -> None:
        body = formatted.encode("utf-8")
        tag = sign(self.key, _source_digest(source), body) if self.key is not None else "-"
        self.store.write(_key(source), tag.encode("ascii") + b"\n" + body)


def _source_digest(source: str) -> bytes:
    return hashlib.sha256(source.encode("utf-8")).digest()


def _comments(text: str) -> list[str] | None:
    try:
        return [t.string for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return None


def same_code(source: str, formatted: str) -> bool:
    """Whether `formatted` may stand for `source`: the same syntax tree (black's own safety
    check), the same comments in the same order, and the shape the piece/unpiece steps rely on
    (the stand-in class line kept, a header's `pass` alone on the last line, a final newline)."""
    if not formatted.endswith("\n") or "\r" in formatted or "\x0c" in formatted:
        return False
    if source.startswith(_WRAPPER) and not formatted.startswith(_WRAPPER):
        return False
    if source.endswith("pass\n") and formatted.rstrip("\n").rsplit("\n", 1)[-1].strip() != "pass":
        return False
    try:
        if ast.dump(ast.parse(source)) != ast.dump(ast.parse(formatted)):
            return False
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    found = _comments(formatted)
    return found is not None and found == _comments(source)


def format_files(
    files: dict[str, str],
    use_cache: bool = True,
    full: bool = False,
    read_only: bool = False,
    stable: Collection[str] = (),
) -> dict[str, str]:
    """Return `files` with every `.py` value in black's layout (`read_only`: the cache is read,
    never written). A file whose text is one of `stable` (known to be in black's layout: the
    runtime modules) is left as it is, without being parsed or looked up."""
    formatter = Formatter(use_cache, read_only)
    python = {
        path: imports_gap(text) for path, text in files.items() if path.endswith(".py") and text not in stable
    }
    out = {**files, **python}
    if full:
        formatted = formatter.format(list(python.values()))
        out.update({path: formatted[text] for path, text in python.items()})
        return out
    # A file seen before (same rendered text) is answered whole, without parsing it again.
    known = {path: formatter.lookup(_FILE_KEY + text) for path, text in python.items()}
    out.update({path: text for path, text in known.items() if text is not None})
    python = {path: text for path, text in python.items() if known[path] is None}
    spans = {path: long_statements(text) for path, text in python.items()}
    pieces: list[str] = []
    for path, text in python.items():
        if spans[path]:
            lines = text.splitlines(keepends=True)
            pieces.extend(_piece(lines, *span) for span in spans[path])
    formatted = formatter.format(pieces)
    for path, text in python.items():
        if not spans[path]:
            continue
        lines = text.splitlines(keepends=True)
        rebuilt: list[str] = []
        cursor = 0
        for first, last, depth, header in spans[path]:
            rebuilt.extend(lines[cursor:first])
            piece = _piece(lines, first, last, depth, header)
            rebuilt.append(_unpiece(formatted[piece], depth, header))
            cursor = last
        rebuilt.extend(lines[cursor:])
        out[path] = "".join(rebuilt)
    for path, text in python.items():
        formatter.remember(_FILE_KEY + text, out[path])
    return out
