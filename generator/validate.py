"""Stage 3: the spec against the OpenAPI 3.0 / 3.1 schema, with messages a person can act on.

openapi-spec-validator does the checking. It is given the bundled document with every `$ref` already
checked to resolve locally, and no handlers for files or URLs, so it can open nothing. Its exceptions
(raw jsonschema errors, and the odd RecursionError or TypeError on strange input) are translated into
one line each that names the place.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Iterator

from jsonschema.exceptions import ValidationError
from openapi_spec_validator.validation import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from .errors import Place, join_pointer
from .spec import Spec

MAX_SHOWN = 20


class _Offline30(OpenAPIV30SpecValidator):
    resolver_handlers: dict[str, Any] = {}


class _Offline31(OpenAPIV31SpecValidator):
    resolver_handlers: dict[str, Any] = {}


def _pointer(path: deque[Any] | list[Any]) -> str:
    return join_pointer("#", *[str(p) for p in path])


def _message(error: ValidationError) -> str:
    message = error.message
    if len(message) > 300:
        message = message[:297] + "..."
    return " ".join(message.split())


def problems(spec: Spec) -> Iterator[tuple[str, str]]:
    """(JSON pointer, message) for each way the spec breaks the OpenAPI schema."""
    validator_class = _Offline31 if spec.version == "3.1" else _Offline30
    try:
        validator = validator_class(spec.document)
        for error in validator.iter_errors():
            yield _pointer(error.absolute_path), _message(error)
    except RecursionError:
        yield "#", "the spec nests too deeply to validate"
    except Exception as exc:  # the validator's own crash on odd input: report, never a traceback
        yield "#", f"the validator could not read the spec ({type(exc).__name__}: {exc})"


def validation_errors(spec: Spec) -> list[tuple[Place, str]]:
    return [(spec.place(ptr), message) for ptr, message in problems(spec)]
