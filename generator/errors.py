"""Diagnostics: every message names the spec file and the place in it.

A `SpecError` stops the run (exit status 2, nothing written). A `Warning` is collected and printed,
and the run goes on with a sound, wider fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .chars import escape_char


def printable(text: str) -> str:
    """`text` for one line of a terminal: control characters, line breaks and invisible format
    characters (bidi overrides among them) from the spec are shown as escapes, never acted on."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == "\u200d":  # a zero-width joiner only joins emoji
            out.append(ch)
        else:
            out.append(escape_char(ch))
    return "".join(out)


@dataclass(frozen=True)
class Place:
    """Where a diagnostic points: a file (as the user named it), a JSON pointer, maybe a line."""

    file: str
    pointer: str = ""
    line: int | None = None

    def __str__(self) -> str:
        file = printable(self.file)
        where = file if self.line is None else f"{file}:{self.line}"
        return f"{where}: {printable(self.pointer)}" if self.pointer else where


class SpecError(Exception):
    """Bad input: reported as one line, exit status 2."""

    def __init__(self, message: str, place: Place | None = None, more: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.place = place
        self.more = more or []

    def __str__(self) -> str:
        message = printable(self.message)
        head = f"{self.place}: {message}" if self.place else message
        return "\n".join([head, *(printable(line) for line in self.more)])


@dataclass(frozen=True)
class Warning:
    message: str
    place: Place

    def __str__(self) -> str:
        return f"warning: {self.place}: {printable(self.message)}"


@dataclass
class Diagnostics:
    """Warnings gathered across stages, reported together at the end of a run."""

    warnings: list[Warning] = field(default_factory=list)

    def warn(self, message: str, place: Place) -> None:
        self.warnings.append(Warning(message, place))


__all__ = ["printable", "Place", "SpecError", "Warning", "Diagnostics"]
