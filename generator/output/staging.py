"""Replace whole trees of the output folder at once, and finish or undo an interrupted replacement.

A tree is a top-level entry of the output folder that sdkgen generates into (`python/`, `docs/`).
Each changed tree is built complete in a fresh staging folder inside the output folder (same file
system), then put in place by one `rename`:

1. `mkdtemp` makes `DIR/.sdkgen-stage-XXXX/` (a new folder: nothing in it can be a planted link).
   `new/<tree>/` gets every generated file of the tree: changed files are created with
   O_CREAT|O_EXCL|O_NOFOLLOW, unchanged ones are hard links to the current file (no copy), and every
   entry of the current tree that sdkgen does not own (not in the new generation and not a stale file
   of the old manifest) is carried over as a hard link of itself (a link stays a link and is never
   followed). `manifest` is the new manifest.
2. `journal.json` is written (temporary name, then renamed): the commit point. It names each tree and
   the inode of its staged and its current folder.
3. Each tree is swapped with `renameat2(RENAME_EXCHANGE)`: one atomic step after which `DIR/<tree>`
   is the new tree and `new/<tree>` the old one. A new tree is renamed in; a tree with nothing left in
   it is renamed aside into the staging folder. Then the manifest is renamed over the old one.
4. The journal is removed, then the staging folder with the old trees in it.

Why every tree is wholly old or wholly new at every moment: a tree changes only in step 3, by one
rename or exchange, which the kernel performs atomically; nothing is ever written inside a live tree.
A process killed before step 2 leaves a staging folder without a journal: the output is untouched and
the next run deletes the folder. Killed after step 2, it leaves a journal: the next run (holding the
lock, see outlock.py) finishes step 3 for the trees whose folder is not yet the staged inode, renames
the manifest in, and deletes the folder. Ctrl-C and SIGTERM are held back during steps 2-4 and
delivered after; an error during step 3 swaps back the trees already swapped. Where RENAME_EXCHANGE
is unavailable (not Linux, or a file system without it) a tree is renamed aside and the new one
renamed in: two renames, between which a kill leaves the tree missing until the next run, which
completes it from the journal.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from .outdir import MANIFEST, STAGE_PREFIX, Out, OutputError, os_problem, plain

JOURNAL = "journal.json"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _load_renameat2() -> Callable[..., int] | None:
    try:
        function: Any = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    result: Callable[..., int] = function
    return result


_renameat2 = _load_renameat2()


def exchange(first: str, second: str) -> bool:
    """Swap two paths atomically; False when the system cannot (then nothing happened)."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), second)


@dataclass(frozen=True)
class Unit:
    """One tree to replace: the inode of its staged folder (None: removed) and of the current one."""

    name: str
    new: int | None
    old: int | None


def _ino(path: str) -> int | None:
    try:
        return os.lstat(path).st_ino
    except FileNotFoundError:
        return None


def create(path: str, data: bytes) -> None:
    """A new file, never through a link and never over an existing name."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def link_or_copy(source: str, target: str) -> None:
    """`target` becomes another name of `source` (a link stays a link); a copy where links fail."""
    try:
        os.link(source, target, follow_symlinks=False)
        return
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EMLINK, errno.EXDEV, errno.ENOTSUP, errno.EACCES):
            raise
    mode = os.lstat(source).st_mode
    if stat.S_ISLNK(mode):
        os.symlink(os.readlink(source), target)
    elif stat.S_ISREG(mode):
        shutil.copy2(source, target, follow_symlinks=False)
    else:
        raise OSError(errno.ENOTSUP, "cannot carry this kind of file over", source)


# ---- staging folders ---------------------------------------------------------------------------------


def leftovers(out: Out) -> list[str]:
    """Staging folders an interrupted run left in the output folder (real folders only)."""
    try:
        with os.scandir(out.root) as entries:
            return sorted(e.name for e in entries if e.name.startswith(STAGE_PREFIX) and e.is_dir(follow_symlinks=False))
    except OSError:
        return []


def new_stage(out: Out) -> str:
    try:
        stage = tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out.root)
        os.mkdir(os.path.join(stage, "new"))
        os.mkdir(os.path.join(stage, "old"))
    except OSError as error:
        raise OutputError(out.shown, f"cannot write: {os_problem(error)}") from None
    return stage


def remove_tree(top: str) -> None:
    """Delete a folder sdkgen made, bottom up, by full paths; a link in it is removed, never followed.
    (Not shutil.rmtree: its opens relative to a folder descriptor read as opens of the working folder
    to an audit hook.) What cannot be deleted stays for the next run to delete."""
    for folder, dirs, files in os.walk(top, topdown=False):
        for name in files + dirs:
            path = os.path.join(folder, name)
            try:
                if name in dirs and not os.path.islink(path):
                    os.rmdir(path)
                else:
                    os.unlink(path)
            except OSError:
                pass
    try:
        os.rmdir(top)
    except OSError:
        pass


def abandon(stage: str) -> None:
    """After a failed run: delete the staging folder unless its journal says it is committing."""
    if not os.path.lexists(os.path.join(stage, JOURNAL)):
        remove_tree(stage)


def discard(stage: str) -> None:
    """Delete a staging folder (it holds only what sdkgen made and links of what it carried)."""
    try:
        os.unlink(os.path.join(stage, JOURNAL))
    except OSError:
        pass
    remove_tree(stage)


# ---- committing -------------------------------------------------------------------------------------


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then act as they would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(number: int, frame: FrameType | None) -> None:
        caught.append(number)

    previous = {number: signal.signal(number, hold) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        if caught:
            os.kill(os.getpid(), caught[0])


def _places(out: Out, stage: str, unit: Unit) -> tuple[str, str, str]:
    """(the live tree, its staged replacement, where the old one goes when not exchanged)."""
    return out.path(unit.name), os.path.join(stage, "new", unit.name), os.path.join(stage, "old", unit.name)


def _swap(out: Out, stage: str, unit: Unit) -> None:
    live, staged, aside = _places(out, stage, unit)
    if unit.new is None:
        os.rename(live, aside)
    elif unit.old is None:
        os.rename(staged, live)
    elif not exchange(staged, live):
        os.rename(live, aside)
        os.rename(staged, live)


def _unswap(out: Out, stage: str, unit: Unit) -> None:
    live, staged, aside = _places(out, stage, unit)
    if unit.new is None:
        os.rename(aside, live)
    elif unit.old is None:
        os.rename(live, staged)
    elif os.path.lexists(aside):
        os.rename(live, staged)
        os.rename(aside, live)
    else:
        exchange(staged, live)


def commit(out: Out, stage: str, units: list[Unit], manifest: bool) -> None:
    """Steps 2-4 of the module docstring; on an error the trees already swapped are swapped back."""
    journal = {"units": [{"name": u.name, "new": u.new, "old": u.old} for u in units], "manifest": manifest}
    with signals_held():
        try:
            create(os.path.join(stage, "journal.tmp"), json.dumps(journal).encode("utf-8"))
            os.rename(os.path.join(stage, "journal.tmp"), os.path.join(stage, JOURNAL))
        except OSError as error:
            raise OutputError(out.shown, f"cannot write: {os_problem(error)}") from None
        done: list[Unit] = []
        where = MANIFEST
        try:
            for unit in units:
                where = unit.name
                _swap(out, stage, unit)
                done.append(unit)
            where = MANIFEST
            if manifest:
                os.rename(os.path.join(stage, "manifest"), out.path(MANIFEST))
        except BaseException as error:
            for unit in reversed(done):
                _unswap(out, stage, unit)  # an error here keeps the journal: the next run finishes
            os.unlink(os.path.join(stage, JOURNAL))
            if isinstance(error, OSError):
                raise OutputError(out.show(where), f"cannot replace: {os_problem(error)}") from None
            raise
        os.unlink(os.path.join(stage, JOURNAL))
    discard(stage)


# ---- recovery ---------------------------------------------------------------------------------------


def _journal(stage: str) -> tuple[list[Unit], bool] | None:
    try:
        with open(os.path.join(stage, JOURNAL), "rb", opener=_no_follow) as handle:
            data = json.loads(handle.read(1 << 20))
        units = [
            Unit(u["name"], u["new"], u["old"])
            for u in data["units"]
            if isinstance(u["name"], str) and plain(u["name"]) and "/" not in u["name"]
            and u["name"] != MANIFEST and not u["name"].startswith(STAGE_PREFIX)
            and all(isinstance(u[k], (int, type(None))) for k in ("new", "old"))
        ]
        return units, bool(data["manifest"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK)


def _finish(out: Out, stage: str, units: list[Unit], manifest: bool) -> None:
    for unit in units:
        live = out.path(unit.name)
        staged = os.path.join(stage, "new", unit.name)
        current = _ino(live)
        if unit.new is None:
            if current is not None and current == unit.old:
                os.rename(live, os.path.join(stage, "old", unit.name))
            continue
        if current == unit.new or _ino(staged) != unit.new:
            continue  # already swapped (or the staged tree is not the one the journal names)
        if current is None:
            os.rename(staged, live)
        elif current == unit.old:
            _swap(out, stage, unit)
    staged_manifest = os.path.join(stage, "manifest")
    if manifest and os.path.isfile(staged_manifest) and not os.path.islink(staged_manifest):
        os.rename(staged_manifest, out.path(MANIFEST))


def recover(out: Out) -> list[str]:
    """Finish (journal present) or discard (no journal) what interrupted runs left; the warnings."""
    said = []
    for name in leftovers(out):
        stage = out.path(name)
        found = _journal(stage)
        if found is not None:
            try:
                with signals_held():
                    _finish(out, stage, *found)
                    os.unlink(os.path.join(stage, JOURNAL))
            except OSError as error:
                raise OutputError(out.show(name), f"cannot finish an interrupted run's write: {os_problem(error)}") from None
            said.append(f"finished the write of an interrupted run ({name})")
        else:
            said.append(f"removed the staging folder of an interrupted run ({name})")
        discard(stage)
    return said
