"""The user's cache folder, read and written as untrusted storage.

Anyone who can write the cache folder (another job sharing a CI cache, another pull request) can put
anything in it: garbage, a symlink where an entry goes, a FIFO, a changed entry. So:

- entries are read with `O_NOFOLLOW | O_NONBLOCK`, only when they are regular files, and only up to
  a size limit; every folder below the cache root is opened without following a link;
- entries are written to a temporary file created exclusively (`O_EXCL`, mode 0600) in the same
  folder and renamed over the entry (a link at the entry's name is replaced, never followed);
- a read-only store (`--check`) never creates or changes anything;
- what an entry says is checked by its user: a formatted text against the text it claims to format
  (format.py), a validation verdict by an HMAC under a per-user key kept outside the cache folder
  (`signing_key`): an entry written without the key does not verify.

The cache root is `$XDG_CACHE_HOME/sdkgen` (default `~/.cache/sdkgen`), the key
`$XDG_STATE_HOME/sdkgen/key` (default `~/.local/state/sdkgen/key`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path

MAX_ENTRY = 64 * 1024 * 1024  # an entry bigger than this is not ours
KEY_BYTES = 32
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_SUPPORTED = os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkgen"


def key_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "sdkgen" / "key"


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        secure = (
            stat.S_ISREG(info.st_mode)
            and info.st_mode & 0o077 == 0
            and (not hasattr(os, "getuid") or info.st_uid == os.getuid())
        )
        data = os.read(fd, KEY_BYTES + 1) if secure else b""
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == KEY_BYTES else None


def _create_key(path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return  # exists already (read it), or cannot be made (no signed caches)
    try:
        os.write(fd, secrets.token_bytes(KEY_BYTES))
    except OSError:
        pass
    finally:
        os.close(fd)


@lru_cache(maxsize=4)
def _key_at(path: Path, create: bool) -> bytes | None:
    if create and not path.exists() and not path.is_symlink():
        _create_key(path)
    return _read_key(path)


def signing_key(create: bool) -> bytes | None:
    """The per-user secret that signs cache entries, or None (then nothing signed is trusted).

    Created (0600, exclusively) on first use unless `create` is false; a key that is a link, not a
    regular file, readable by others, owned by someone else or of the wrong size is not used.
    """
    return _key_at(key_path(), create)


def sign(key: bytes, *parts: bytes) -> str:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big"))
        mac.update(part)
    return mac.hexdigest()


def verify(key: bytes | None, tag: bytes, *parts: bytes) -> bool:
    """Whether `tag` (as read from an entry: any bytes) is `sign(key, *parts)`."""
    return key is not None and hmac.compare_digest(sign(key, *parts).encode("ascii"), tag)


class Store:
    """One folder of entries under the cache root (`folder` is relative, e.g. "black-24.1.0").

    `writable=False`: reads only, nothing is created. `enabled=False`: neither reads nor writes.
    """

    def __init__(self, folder: str, enabled: bool = True, writable: bool = True):
        self.parts = ["sdkgen", *Path(folder).parts]
        self.enabled = enabled and _SUPPORTED
        self.writable = writable and self.enabled
        self.writes = 0  # entries written (tests count them)
        self.path = cache_root().parent.joinpath(*self.parts)

    def _base(self) -> Path:
        return cache_root().parent

    def _open_folder(self, create: bool) -> int | None:
        """An fd of the entry folder, every part below the cache base opened without following a
        link and checked to be the folder found in its parent (opened as the parent's child)."""
        base = self._base()
        try:
            if create:
                base.mkdir(parents=True, exist_ok=True)
            fd = os.open(base, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return None
        path = base
        for part in self.parts:
            path = path / part
            try:
                if create:
                    try:
                        os.mkdir(part, 0o700, dir_fd=fd)
                    except FileExistsError:
                        pass
                child = os.open(path, _DIR_FLAGS)  # by its whole path, so that audits can name it
            except OSError:
                os.close(fd)
                return None
            same = self._same_file(fd, part, child)
            os.close(fd)
            fd = child
            if not same:
                os.close(fd)
                return None
        return fd

    def _same_file(self, folder: int, name: str, fd: int) -> bool:
        """Whether `fd` is the file `name` in the (link-free) folder: the file was opened by its
        whole path, and a folder on that path swapped for a link meanwhile would lead elsewhere."""
        try:
            there = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except OSError:
            return False
        opened = os.fstat(fd)
        return (there.st_dev, there.st_ino) == (opened.st_dev, opened.st_ino)

    def read(self, name: str) -> bytes | None:
        if not self.enabled:
            return None
        folder = self._open_folder(create=False)
        if folder is None:
            return None
        try:
            fd = os.open(self.path / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            os.close(folder)
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY or not self._same_file(folder, name, fd):
                return None
            chunks = []
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks)
        except OSError:
            return None
        finally:
            os.close(fd)
            os.close(folder)

    def write(self, name: str, data: bytes) -> None:
        """Replace the entry `name` atomically; failures are ignored (a cache only saves time)."""
        if not self.writable:
            return
        folder = self._open_folder(create=True)
        if folder is None:
            return
        temp = f".{name}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
        created = False
        try:
            fd = os.open(self.path / temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            created = True
            try:
                if not self._same_file(folder, temp, fd):
                    raise OSError("the cache folder moved")
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.rename(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
            self.writes += 1
        except OSError:
            if created:  # ours, wherever it ended up
                try:
                    os.unlink(self.path / temp)
                except OSError:
                    pass
        finally:
            os.close(folder)
