"""Stage 1: read a spec file into plain Python data (dicts, lists, scalars), or refuse it clearly.

The file is read whole, within MAX_FILE_BYTES, as UTF-8. Text that starts with `{` goes through the
json module (`json_text`); everything else, and JSON with tabs, through libyaml's events
(`yaml_events`, the YAML 1.2 core schema). Both refuse hostile input at the line where it happens;
the limits are in `limits`, the line lookup for later messages in `lines`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from ..errors import Place, SpecError
from .json_text import NOT_JSON, parse_json
from .limits import MAX_FILE_BYTES
from .lines import file_stamp, remember_lines
from .yaml_events import YamlBuilder


# ---- reading --------------------------------------------------------------------------------------


def read_text(path: Path, shown: str) -> str:
    """The file's text: refused when missing, not a regular file, unreadable, too big or not UTF-8."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SpecError("no such file", Place(shown)) from None
    except OSError as exc:
        raise SpecError(f"cannot read the file: {exc.strerror}", Place(shown)) from None
    if stat.S_ISDIR(info.st_mode):
        raise SpecError("is a directory, not a spec file", Place(shown))
    if not stat.S_ISREG(info.st_mode):
        raise SpecError("not a regular file (a device, pipe or socket?)", Place(shown))
    if info.st_size > MAX_FILE_BYTES:
        raise SpecError(
            f"the file is {info.st_size / 2**20:.0f} MiB; sdkgen reads specs up to "
            f"{MAX_FILE_BYTES // 2**20} MiB",
            Place(shown),
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise SpecError("is a directory, not a spec file", Place(shown)) from None
    except OSError as exc:
        raise SpecError(f"cannot read the file: {exc.strerror}", Place(shown)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SpecError(f"the file is over {MAX_FILE_BYTES // 2**20} MiB", Place(shown))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SpecError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start} cannot be decoded)",
            Place(shown, line=line),
        ) from None


# ---- parsing --------------------------------------------------------------------------------------


def parse_text(text: str, shown: str) -> Any:
    """Parse YAML or JSON text; a syntax error names the line."""
    return _parsed(text, shown)[0]


def _parsed(text: str, shown: str) -> tuple[Any, YamlBuilder | None]:
    """The data, and the YAML builder that made it (None for JSON)."""
    if not text.strip():
        raise SpecError("the file is empty", Place(shown))
    if text.lstrip().startswith("{"):
        data = parse_json(text, shown)
        if data is not NOT_JSON:
            return data, None
    builder = YamlBuilder(text, shown)
    return builder.build(), builder


# ---- files ----------------------------------------------------------------------------------------


def load_file(path: Path, shown: str) -> Any:
    """The data of the spec file at `path` (named `shown` in messages). The lines of a YAML file's
    nodes are kept for its messages (`lines.remember_lines`), marked with the file's state as read."""
    stamp = file_stamp(path)
    data, builder = _parsed(read_text(path, shown), shown)
    if builder is not None and stamp is not None:
        remember_lines(path, stamp, builder.loaded_lines(data))
    return data


__all__ = ["load_file", "parse_text", "read_text"]
