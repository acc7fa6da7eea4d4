"""Stage 7: put the files on disk, or say what would change.

Nothing is written until everything is rendered and formatted. Each changed file is written to a
temporary file and renamed over the old one. A manifest (`.sdkgen-manifest.json`) lists what the
generator wrote, so a later run deletes only its own stale files, never a user's file in the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".sdkgen-manifest.json"


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.modified or self.removed)

    def lines(self) -> list[str]:
        return (
            [f"added: {p}" for p in self.added]
            + [f"modified: {p}" for p in self.modified]
            + [f"removed: {p}" for p in self.removed]
        )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _previous(out_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError):
        return {}


def _safe(out_dir: Path, relative: str) -> Path:
    """A path inside the output folder (a manifest entry cannot point elsewhere)."""
    target = (out_dir / relative).resolve()
    if out_dir.resolve() not in target.parents:
        raise ValueError(f"refusing to touch {relative!r} outside the output folder")
    return target


def plan(out_dir: Path, files: dict[str, str]) -> tuple[Changes, dict[str, bytes], dict[str, str]]:
    """What writing `files` would change: (changes, bytes to write, the new manifest)."""
    previous = _previous(out_dir)
    changes = Changes()
    to_write: dict[str, bytes] = {}
    manifest: dict[str, str] = {}
    for relative in sorted(files):
        data = files[relative].encode("utf-8")
        manifest[relative] = _digest(data)
        target = out_dir / relative
        try:
            current: bytes | None = target.read_bytes()
        except OSError:
            current = None
        if current == data:
            changes.unchanged += 1
            continue
        (changes.modified if current is not None else changes.added).append(relative)
        to_write[relative] = data
    for relative in sorted(set(previous) - set(files)):
        if (out_dir / relative).exists():
            changes.removed.append(relative)
    return changes, to_write, manifest


def write(out_dir: Path, files: dict[str, str]) -> Changes:
    changes, to_write, manifest = plan(out_dir, files)
    out_dir.mkdir(parents=True, exist_ok=True)
    for relative, data in to_write.items():
        target = _safe(out_dir, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.sdkgen-tmp")
        temp.write_bytes(data)
        os.replace(temp, target)
    for relative in changes.removed:
        target = _safe(out_dir, relative)
        target.unlink(missing_ok=True)
        _prune_empty(target.parent, out_dir.resolve())
    body = json.dumps({"generator": "sdkgen", "files": manifest}, indent=1, sort_keys=True) + "\n"
    manifest_path = out_dir / MANIFEST
    if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != body:
        temp = out_dir / f".{MANIFEST}.sdkgen-tmp"
        temp.write_text(body, encoding="utf-8")
        os.replace(temp, manifest_path)
    return changes


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent
