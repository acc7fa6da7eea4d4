"""`sdkgen.yaml`: the generator's settings beside a spec the user does not edit.

    spec: openapi.yaml              # paths are relative to this file's folder
    out: generated
    overlays: [fixes.overlay.yaml]  # OpenAPI Overlays, applied in order before anything reads the spec
    regenerate: make generate       # the command generated headers and messages name
    skip-validation: false
    # Everything `x-sdkgen` holds at the spec's top level (generator/ir/config.py):
    package-name: acme
    client: {api-key-env: ACME_API_KEY}
    targets: [python, java]
    java: {package: com.acme}
    # Per operation, by `METHOD /path` or operationId: what `x-sdkgen` holds on an operation.
    operations:
      POST /chat/completions: {resource: chat.completions, method: create}
      listModels: {method: list}
    # Per schema, by JSON pointer: what `x-sdkgen` holds on a schema.
    schemas:
      "#/components/schemas/Thing": {name: Widget}

The file is read with the same loader (and strictness) as a spec. Its run settings are checked here;
the rest is handed to `apply.py`, which puts it where `x-sdkgen` would be, so that one reader
(generator/ir/config.py) checks both and its messages point into this file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Place, SpecError
from ..ir.config import TOP_KEYS, target_names
from ..spec.lines import lines_of
from ..spec.loader import load_file
from ..spec.pointers import join_pointer

FILE_NAME = "sdkgen.yaml"

RUN_KEYS = ("spec", "out", "overlays", "regenerate", "skip-validation")
# What the spec's top-level `x-sdkgen` may hold (generator/ir/config.py checks each value).
SETTING_KEYS = (*sorted(TOP_KEYS), "targets")
ENTRY_KEYS = ("operations", "schemas")


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    shown: str
    spec: Path | None = None
    out: Path | None = None
    overlays: tuple[Path, ...] = ()
    regenerate: str | None = None
    skip_validation: bool | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # top-level x-sdkgen settings
    operations: dict[str, Any] = field(default_factory=dict)  # by `METHOD /path` or operationId
    schemas: dict[str, Any] = field(default_factory=dict)  # by JSON pointer

    def place(self, ptr: str) -> Place:
        return Place(self.shown, ptr, lines_of(self.path, [ptr]).get(ptr))

    def error(self, message: str, ptr: str) -> SpecError:
        return SpecError(message, self.place(ptr))


def find_config(explicit: Path | None, spec: Path | None, cwd: Path) -> Path | None:
    """The config file to read: `--config`, else `sdkgen.yaml` beside `--spec`, else in the working
    folder (when it names no other spec: see `belongs_to`)."""
    if explicit is not None:
        return explicit
    if spec is not None and (spec.parent / FILE_NAME).is_file():
        return spec.parent / FILE_NAME
    if (cwd / FILE_NAME).is_file():
        return Path(FILE_NAME) if cwd.resolve() == Path.cwd().resolve() else cwd / FILE_NAME
    return None


def read_config(path: Path, shown: str) -> ConfigFile:
    data = load_file(path, shown)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SpecError(f"{FILE_NAME} must be a mapping of settings", Place(shown, "#", 1))
    draft = ConfigFile(path, shown)
    known = (*RUN_KEYS, *SETTING_KEYS, *target_names(), *ENTRY_KEYS)
    for key in data:
        if key not in known:
            raise draft.error(f"unknown setting {key!r} (known: {', '.join(sorted(known))})", join_pointer("#", str(key)))
    folder = path.parent
    return ConfigFile(
        path=path,
        shown=shown,
        spec=_path(draft, data, "spec", folder),
        out=_path(draft, data, "out", folder),
        overlays=_paths(draft, data, "overlays", folder),
        regenerate=_text(draft, data, "regenerate"),
        skip_validation=_flag(draft, data, "skip-validation"),
        settings={key: data[key] for key in (*SETTING_KEYS, *target_names()) if key in data},
        operations=_entries(draft, data, "operations"),
        schemas=_entries(draft, data, "schemas"),
    )


def _text(config: ConfigFile, data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise config.error(f"{key} must be a non-empty string", join_pointer("#", key))
    if "\n" in value or "\r" in value:
        raise config.error(f"{key} must be one line", join_pointer("#", key))
    return value


def _path(config: ConfigFile, data: dict[str, Any], key: str, folder: Path) -> Path | None:
    text = _text(config, data, key)
    return None if text is None else _beside(folder, text)


def _paths(config: ConfigFile, data: dict[str, Any], key: str, folder: Path) -> tuple[Path, ...]:
    value = data.get(key)
    if value is None:
        return ()
    ptr = join_pointer("#", key)
    if not isinstance(value, list):
        raise config.error(f"{key} must be a list of file paths", ptr)
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise config.error(f"each of {key} must be a file path", join_pointer(ptr, index))
    return tuple(_beside(folder, item) for item in value)


def _beside(folder: Path, text: str) -> Path:
    """A path written in the config file, which is relative to the file's folder."""
    return Path(os.path.normpath(folder / text))


def _flag(config: ConfigFile, data: dict[str, Any], key: str) -> bool | None:
    value = data.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise config.error(f"{key} must be true or false", join_pointer("#", key))


def _entries(config: ConfigFile, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    ptr = join_pointer("#", key)
    if not isinstance(value, dict):
        raise config.error(f"{key} must be a mapping", ptr)
    for name, entry in value.items():
        if not isinstance(entry, dict):
            raise config.error(f"{key} entries must be mappings of settings", join_pointer(ptr, str(name)))
    return value


def belongs_to(config: ConfigFile, spec: Path) -> bool:
    """Whether a config file found in the working folder speaks about `spec` (it names no spec, or
    this one): a config for another spec would name operations this one does not have."""
    if config.spec is None:
        return True
    try:
        return config.spec.resolve() == spec.resolve()
    except OSError:
        return False
