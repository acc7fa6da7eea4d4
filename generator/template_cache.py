"""Compiled templates kept beside the generator's own compiled modules, as Python keeps `.pyc` files.

Compiling the templates (Jinja source -> Python -> code) is a fixed cost of every run, a fifth of a
small spec's time. Like `__pycache__`, the compiled form belongs to the installed program, not to any
spec: it lives in `generator/__pycache__/`, is keyed by each template's name and checked against its
source by Jinja (`Bucket` compares a checksum of the source and Jinja's own version), and is trusted
exactly as far as the package folder is. An entry is read or written only when that folder belongs to
the user running sdkgen and nobody else may write it; a read-only install simply compiles each run,
and so does a run under PYTHONDONTWRITEBYTECODE (entries already there are still read, as Python reads
`.pyc` files then).
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

FOLDER = Path(__file__).resolve().parent / "__pycache__" / f"templates-jinja-{jinja2.__version__}"


def _trusted(info: os.stat_result) -> bool:
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class PackageBytecodeCache(jinja2.BytecodeCache):
    def __init__(self, folder: Path = FOLDER) -> None:
        self.folder = folder

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def _folder_trusted(self) -> bool:
        try:
            return all(_trusted(os.stat(path, follow_symlinks=False)) for path in (self.folder.parent, self.folder))
        except OSError:
            return False

    def load_bytecode(self, bucket: Bucket) -> None:
        if not self._folder_trusted():
            return
        try:
            fd = os.open(self._path(bucket), os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and _trusted(info):
                bucket.load_bytecode(handle)  # a wrong version or checksum leaves the bucket empty

    def dump_bytecode(self, bucket: Bucket) -> None:
        if sys.dont_write_bytecode:  # PYTHONDONTWRITEBYTECODE: no compiled files written, as for modules
            return
        try:
            self.folder.mkdir(mode=0o755, exist_ok=True)
            if not self._folder_trusted():
                return
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                bucket.write_bytecode(handle)
            os.replace(temporary, self._path(bucket))
        except OSError:  # a read-only or full disk: compile again next time
            try:
                os.unlink(temporary)
            except (OSError, UnboundLocalError):
                pass
