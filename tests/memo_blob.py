"""The memo's entry file (`generator/memo.py`) read and rewritten, for tests that forge one: the old
signature line kept over a body whose entries were replaced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable


def forge(entry: Path, replace: Callable[[str, bytes], bytes]) -> None:
    """Rewrite every entry's bytes as `replace(name, bytes)` says, keeping the old signature."""
    tag, code, index_line, payload = entry.read_bytes().split(b"\n", 3)
    index, parts, offset = [], [], 0
    for name, form, size in json.loads(index_line):
        data = replace(name, payload[offset : offset + size])
        offset += size
        index.append([name, form, len(data)])
        parts.append(data)
    entry.write_bytes(b"\n".join([tag, code, json.dumps(index).encode("ascii"), b"".join(parts)]))
