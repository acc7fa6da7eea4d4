"""What one `sdkgen generate` means: the command line, else the config file, else the working folder.

Precedence, setting by setting: a flag given on the command line, then `sdkgen.yaml`, then the
default (the one OpenAPI file in the working folder; `generated/` beside it).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from ..errors import Place, SpecError
from ..pipeline import shown_path
from .config_file import FILE_NAME, ConfigFile, belongs_to, find_config, read_config

# The file names a spec is looked for under in the working folder, when nothing names one.
SPEC_NAMES = ("openapi.yaml", "openapi.yml", "openapi.json")
DEFAULT_OUT = "generated"


@dataclass(frozen=True)
class Given:
    """The command line's settings: None (or empty) where the flag was not given."""

    spec: Path | None
    out: Path | None
    config: Path | None
    overlays: tuple[Path, ...]
    skip_validation: bool
    targets: tuple[str, ...]


@dataclass(frozen=True)
class Invocation:
    spec: Path
    out: Path
    config: ConfigFile | None
    overlays: tuple[Path, ...]
    skip_validation: bool
    regenerate: str


def resolve(given: Given, cwd: Path) -> Invocation:
    config = _config(given, cwd)
    spec = given.spec or (config.spec if config is not None else None) or _default_spec(cwd)
    out = given.out or (config.out if config is not None else None) or Path(DEFAULT_OUT)
    overlays = (config.overlays if config is not None else ()) + given.overlays
    skip = given.skip_validation or bool(config is not None and config.skip_validation)
    regenerate = config.regenerate if config is not None and config.regenerate else regenerate_command(given)
    return Invocation(spec, out, config, overlays, skip, regenerate)


def _config(given: Given, cwd: Path) -> ConfigFile | None:
    path = find_config(given.config, given.spec, cwd)
    if path is None:
        return None
    config = read_config(path, shown_path(path))
    in_working_folder = given.config is None and (given.spec is None or path.parent != given.spec.parent)
    if in_working_folder and given.spec is not None and not belongs_to(config, given.spec):
        return None  # the working folder's config is about another spec
    return config


def _default_spec(cwd: Path) -> Path:
    found = [name for name in SPEC_NAMES if (cwd / name).is_file()]
    if len(found) == 1:
        return Path(found[0])
    if found:
        raise SpecError(f"both {' and '.join(found)} are here: say which with --spec FILE (or `spec:` in {FILE_NAME})", Place("."))
    raise SpecError(
        f"no spec to read: pass --spec FILE, write `spec: FILE` in {FILE_NAME}, or name the spec "
        f"{SPEC_NAMES[0]} in this folder",
        Place("."),
    )


def regenerate_command(given: Given) -> str:
    """The command that was run, as a reader of a generated file would type it again: the flags
    that decide the output, in one fixed order (so two spellings of one command agree)."""
    words = ["sdkgen", "generate"]
    for flag, value in (("--config", given.config), ("--spec", given.spec), ("--out", given.out)):
        if value is not None:
            words += [flag, str(value)]
    for overlay in given.overlays:
        words += ["--overlay", str(overlay)]
    for target in given.targets:
        words += ["--target", target]
    if given.skip_validation:
        words.append("--skip-validation")
    return shlex.join(words)
