"""Stage 6: every emitted `.py` file in black's layout.

The templates already print black's layout (statements exploded with magic trailing commas, black's
blank lines, black's string quotes, docstrings as black leaves them), and the layout module
(`layout.py`) splits the statements that are too long as black would. What is left is a statement the
layout module declined (printed flat) or a template printed too long: black formats exactly those
top-level statements (or class members) that contain a line over the limit, found by a scan of the
lines (`long_statements`, no parse); black formats each statement on its own, so the result is the
file black would make. The golden tests check that claim (`black --check` over every golden tree and
over fuzzed specs), and `make bench` checks it over the whole output of the largest spec it times
and counts the statements still given to black (`statements_for_black`: 0 there).

Formatted statements are cached in the user's cache folder, keyed by their text and black's version;
a cached answer is used only when it is signed with the user's key or is provably the same code
(`Formatter`, `same_code`): a changed entry never reaches the output. A whole file an earlier run
formatted is answered by the run's memo (`generator/memo.py`), named by its text.
`full=True` runs black over whole files instead (slow; for checking this module).
"""

from __future__ import annotations

import ast
import hashlib
import io
import multiprocessing
import os
import tokenize
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from typing import Any, Collection

from ...identity import library_version
from ...cache import Store, sign, signing_key, verify
from ...memo import Memo, checked_text, digest
from .long_lines import LINE_LENGTH, imports_gap, long_statements


# black is imported when a statement is given to it: on most specs none is (the layout module and
# the templates print black's layout), and its import is a seventh of a small run.
@lru_cache(maxsize=1)
def black_mode() -> Any:
    import black
    from black.mode import TargetVersion

    return black.Mode(target_versions={TargetVersion.PY39}, line_length=LINE_LENGTH)


# Below this many characters to format, worker processes cost more than they save.
PARALLEL_THRESHOLD = 300_000


def cache_folder() -> str:
    """The format cache's folder. `-signed`: sdkgen before signed entries read `black-<version>/`
    and would take a signed entry's tag line for code, so the two never share a folder."""
    return f"black-{library_version('black')}-signed"  # its installed version, read without importing it


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_source(text: str) -> str:
    import black

    return str(black.format_str(text, mode=black_mode()))


def _format_many(texts: list[str]) -> list[str]:
    return [format_source(t) for t in texts]


_WRAPPER = "class _:\n"
_SAME = "="  # a memo's answer: black leaves the file as it is


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
    or else when it is the same code as the piece (`same_code`). Anything else is formatted again
    (and its entry rewritten, unless read-only).
    """

    def __init__(self, use_cache: bool = True, read_only: bool = False):
        self.store = Store(cache_folder(), enabled=use_cache, writable=not read_only)
        self.key = signing_key(create=self.store.writable) if self.store.enabled else None
        self.rejected = 0  # entries found and not used (tests count them)

    def format(self, pieces: list[str]) -> dict[str, str]:
        done: dict[str, str] = {}
        pending = []
        for piece in dict.fromkeys(pieces):
            cached = self._load(piece)
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

    def _load(self, source: str) -> str | None:
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
            answer = text
        elif text is not None and same_code(source, text):
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
    memo: Memo | None = None,
) -> dict[str, str]:
    """Return `files` with every `.py` value in black's layout (`read_only`: the cache is read,
    never written). A file whose text is one of `stable` (known to be in black's layout: the
    runtime modules) is left as it is, without being parsed or looked up."""
    formatter = Formatter(use_cache, read_only)
    memo = memo or Memo.off()
    python = {
        path: imports_gap(text) for path, text in files.items() if path.endswith(".py") and text not in stable
    }
    out = {**files, **python}
    if full:
        formatted = formatter.format(list(python.values()))
        out.update({path: formatted[text] for path, text in python.items()})
        return out
    # A file an earlier run formatted (the same text) is answered from the memo, without a scan.
    keys = {path: digest(text) if memo.active else "" for path, text in python.items()}
    known = {path: memo.known("python formatted", keys[path], checked_text) for path in python}
    for path, text in python.items():
        answer = known[path]
        if answer is not None:
            out[path] = text if answer == _SAME else answer
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
        memo.keep("python formatted", keys[path], _SAME if out[path] == text else out[path])
    return out
