"""Files for multipart uploads, in the shape httpx sends."""

from __future__ import annotations

import os
import pathlib
from typing import IO, List, Mapping, Optional, Tuple, Union, cast

from ._types import FileContent, FileTypes, Omit, is_list

__all__ = ["HttpxFile", "MultipartFiles", "to_httpx_files"]

HttpxFile = Tuple[Optional[str], Union[bytes, IO[bytes]], Optional[str]]


class MultipartFiles(List[Tuple[str, HttpxFile]]):
    """httpx sends a form as multipart only when it has files: this list claims it does, even empty."""

    def __bool__(self) -> bool:
        return True


def to_httpx_files(
    files: Optional[Mapping[str, object]],
) -> MultipartFiles:
    """(field, file) pairs; a list of files under one field name becomes one pair per file."""
    pairs = MultipartFiles()
    for field, value in (files or {}).items():
        if isinstance(value, Omit) or value is None:
            continue
        for file in value if is_list(value) else [value]:
            pairs.append((field, _to_httpx_file(field, cast(FileTypes, file))))
    return pairs


def _to_httpx_file(field: str, file: FileTypes) -> HttpxFile:
    filename: Optional[str] = None
    content_type: Optional[str] = None
    if isinstance(file, tuple):
        filename, content = file[0], file[1]
        if len(file) == 3:
            content_type = file[2]
    else:
        content = file
    data, default_name = _read(content)
    # Without a filename most servers take the part for a plain form field, not a file.
    return (filename or default_name or field, data, content_type)


def _read(content: FileContent) -> Tuple[Union[bytes, IO[bytes]], Optional[str]]:
    if isinstance(content, os.PathLike):
        path = pathlib.Path(content)
        return path.read_bytes(), path.name
    if isinstance(content, (bytes, bytearray)):
        return bytes(content), None
    # An open file: httpx rewinds it before each attempt, so retries resend all of it.
    name = getattr(content, "name", None)
    return content, os.path.basename(name) if isinstance(name, str) else None
