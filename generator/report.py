"""What `sdkgen generate` prints when a run has finished: its warnings, sorted by file and line, and
one summary line (or, with `--check`, what is stale and the command that refreshes it)."""

from __future__ import annotations

import sys

import click

from .errors import Warning
from .pipeline import Options, Result


def sorted_warnings(warnings: list[Warning]) -> list[Warning]:
    """By file, then line (a warning with no line first in its file), then pointer and text: the
    order of the files a user reads, whatever order the stages found them in."""
    return sorted(
        warnings,
        key=lambda w: (w.place.file, w.place.line is not None, w.place.line or 0, w.place.pointer, w.message),
    )


def report(result: Result, options: Options, check: bool, quiet: bool, elapsed: float) -> None:
    if not quiet:
        for warning in sorted_warnings(result.diagnostics.warnings):
            click.echo(str(warning), err=True)
    count = len(result.diagnostics.warnings)
    changes = result.changes
    out = options.out
    if check:
        if changes.any:
            click.echo(f"sdkgen: {out} is stale ({len(changes.lines())} file(s)); run `{options.regenerate}`:", err=quiet)
            for line in changes.lines():
                click.echo(f"  {line}", err=quiet)
            sys.exit(1)
        if not quiet:
            click.echo(f"sdkgen: {out} is up to date ({count} warning(s))")
        return
    if quiet:
        return
    written = len(changes.added) + len(changes.modified)
    click.echo(
        f"sdkgen: {result.file_count} files in {out}: {written} written, "
        f"{len(changes.removed)} removed, {changes.unchanged} unchanged; "
        f"{count} warning(s); {elapsed:.2f} s"
    )
