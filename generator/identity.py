"""What sdkgen's output depends on besides its inputs: its own files (modules, templates, runtimes),
the versions of the libraries it runs and Python's. A cache keyed on an input must be keyed on this
too: a changed check or template must not answer from an entry an older sdkgen made."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from .output.outdir import plain_file_bytes
from .spec.limits import MAX_FILE_BYTES

# The libraries whose behaviour reaches the output or its warnings.
LIBRARIES = ("black", "jinja2", "pyyaml", "openapi-spec-validator", "jsonschema-rs", "jsonpath-rfc9535")
PACKAGE = Path(__file__).resolve().parent


def file_digest(path: Path) -> str | None:
    """The digest of a plain file (links followed, as the loader follows them); None for anything
    else (a FIFO, a device, a folder: the full run refuses those with its own message)."""
    data = plain_file_bytes(str(path), MAX_FILE_BYTES, follow_links=True)
    return None if data is None or len(data) > MAX_FILE_BYTES else hashlib.sha256(data).hexdigest()


_VERSION_LINE = re.compile(r"^Version: *(\S+)", re.MULTILINE)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@lru_cache(maxsize=1)
def _dist_infos() -> dict[str, Path]:
    """Each installed distribution's `.dist-info` folder by normalised name, the first on `sys.path`
    winning as it does for importlib.metadata (whose import, with the e-mail package's, would be a
    tenth of a no-op run)."""
    found: dict[str, Path] = {}
    for entry in sys.path:
        folder = Path(entry or ".")
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                found.setdefault(_normal(name[: -len(".dist-info")].rpartition("-")[0]), folder / name)
    return found


def _metadata(name: str) -> str | None:
    folder = _dist_infos().get(_normal(name))
    if folder is not None:
        try:
            return (folder / "METADATA").read_text(encoding="utf-8", errors="replace")
        except OSError:
            pass
    from importlib.metadata import PackageNotFoundError, distribution  # an egg, a zip, ...

    try:
        return distribution(name).read_text("METADATA")
    except PackageNotFoundError:
        return None


def library_version(name: str) -> str:
    """An installed distribution's version ("-": none), read from its metadata's `Version:` line
    (`importlib.metadata.version` parses the whole file with the e-mail parser)."""
    found = _VERSION_LINE.search(_metadata(name) or "")
    return found.group(1) if found else "-"


@lru_cache(maxsize=1)
def code_identity() -> bytes:
    """The digest of sdkgen's own files and what it runs on (read once a process)."""
    digest = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        digest.update(f"{name} {library_version(name)}\0".encode())
    for root in (PACKAGE, (PACKAGE / "templates").resolve()):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = Path(folder) / name
                digest.update(f"{path.relative_to(root)}\0{file_digest(path)}\0".encode())
    return digest.digest()
