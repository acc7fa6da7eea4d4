"""The output folder as it is, read without following a link and without writing anything.

Everything found in the folder is untrusted: any name may be a symbolic link, a folder, a device or a
file a user put there. This module answers three questions for the writer, refusing (exit status 2,
one line naming the path) what it cannot answer safely:

- where the output folder really is (`open_out`: `--out` itself may be a link to a folder; a file, a
  device, a dangling link or a path that cannot be created is refused);
- what each generated path holds now (`current`: bytes, absent, or refused when a link, a folder or
  anything but a plain file stands where sdkgen writes a file, or a file where it writes a folder);
- what the previous generation wrote (`read_manifest`: entries that would lead outside the folder,
  through a link, or a manifest that is not a JSON object are ignored with a warning).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Place, SpecError

MANIFEST = ".sdkgen-manifest.json"
STAGE_PREFIX = ".sdkgen-stage-"  # staging folders (see staging.py): never a generated name
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_WARNINGS = 5


class OutputError(SpecError):
    """The output folder cannot be written as asked: one line naming the path, exit status 2."""

    def __init__(self, path: str, message: str):
        super().__init__(message, Place(path))


def os_problem(error: OSError) -> str:
    return error.strerror or os.strerror(error.errno or 0) or type(error).__name__


@dataclass
class Out:
    """The output folder: `root` is where it really is, `shown` how the user named it."""

    root: str
    shown: str
    created: list[str] = field(default_factory=list)  # folders this run made (removed on failure)

    def path(self, relative: str) -> str:
        return os.path.join(self.root, relative) if relative else self.root

    def show(self, relative: str) -> str:
        return os.path.join(self.shown, relative) if relative else self.shown


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    return "a socket" if stat.S_ISSOCK(mode) else "not a file"


def open_out(out: Path, create: bool) -> Out:
    """The output folder, checked; created (with its parents) when `create` and it is missing."""
    shown = str(out)
    try:
        info: os.stat_result | None = os.lstat(out)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(shown, f"cannot use this as the output folder: {os_problem(error)}") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        try:
            target = os.stat(out)
        except OSError:
            raise OutputError(shown, "a symbolic link to nothing, not a folder; choose another --out") from None
        if not stat.S_ISDIR(target.st_mode):
            raise OutputError(shown, f"a symbolic link to {_kind(target.st_mode)}, not a folder; choose another --out")
        return Out(os.path.realpath(out), shown)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise OutputError(shown, f"{_kind(info.st_mode)}, not a folder; choose another --out")
    result = Out(str(out), shown)
    if info is None and create:
        missing = []
        folder = os.path.abspath(out)
        while not os.path.lexists(folder):
            missing.append(folder)
            folder = os.path.dirname(folder)
        for folder in reversed(missing):
            try:
                os.mkdir(folder)
            except OSError as error:
                remove_created(result)
                raise OutputError(shown, f"cannot create the output folder: {os_problem(error)}") from None
            result.created.append(folder)
    return result


def remove_created(out: Out) -> None:
    """Undo `open_out`'s folders after a failed run, so the output is exactly as it was (absent)."""
    for folder in reversed(out.created):
        try:
            os.rmdir(folder)
        except OSError:
            return
    out.created.clear()


def plain(relative: str) -> bool:
    """A relative path of plain names: nothing absolute, no `..`, `.`, empty or NUL component."""
    parts = relative.split("/")
    return bool(relative) and "\0" not in relative and all(p not in ("", ".", "..") for p in parts)


