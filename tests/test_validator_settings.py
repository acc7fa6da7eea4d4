"""The validator's settings read without pydantic-settings (generator/spec/validator_settings.py):
the same values as the libraries' own modules, and those modules whenever the stand-in cannot say."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from generator.spec import validator_settings
from generator.spec.validator_settings import OpenAPISpecValidatorSettings

ROOT = Path(__file__).resolve().parent.parent

# Values of the two openapi-spec-validator settings, each as the library's own class reads it.
CASES = [
    {},
    {"OPENAPI_SPEC_VALIDATOR_RESOLVED_CACHE_MAXSIZE": "4096", "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": "jsonschema-rs"},
    {"OPENAPI_SPEC_VALIDATOR_RESOLVED_CACHE_MAXSIZE": "-3", "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": " JSONSchema "},
    {"OPENAPI_SPEC_VALIDATOR_RESOLVED_CACHE_MAXSIZE": "lots", "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": "rust"},
    {"openapi_spec_validator_resolved_cache_maxsize": "0", "Openapi_Spec_Validator_Schema_Validator_Backend": "auto"},
    {"OPENAPI_SPEC_VALIDATOR_RESOLVED_CACHE_MAXSIZE": " 12 ", "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": ""},
]


def _clean_environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("OPENAPI_SPEC_VALIDATOR_", "OPENAPI_SCHEMA_VALIDATOR_"))}
    return env | extra


def _library_reads(env: dict[str, str]) -> list[object]:
    """What the library's own settings module reads, in a process where nothing replaced it."""
    code = (
        "import json, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "from openapi_spec_validator.settings import OpenAPISpecValidatorSettings as S\n"
        "s = S(); print(json.dumps([s.resolved_cache_maxsize, s.schema_validator_backend]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


@pytest.mark.parametrize("case", CASES, ids=[str(i) for i in range(len(CASES))])
def test_the_stand_in_reads_what_the_library_reads(case: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    env = _clean_environment(case)
    for name in list(os.environ):
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = OpenAPISpecValidatorSettings()
    assert [ours.resolved_cache_maxsize, ours.schema_validator_backend] == _library_reads(env)


def test_a_bad_backend_warns_as_the_library_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND", "rust")
    with pytest.warns(UserWarning, match="Falling back to auto"):
        assert OpenAPISpecValidatorSettings().schema_validator_backend == "auto"


# Two problems the validator finds: a keyword the schema object does not have, a default that does not fit.
BROKEN_SPEC = """\
openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: n, in: query, schema: {type: integer, default: "x"}}
      responses:
        "200": {description: ok, wrong: 1}
"""


def _imports_after_validation(env: dict[str, str], spec: Path) -> dict[str, object]:
    """In a fresh process: validate a small spec, then say which settings modules ran and what was found."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from generator.spec.refs import open_spec\n"
        "from generator.spec.openapi_check import checked\n"
        "spec = open_spec(Path(sys.argv[1]), 'spec.yaml')\n"
        "found = [message for _, message, _ in checked(spec)]\n"
        "import openapi_spec_validator.settings as a, openapi_schema_validator.settings as b\n"
        "print(json.dumps({'pydantic': 'pydantic_settings' in sys.modules, 'spec': a.__doc__, 'schema': b.__doc__, 'found': found}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(spec)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_validation_runs_without_pydantic_settings_and_finds_the_same(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(BROKEN_SPEC)
    stand_in = _imports_after_validation(_clean_environment({}), spec)
    assert len(stand_in["found"]) == 2  # type: ignore[arg-type]
    assert stand_in["pydantic"] is False
    assert "stand-in" in str(stand_in["spec"]) and "stand-in" in str(stand_in["schema"])
    # A setting the stand-in does not read: the library's own module, and the same verdict.
    library = _imports_after_validation(_clean_environment({"OPENAPI_SCHEMA_VALIDATOR_COMPILED_VALIDATOR_CACHE_MAX_SIZE": "64"}), spec)
    assert library["pydantic"] is True
    assert "stand-in" not in str(library["schema"])
    assert "stand-in" in str(library["spec"])
    assert library["found"] == stand_in["found"]


def test_another_library_version_keeps_its_own_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    modules = list(validator_settings._STAND_INS)
    saved = {module: sys.modules.pop(module) for module in modules if module in sys.modules}
    try:
        monkeypatch.setattr(validator_settings, "library_version", lambda name: "0.9.1")
        assert validator_settings.install() == []
        monkeypatch.setattr(validator_settings, "library_version", lambda name: validator_settings.MIRRORED)
        assert validator_settings.install() == modules
        assert validator_settings.install() == []  # in place already
    finally:
        for module in modules:
            sys.modules.pop(module, None)
        sys.modules.update(saved)
