"""Stage 7: put the files on disk, or say what would change (`--check` writes nothing).

Nothing is written until everything is rendered and formatted. The output folder is untrusted (see
outdir.py): nothing is read, written, renamed or deleted through a link or outside the folder, and a
link, folder or device where sdkgen writes a file is refused with its path (exit status 2).

A manifest (`.sdkgen-manifest.json`) lists what the generator wrote with each file's digest. A later
run deletes a file only when the manifest lists it, the new generation does not have it, and it still
holds exactly what sdkgen wrote: a file a user edited since is kept (with a warning), a file a user
added is never touched. Changed trees are replaced whole and atomically, a run at a time (the writing
is locked, see outlock.py): staging.py says how and why an interrupted run (SIGKILL, Ctrl-C, a full
disk) leaves each tree wholly old or wholly new. A run with nothing to change writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import staging
from .outdir import MANIFEST, STAGE_PREFIX, Folders, Out, OutputError, current, open_out, os_problem, plain, read_manifest, regular_file_bytes, remove_created
from .outlock import locked

MAX_STALE_BYTES = 256 * 1024 * 1024

__all__ = ["MANIFEST", "Changes", "plan", "write"]


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    interrupted: list[str] = field(default_factory=list)  # staging folders an interrupted run left
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path as shown, message)
    manifest_digest: str = ""  # sha256 of the manifest the folder holds once this plan is written

    @property
    def any(self) -> bool:
        return bool(self.added or self.modified or self.removed or self.interrupted)

    def lines(self) -> list[str]:
        return (
            [f"added: {p}" for p in self.added]
            + [f"modified: {p}" for p in self.modified]
            + [f"removed: {p}" for p in self.removed]
            + [f"interrupted: {p} (an earlier run was stopped while writing)" for p in self.interrupted]
        )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Plan:
    out: Out
    data: dict[str, bytes]  # every generated file
    unchanged: set[str]
    stale: set[str]  # files of the previous generation to delete
    manifest: bytes  # the new manifest
    manifest_changed: bool
    changes: Changes


def _top(relative: str) -> str:
    return relative.split("/", 1)[0]


def _plan(out: Out, files: dict[str, str]) -> Plan:
    folders = Folders(out)
    previous = read_manifest(out, folders)
    changes = Changes(interrupted=staging.leftovers(out))
    changes.warnings += [(out.show(MANIFEST), message) for message in previous.warnings]
    data: dict[str, bytes] = {}
    digests: dict[str, str] = {}
    unchanged: set[str] = set()
    for relative in sorted(files):
        if not plain(relative) or relative == MANIFEST or relative.startswith(STAGE_PREFIX):
            raise ValueError(f"refusing to write {relative!r}: not a plain path inside the output folder")
        data[relative] = files[relative].encode("utf-8")
        digests[relative] = _digest(data[relative])
        now = current(out, folders, relative)
        if now == data[relative]:
            unchanged.add(relative)
            changes.unchanged += 1
        else:
            (changes.modified if now is not None else changes.added).append(relative)
    stale: set[str] = set()
    for relative in sorted(set(previous.files) - set(files)):
        if folders.parent_state(relative)[1] != "dir":
            continue
        now = regular_file_bytes(out, relative, MAX_STALE_BYTES)
        if now is None:
            continue  # gone, or no longer a plain file: not ours any more
        if _digest(now) == previous.files[relative]:
            stale.add(relative)
            changes.removed.append(relative)
        else:
            changes.warnings.append((out.show(relative), "sdkgen no longer generates this file, but it was edited; kept"))
    body = (json.dumps({"generator": "sdkgen", "files": digests}, indent=1, sort_keys=True) + "\n").encode("utf-8")
    changes.manifest_digest = _digest(body)
    return Plan(out, data, unchanged, stale, body, previous.body != body, changes)


def plan(out_dir: Path, files: dict[str, str]) -> Changes:
    """What writing `files` would change. Reads only; creates nothing, takes no lock."""
    return _plan(open_out(out_dir, create=False), files).changes


def write(out_dir: Path, files: dict[str, str]) -> Changes:
    out = open_out(out_dir, create=True)
    try:
        with locked(out):
            recovered = staging.recover(out)
            result = _plan(out, files)
            result.changes.warnings += [(out.shown, message) for message in recovered]
            result.changes.interrupted = []
            if result.changes.any or result.manifest_changed:
                _replace(result)
    except BaseException:
        remove_created(out)
        raise
    return result.changes


def _replace(plan: Plan) -> None:
    out = plan.out
    trees = sorted({_top(r) for r in plan.data if r not in plan.unchanged} | {_top(r) for r in plan.stale})
    # Ctrl-C waits for the whole stage-and-swap (a fraction of a second): an interrupt between
    # creating the staging folder and the `try`, or inside the clean-up, left the folder behind
    # (6 of 75 Ctrl-Cs in the long kill run).
    with staging.signals_held():
        stage = staging.new_stage(out)
        try:
            units = [_stage_tree(plan, stage, tree) for tree in trees]
            if plan.manifest_changed:
                _staged(out, MANIFEST, lambda: staging.create(os.path.join(stage, "manifest"), plan.manifest))
            staging.commit(out, stage, units, plan.manifest_changed)
        except BaseException:
            staging.abandon(stage)
            raise


def _staged(out: Out, relative: str, action: Callable[[], object]) -> None:
    """Run one staging step; an OSError becomes a one-line error naming the output path."""
    try:
        action()
    except OSError as error:
        raise OutputError(out.show(relative), f"cannot write: {os_problem(error)}") from None


def _stage_tree(plan: Plan, stage: str, tree: str) -> staging.Unit:
    out = plan.out
    root = os.path.join(stage, "new")
    live = out.path(tree)
    old = os.lstat(live).st_ino if os.path.lexists(live) else None
    ours = [r for r in plan.data if _top(r) == tree]
    for relative in ours:
        target = os.path.join(root, relative)
        if "/" in relative:
            _staged(out, relative, lambda: os.makedirs(os.path.dirname(target), exist_ok=True))
        if relative in plan.unchanged:
            _staged(out, relative, lambda: _link_unchanged(out.path(relative), target, plan.data[relative]))
        else:
            _staged(out, relative, lambda: staging.create(target, plan.data[relative]))
    if old is not None and os.path.isdir(live) and not os.path.islink(live):
        skip = set(ours) | plan.stale
        _carry(out, root, tree, skip)
    new = staging._ino(os.path.join(root, tree))
    return staging.Unit(tree, new, old)


def _link_unchanged(source: str, target: str, data: bytes) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        staging.create(target, data)


def _carry(out: Out, root: str, folder: str, skip: set[str]) -> None:
    """Every entry of the live `folder` that sdkgen does not own, carried into the staged tree."""
    try:
        with os.scandir(out.path(folder)) as found:
            entries = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in found)
    except OSError as error:
        raise OutputError(out.show(folder), f"cannot read: {os_problem(error)}") from None
    if not entries:  # a folder a user made and left empty
        _staged(out, folder, lambda: os.makedirs(os.path.join(root, folder), exist_ok=True))
    for name, is_dir in entries:
        relative = f"{folder}/{name}"
        if is_dir:
            _carry(out, root, relative, skip)
        elif relative not in skip:
            target = os.path.join(root, relative)
            _staged(out, relative, lambda: os.makedirs(os.path.dirname(target), exist_ok=True))
            _staged(out, relative, lambda: staging.link_or_copy(out.path(relative), target))