class Folders:
    """lstat of the folders on the way to generated paths, each asked once."""

    def __init__(self, out: Out):
        self.out = out
        self.state: dict[str, str] = {}  # relative folder -> "dir", "missing", "link", "other"

    def of(self, relative: str) -> str:
        found = self.state.get(relative)
        if found is None:
            try:
                mode = os.lstat(self.out.path(relative)).st_mode
                found = "dir" if stat.S_ISDIR(mode) else "link" if stat.S_ISLNK(mode) else "other"
            except FileNotFoundError:
                found = "missing"
            except OSError as error:
                raise OutputError(self.out.show(relative), f"cannot read: {os_problem(error)}") from None
            self.state[relative] = found
        return found

    def parent_state(self, relative: str) -> tuple[str, str]:
        """(the first folder on the way to `relative` that is not a real folder, its state), or ("", "dir")."""
        parts = relative.split("/")
        for end in range(1, len(parts)):
            prefix = "/".join(parts[:end])
            state = self.of(prefix)
            if state != "dir":
                return prefix, state
        return "", "dir"


def current(out: Out, folders: Folders, relative: str) -> bytes | None:
    """What the generated path `relative` holds now: None when absent; refused when not a plain file."""
    prefix, state = folders.parent_state(relative)
    if state == "missing":
        return None
    if state == "link":
        raise OutputError(out.show(prefix), "a symbolic link where sdkgen writes a folder; remove it or choose another --out")
    if state == "other":
        raise OutputError(out.show(prefix), "not a folder, where sdkgen writes a folder; remove it or choose another --out")
    path = out.path(relative)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(out.show(relative), f"cannot read: {os_problem(error)}") from None
    if not stat.S_ISREG(mode):
        where = f"{_kind(mode)} where sdkgen writes a file; remove it or choose another --out"
        raise OutputError(out.show(relative), where)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read()
        finally:
            os.close(fd)
    except OSError as error:
        raise OutputError(out.show(relative), f"cannot read: {os_problem(error)}") from None


def regular_file_bytes(out: Out, relative: str, limit: int) -> bytes | None:
    """The bytes of `relative` when it is a plain file (never through a link) of at most `limit` bytes."""
    return plain_file_bytes(out.path(relative), limit)


def plain_file_bytes(path: str, limit: int, follow_links: bool = False) -> bytes | None:
    """The bytes at `path` when it is a plain file of at most `limit` bytes (a FIFO or a device is
    never opened for a blocking read); None for anything else or when it cannot be read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


@dataclass
class Manifest:
    files: dict[str, str]  # relative path -> sha256 of what sdkgen wrote
    body: bytes | None  # the manifest file as it is now (None: absent)
    warnings: list[str]


def read_manifest(out: Out, folders: Folders) -> Manifest:
    """The previous generation's manifest, every entry checked; what cannot be trusted is ignored."""
    relative = MANIFEST
    try:
        mode: int | None = os.lstat(out.path(relative)).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OutputError(out.show(relative), f"cannot read: {os_problem(error)}") from None
    if mode is None:
        return Manifest({}, None, [])
    if not stat.S_ISREG(mode):
        raise OutputError(out.show(relative), f"{_kind(mode)} where sdkgen writes its manifest; remove it or choose another --out")
    body = regular_file_bytes(out, relative, MAX_MANIFEST_BYTES)
    if body is None:
        return Manifest({}, b"", ["unreadable or over 64 MiB; ignored (no file is deleted)"])
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Manifest({}, body, ["not JSON; ignored (no file is deleted)"])
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        what = "not a JSON object" if not isinstance(data, dict) else "its `files` is not a JSON object"
        return Manifest({}, body, [f"{what}; ignored (no file is deleted)"])
    entries: dict[str, str] = {}
    problems: list[str] = []
    for key, digest in files.items():
        if not isinstance(digest, str):
            problems.append(f"the entry {key!r} has no digest; ignored")
        elif not plain(key) or key == MANIFEST or key.startswith(STAGE_PREFIX):
            problems.append(f"lists {key!r}, not a path inside the output folder; ignored")
        elif folders.parent_state(key)[1] == "link":
            problems.append(f"lists {key!r}, reached through a symbolic link; ignored")
        else:
            entries[key] = digest
    if len(problems) > MAX_WARNINGS:
        problems = problems[:MAX_WARNINGS] + [f"... and {len(problems) - MAX_WARNINGS} more entries ignored"]
    return Manifest(entries, body, problems)
