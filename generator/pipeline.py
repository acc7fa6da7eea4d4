"""The whole run, stage after stage: load -> validate -> IR -> render -> format -> write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .output import writer
from .errors import Diagnostics, Place, SpecError, Warning
from .spec.lines import lines_of
from .spec.refs import open_spec
from .spec.document import Spec
from .spec.limits import MAX_SHOWN

if TYPE_CHECKING:
    from .ir import model as ir
    from .targets import Target

# The later stages (validator, IR, templates, black) are imported when a spec has been read: a spec
# refused while loading is refused without paying for their imports.


@dataclass
class Options:
    spec: Path
    out: Path
    check: bool = False
    skip_validation: bool = False
    use_cache: bool = True
    targets: tuple[str, ...] | None = None  # None: the ones the spec asks for (`x-sdkgen.targets`)
    overlays: tuple[Path, ...] = ()  # Overlay 1.0 files, applied in order (`spec/overlay.py`)


@dataclass
class Result:
    changes: writer.Changes
    diagnostics: Diagnostics
    files: dict[str, str] = field(default_factory=dict)


def shown_path(path: Path) -> str:
    """The spec path as the user would recognise it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside it; a symlink loop (the loader says so)
        return str(path)


def _refuse(problems: list[tuple[Place, str]]) -> SpecError:
    lines = [f"{place}: {message}" for place, message in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(f"... and {len(problems) - MAX_SHOWN} more")
    lines.append(
        f"{len(problems)} validation error(s); fix the spec, or generate anyway with --skip-validation"
    )
    first_place, first_message = problems[0]
    return SpecError(first_message, first_place, more=lines[1:])


def build_files(options: Options, diagnostics: Diagnostics) -> dict[str, str]:
    """Everything up to, not including, writing: the formatted output files.

    Validation runs beside the IR, render and format stages (see `PendingValidation`); its answer
    is awaited before anything is returned, and when the spec is invalid its problems are what the
    user hears about, even if a later stage tripped over the same problem first.
    """
    overlays = tuple((path, shown_path(path)) for path in options.overlays)
    spec = open_spec(options.spec, shown_path(options.spec), overlays, diagnostics.warn)
    from .ir.build import build_api
    from .spec.validate import PendingValidation
    from .targets import load

    pending = PendingValidation(spec, use_cache=options.use_cache, read_only=options.check)
    try:
        api = build_api(spec, diagnostics)
        files = render_targets(api, [load(name) for name in options.targets or api.targets], options)
    except Exception as exc:
        problems = pending.result()
        if problems and not options.skip_validation:
            raise _refuse(problems) from None
        if isinstance(exc, SpecError):
            raise _located(spec, exc) from None
        raise
    except BaseException:  # Ctrl-C: do not leave the validation process behind
        pending.cancel()
        raise
    problems = pending.result()
    if problems and not options.skip_validation:
        raise _refuse(problems)
    for place, message in pending.every():  # the errors (with --skip-validation) and the warnings
        diagnostics.warn(f"spec validation: {message}", place)
    _add_lines(spec, diagnostics)
    return files


def render_targets(api: ir.Api, targets: list[Target], options: Options) -> dict[str, str]:
    """Every target's files, each formatted by its own target, and the docs of every target that has a
    docs view (the first one's in `docs/`, the others' in `docs/<target>/`)."""
    from .docs.stage import docs_files, docs_folders

    files: dict[str, str] = {}
    views = []
    for target in targets:
        rendered = target.render(api)
        files.update(rendered.files)
        if rendered.docs is not None:
            views.append((target.name, rendered.docs))
    for folder, (_, view) in zip(docs_folders([name for name, _ in views]), views):
        files.update(docs_files(api, view, folder))
    for target in targets:
        files = target.format(files, use_cache=options.use_cache, read_only=options.check)
    return files


def _files_by_shown_name(spec: Spec) -> dict[str, Path]:
    """Every file the spec was read from, by the name messages show for it."""
    return {spec.shown: spec.path, **{shown: path for shown, path, _ in spec.origins.values()}}


def _located(spec: Spec, error: SpecError) -> SpecError:
    """A refusal made without a line number (a target's, from a place kept in the IR), with its line."""
    place = error.place
    paths = _files_by_shown_name(spec)
    if place is None or place.line is not None or not place.pointer or place.file not in paths:
        return error
    line = lines_of(paths[place.file], [place.pointer]).get(place.pointer)
    return SpecError(error.message, Place(place.file, place.pointer, line), more=error.more)


def _add_lines(spec: Spec, diagnostics: Diagnostics) -> None:
    """Warnings are made without line numbers (cheap); look them all up at once for the report."""
    paths = _files_by_shown_name(spec)
    wanted: dict[Path, list[str]] = {}
    for warning in diagnostics.warnings:
        place = warning.place
        if place.line is None and place.pointer and place.file in paths:
            wanted.setdefault(paths[place.file], []).append(place.pointer)
    if not wanted:
        return
    lines = {(path, ptr): line for path, ptrs in wanted.items() for ptr, line in lines_of(path, ptrs).items()}
    diagnostics.warnings = [
        Warning(w.message, Place(w.place.file, w.place.pointer, lines.get((paths[w.place.file], w.place.pointer))))
        if w.place.line is None and w.place.file in paths
        else w
        for w in diagnostics.warnings
    ]


def run(options: Options) -> Result:
    diagnostics = Diagnostics()
    files = build_files(options, diagnostics)
    try:
        changes = writer.plan(options.out, files) if options.check else writer.write(options.out, files)
    except OSError as exc:  # what the writer did not already name: the folder cannot be written
        where = exc.filename if isinstance(exc.filename, str) else str(options.out)
        raise SpecError(f"cannot write the output folder: {exc.strerror or exc}", Place(where)) from None
    for path, message in changes.warnings:
        diagnostics.warn(message, Place(path))
    return Result(changes, diagnostics, files)
