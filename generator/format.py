"""Stage 6: every emitted `.py` file in black's layout.

black's own `format_str` does the work (same output as running black), spread over worker processes
when there are many files. Results are cached per file, keyed by the hash of the rendered text and
black's version, in the user's cache folder: an unchanged file is never formatted twice.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import black

MODE = black.Mode(target_versions={black.TargetVersion.PY39}, line_length=88)
# Below this many characters to format, worker processes cost more than they save.
PARALLEL_THRESHOLD = 400_000


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkgen" / f"black-{black.__version__}"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_source(text: str) -> str:
    return black.format_str(text, mode=MODE)


def _format_many(texts: list[str]) -> list[str]:
    return [format_source(t) for t in texts]


def format_files(files: dict[str, str], use_cache: bool = True) -> dict[str, str]:
    """Return `files` with every `.py` value formatted by black."""
    out = dict(files)
    pending: dict[str, str] = {}
    cache = cache_dir()
    for path, text in files.items():
        if not path.endswith(".py"):
            continue
        if use_cache:
            cached = cache / _key(text)
            try:
                out[path] = cached.read_text(encoding="utf-8")
                continue
            except OSError:
                pass
        pending[path] = text
    if not pending:
        return out
    paths = sorted(pending, key=lambda p: -len(pending[p]))
    total = sum(len(pending[p]) for p in paths)
    workers = min(os.cpu_count() or 1, 8)
    if total < PARALLEL_THRESHOLD or workers < 2:
        results = _format_many([pending[p] for p in paths])
    else:
        # Greedy split by size so workers finish together.
        buckets: list[list[str]] = [[] for _ in range(workers)]
        sizes = [0] * workers
        for path in paths:
            index = sizes.index(min(sizes))
            buckets[index].append(path)
            sizes[index] += len(pending[path])
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunks = list(pool.map(_format_many, [[pending[p] for p in b] for b in buckets]))
        by_path = {p: r for bucket, chunk in zip(buckets, chunks) for p, r in zip(bucket, chunk)}
        results = [by_path[p] for p in paths]
    for path, formatted in zip(paths, results):
        out[path] = formatted
        if use_cache:
            _store(cache, pending[path], formatted)
    return out


def _store(cache: Path, source: str, formatted: str) -> None:
    try:
        cache.mkdir(parents=True, exist_ok=True)
        target = cache / _key(source)
        temp = target.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(formatted, encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        pass  # a cache that cannot be written only costs time
