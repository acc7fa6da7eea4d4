"""The validator's settings modules without pydantic-settings.

openapi-spec-validator and openapi-schema-validator each read a few settings from the environment
through pydantic-settings, whose import (with pydantic's) is 0.15-0.2 s: about half of the
validator's import, which is on the critical path of a run after an edit (the validation process
starts it after the spec is read). `install` puts stand-ins in their place before the validator is
imported, each only for the library version whose settings module it mirrors and only for settings
it reads exactly as the library would; otherwise the library imports its own.

- openapi-spec-validator 0.9.0: `OPENAPI_SPEC_VALIDATOR_RESOLVED_CACHE_MAXSIZE` (an integer of 0 or
  more, else 128) and `..._SCHEMA_VALIDATOR_BACKEND` (auto, jsonschema or jsonschema-rs, else auto
  with a warning); the library's own validators never refuse a value.
- openapi-schema-validator 0.9.0: `OPENAPI_SCHEMA_VALIDATOR_COMPILED_VALIDATOR_CACHE_MAX_SIZE`, 128
  unless set; when it is set (the library validates it with pydantic) its own module is used.

Names are matched in any case, as pydantic-settings matches them.
"""

from __future__ import annotations

import os
import sys
import types
import warnings
from functools import lru_cache
from typing import Any, Callable

from ..identity import library_version

MIRRORED = "0.9.0"  # of both libraries
SPEC_PREFIX = "OPENAPI_SPEC_VALIDATOR_"
SCHEMA_PREFIX = "OPENAPI_SCHEMA_VALIDATOR_"
RESOLVED_CACHE_MAXSIZE_DEFAULT = 128
SCHEMA_VALIDATOR_BACKEND_DEFAULT = "auto"
SCHEMA_VALIDATOR_BACKEND_ALLOWED = {"auto", "jsonschema", "jsonschema-rs"}
COMPILED_VALIDATOR_CACHE_MAX_SIZE_DEFAULT = 128
_INVALID_BACKEND = (
    "Invalid value for OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND. "
    "Expected one of: auto, jsonschema, jsonschema-rs. Falling back to auto."
)


def _environment(name: str) -> str | None:
    # As pydantic-settings reads it: every name lowercased, the last of equal ones kept.
    return {key.lower(): value for key, value in os.environ.items()}.get(name.lower())


def _cache_maxsize(value: str | None) -> int:
    try:
        parsed = int(value) if value is not None else -1
    except ValueError:
        return RESOLVED_CACHE_MAXSIZE_DEFAULT
    return parsed if parsed >= 0 else RESOLVED_CACHE_MAXSIZE_DEFAULT


def _backend(value: str | None) -> str:
    if value is None:
        return SCHEMA_VALIDATOR_BACKEND_DEFAULT
    normalized = value.strip().lower()
    if normalized in SCHEMA_VALIDATOR_BACKEND_ALLOWED:
        return normalized
    warnings.warn(_INVALID_BACKEND, UserWarning, stacklevel=2)
    return SCHEMA_VALIDATOR_BACKEND_DEFAULT


class OpenAPISpecValidatorSettings:
    """openapi-spec-validator's two settings, read from the environment when made (as its class is)."""

    def __init__(self) -> None:
        self.resolved_cache_maxsize = _cache_maxsize(_environment(SPEC_PREFIX + "RESOLVED_CACHE_MAXSIZE"))
        self.schema_validator_backend = _backend(_environment(SPEC_PREFIX + "SCHEMA_VALIDATOR_BACKEND"))


def get_resolved_cache_maxsize() -> int:
    return OpenAPISpecValidatorSettings().resolved_cache_maxsize


def get_schema_validator_backend() -> str:
    return OpenAPISpecValidatorSettings().schema_validator_backend


class OpenAPISchemaValidatorSettings:
    """openapi-schema-validator's one setting at its default (installed only when it is not set)."""

    def __init__(self) -> None:
        self.compiled_validator_cache_max_size = COMPILED_VALIDATOR_CACHE_MAX_SIZE_DEFAULT


@lru_cache(maxsize=1)
def get_settings() -> OpenAPISchemaValidatorSettings:
    return OpenAPISchemaValidatorSettings()


def reset_settings_cache() -> None:
    get_settings.cache_clear()


def _schema_setting_unset() -> bool:
    return _environment(SCHEMA_PREFIX + "COMPILED_VALIDATOR_CACHE_MAX_SIZE") is None


# module -> (distribution, when the stand-in reads the settings as the library would, its attributes)
_STAND_INS: dict[str, tuple[str, Callable[[], bool], dict[str, Any]]] = {
    "openapi_spec_validator.settings": ("openapi-spec-validator", lambda: True, {
        "ENV_PREFIX": SPEC_PREFIX,
        "RESOLVED_CACHE_MAXSIZE_DEFAULT": RESOLVED_CACHE_MAXSIZE_DEFAULT,
        "SCHEMA_VALIDATOR_BACKEND_DEFAULT": SCHEMA_VALIDATOR_BACKEND_DEFAULT,
        "SCHEMA_VALIDATOR_BACKEND_ALLOWED": SCHEMA_VALIDATOR_BACKEND_ALLOWED,
        "OpenAPISpecValidatorSettings": OpenAPISpecValidatorSettings,
        "get_resolved_cache_maxsize": get_resolved_cache_maxsize,
        "get_schema_validator_backend": get_schema_validator_backend,
    }),
    "openapi_schema_validator.settings": ("openapi-schema-validator", _schema_setting_unset, {
        "OpenAPISchemaValidatorSettings": OpenAPISchemaValidatorSettings,
        "get_settings": get_settings,
        "reset_settings_cache": reset_settings_cache,
    }),
}


def install() -> list[str]:
    """The stand-ins that apply, put in place of the libraries' settings modules (none imported
    yet); the modules replaced."""
    installed = []
    for module, (distribution, applies, attributes) in _STAND_INS.items():
        if module in sys.modules or not applies() or library_version(distribution) != MIRRORED:
            continue
        stand_in = types.ModuleType(module, f"sdkgen's stand-in for {distribution} {MIRRORED}'s settings")
        stand_in.__dict__.update(attributes)
        sys.modules[module] = stand_in
        installed.append(module)
    return installed


__all__ = ["install", "MIRRORED", "OpenAPISpecValidatorSettings", "OpenAPISchemaValidatorSettings"]
