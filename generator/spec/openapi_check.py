"""The spec against the OpenAPI 3.0 / 3.1 schema, with messages a person can act on.

openapi-spec-validator does the checking. It is given the bundled document with every `$ref` already
checked to resolve locally, and no handlers for files or URLs, so it can open nothing. Its exceptions
(raw jsonschema errors, and the odd RecursionError or TypeError on strange input) are translated into
one line each that names the place. `validate` imports this module only when a verdict is not in its
cache: the validator's import is most of a small run's start-up.
"""

from __future__ import annotations

import json
import os
import re
from collections import deque
from functools import lru_cache
from typing import Any, Iterator

from .validate import VALIDATOR_ENV_DEFAULTS

for _name, _value in VALIDATOR_ENV_DEFAULTS.items():  # users' own settings win
    os.environ.setdefault(_name, _value)

from .validator_settings import install as _install_settings

_install_settings()  # before the validator's import: its settings without pydantic-settings

from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
from openapi_spec_validator.validation import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from pathable.accessors import SubscriptableAccessor

from ..errors import Place
from .document import Spec
from .messages import explain
from .pointers import join_pointer
from .walk import schema_nodes



def _subnode_of_plain_values() -> None:
    """The library's every step into the document asks `isinstance(node, Subscriptable)` of a typing
    Protocol, which Python 3.11 answers by walking the protocol's members each time: a fifth of the
    validation of a big spec. The bundled document holds plain dicts and lists, which are
    subscriptable: they are stepped into directly, anything else as the library does."""
    library_step = SubscriptableAccessor._get_subnode.__func__  # type: ignore[attr-defined]

    def step(cls: Any, node: Any, part: Any) -> Any:
        if type(node) is dict or type(node) is list:
            try:
                return node[part]
            except (KeyError, IndexError, TypeError) as exc:
                raise KeyError(part) from exc
        return library_step(cls, node, part)

    SubscriptableAccessor._get_subnode = classmethod(step)  # type: ignore[method-assign, assignment]


_subnode_of_plain_values()


def _located(base: Any, kind: str) -> Any:
    """A keyword validator whose errors remember the document path of the schema being checked.

    openapi-spec-validator reports schema problems relative to the schema it was looking at; this
    records where that schema is, so the message can name the place in the spec.
    """

    class Located(base):  # type: ignore[misc]
        def __call__(self, schema: Any, *args: Any, **kwargs: Any) -> Iterator[ValidationError]:
            for error in super().__call__(schema, *args, **kwargs):
                if not isinstance(error, OpenAPIValidationError):
                    # The library re-wraps plain jsonschema errors later, dropping our note.
                    error = OpenAPIValidationError.create_from(error)
                if getattr(error, "sdkgen_at", None) is None:
                    error.sdkgen_at = (tuple(str(p) for p in schema.parts), kind)
                yield error

    return Located


@lru_cache(maxsize=1)
def rust_meta_checker() -> Any:
    """jsonschema-rs compiled against the OpenAPI 3.1 schema dialect, or None if unavailable.

    openapi-spec-validator checks every schema in the spec against that dialect with the pure
    Python jsonschema, which is most of its time on a big spec; the same check in Rust takes
    milliseconds and finds the same problems.
    """
    try:
        import jsonschema_rs
        from openapi_schema_validator.validators import OPENAPI_SPECIFICATIONS, OAS31Validator  # type: ignore[attr-defined]
    except ImportError:
        return None
    resources = [(uri, OPENAPI_SPECIFICATIONS.contents(uri)) for uri in OPENAPI_SPECIFICATIONS if "spec.openapis.org/oas/3.1" in uri]
    registry = jsonschema_rs.Registry(resources)
    return jsonschema_rs.Draft202012Validator(OAS31Validator.META_SCHEMA, registry=registry, validate_formats=False)


def _fast_meta(base: Any) -> Any:
    """The 3.1 schema keyword validator, meta-checking schemas in the default dialect with Rust."""

    class FastMeta(base):  # type: ignore[misc]
        def _validate_schema_meta(self, schema: Any, schema_value: Any) -> Any:
            checker = rust_meta_checker()
            if checker is None or not isinstance(schema_value, dict) or "$schema" in schema_value:
                return super()._validate_schema_meta(schema, schema_value)
            for error in checker.iter_errors(schema_value):
                return OpenAPIValidationError(error.message, path=deque(error.instance_path))
            return None

    return FastMeta


class _IdRegistry(set[int]):
    """The list the library appends schema ids to and asks `in` of, as a set."""

    def append(self, ident: int) -> None:
        self.add(ident)


def _cycle_safe(base: Any) -> Any:
    """The schema keyword validator with a `_collect_properties` that remembers where it has been, and
    its registries of visited schemas as sets.

    The library's follows allOf/anyOf/oneOf/items/not through `$ref`s with no memory, so a valid
    cycle that passes through an object (A: {properties, anyOf: [B]}, B: {allOf: [A]}) recursed
    until Python's stack ran out, and the spec was refused as too deep.
    """

    class CycleSafe(base):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # The library keeps the ids of the schemas it has visited and meta-checked in lists and
            # asks `in` of them once per schema: quadratic in the schemas of the spec (five copies of
            # a spec took 18 times one's time). Same answers, one hash lookup each.
            self.visited_schema_ids = _IdRegistry()
            self.meta_checked_schema_ids = _IdRegistry()

        def _collect_properties(self, schema: Any, seen: set[int] | None = None) -> set[str]:
            seen = set() if seen is None else seen
            value = schema.read_value()
            if id(value) in seen or not isinstance(value, dict):
                return set()
            seen.add(id(value))
            found: set[str] = set()
            if "properties" in schema:
                found.update(str(key) for key in (schema / "properties").keys())
            for keyword in ("allOf", "anyOf", "oneOf"):
                if keyword in schema:
                    for sub in schema / keyword:
                        found.update(self._collect_properties(sub, seen))
            for keyword in ("items", "not"):
                if keyword in schema:
                    found.update(self._collect_properties(schema / keyword, seen))
            return found

    return CycleSafe


def _offline(base: Any) -> Any:
    """The validator with no way to open files or URLs, and located schema errors."""
    validators = dict(base.keyword_validators)
    schema_validator = validators["schema"]
    if base is OpenAPIV31SpecValidator:
        schema_validator = _fast_meta(schema_validator)
    validators["schema"] = _located(_cycle_safe(schema_validator), "schema")
    validators["default"] = _located(validators["default"], "default")
    return type(f"Offline{base.__name__}", (base,), {"resolver_handlers": {}, "keyword_validators": validators})


_Offline30 = _offline(OpenAPIV30SpecValidator)
_Offline31 = _offline(OpenAPIV31SpecValidator)


def _pointer(path: deque[Any] | list[Any]) -> str:
    return join_pointer("#", *[str(p) for p in path])


# YAML 1.1 booleans, which YAML 1.2 (and so sdkgen's loader) reads as strings.
_YAML11_BOOLEANS = frozenset("yes Yes YES no No NO on On ON off Off OFF y Y n N".split())


_NOT_BOOLEAN = re.compile(r"""^["'](\w+)["'] is not of type ["']boolean["']""")


def _message(error: ValidationError) -> str:
    # The first paragraph: the Rust backend appends the schema path and the instance after it.
    message = str(error.message).split("\n\n")[0]
    if len(message) > 300:
        message = message[:297] + "..."
    match = _NOT_BOOLEAN.match(message)
    if match and match.group(1) in _YAML11_BOOLEANS:
        message += " (OpenAPI YAML is YAML 1.2, where yes/no/on/off are strings: write true or false)"
    return " ".join(message.split())


def problems(spec: Spec) -> Iterator[tuple[str, str]]:
    """(JSON pointer, message) for each way the spec breaks the OpenAPI schema."""
    found_at: set[str] = set()
    for ptr, message in _validator_problems(spec):
        found_at.add(spec.canonical(ptr))  # the validator may name it through a $ref
        yield ptr, message
    yield from _own_checks(spec, found_at)


def _validator_problems(spec: Spec) -> Iterator[tuple[str, str]]:
    validator_class = _Offline31 if spec.version == "3.1" else _Offline30
    reported = 0
    try:
        validator = validator_class(spec.document)
        for error in validator.iter_errors():
            reported += 1
            located = getattr(error, "sdkgen_at", None)
            if located is None:
                explained = _explained(error, spec)
                if explained is not None:
                    yield explained
                else:
                    yield _at_key(_pointer(error.absolute_path), _message(error), spec), _message(error)
                continue
            base, kind = located
            if kind == "default":
                yield _pointer([*base, "default", *error.absolute_path]), f"the default does not fit the schema: {_message(error)}"
            else:
                yield _pointer([*base, *error.absolute_path]), _message(error)
    except RecursionError:
        yield "#", "the spec nests too deeply to validate"
    except Exception as exc:  # the validator's own crash on odd input: report, never a traceback
        if not reported:  # after real errors, a crash is only their echo (it met the same bad node)
            yield "#", f"the validator could not read the spec ({type(exc).__name__}: {exc})"


def _explained(error: ValidationError, spec: Spec) -> tuple[str, str] | None:
    """A failed oneOf/anyOf of the OpenAPI schema, said as the keyword or value at fault."""
    tokens = [str(t) for t in error.absolute_path]
    try:
        instance = spec.node_at(_pointer(tokens))
    except KeyError:
        instance = error.instance
    found = explain(spec.version, list(error.schema_path), instance, tokens)
    return None if found is None else (join_pointer("#", *found[0]), found[1])


# "Unevaluated/Additional properties are not allowed ('x' was unexpected)": point at the key itself.
_UNEXPECTED = re.compile(r"properties are not allowed \('((?:[^'\\]|\\.)*)'")


# '"Bad Name" does not match "^[a-zA-Z0-9._-]+$"' on a map: a key that breaks `propertyNames`.
_BAD_KEY = re.compile(r'^("(?:[^"\\]|\\.)*") does not match ')


def _at_key(ptr: str, message: str, spec: Spec) -> str:
    match = _UNEXPECTED.search(message)
    name = match.group(1) if match else None
    if name is None and (bad := _BAD_KEY.match(message)):
        try:
            name = json.loads(bad.group(1))
        except ValueError:
            name = None
    if not isinstance(name, str):
        return ptr
    key = join_pointer(ptr, name)
    try:
        spec.node_at(key)
    except KeyError:
        return ptr
    return key


def _own_checks(spec: Spec, found_at: set[str]) -> Iterator[tuple[str, str]]:
    """What the OpenAPI schemas let through (or the validator stopped before: it reports one
    problem per schema) but a generator cannot take at face value."""
    for ptr, schema in schema_nodes(spec.document):
        required = schema.get("required")
        if isinstance(required, list) and join_pointer(ptr, "required") not in found_at:
            seen: set[str] = set()
            for index, name in enumerate(required):
                if isinstance(name, str) and name in seen:
                    yield join_pointer(ptr, "required", index), f"{name!r} is listed twice in `required`"
                elif isinstance(name, str):
                    seen.add(name)


# A default that does not fit its schema is a warning, not an error: JSON Schema recommends that a
# default be valid against its schema but does not require it, and many real specs have one (`default:
# 'true'` on a boolean, `default: null` on an object that is not nullable).
_WARNINGS = ("the default does not fit the schema: ",)


def checked(spec: Spec) -> list[tuple[Place, str, bool]]:
    """(place, message, whether it is only a warning) for each way the spec breaks the OpenAPI schema,
    with what bundling straightened (`Spec.bent`, errors) after the validator's own problems."""
    found = list(problems(spec))
    places = spec.places([ptr for ptr, _ in found])
    return [(place, message, message.startswith(_WARNINGS)) for place, (_, message) in zip(places, found)] + [
        (place, message, False) for place, message in spec.bent
    ]


def validation_errors(spec: Spec) -> list[tuple[Place, str]]:
    """The problems that refuse the spec in strict mode (`checked` less its warnings)."""
    return [(place, message) for place, message, warning in checked(spec) if not warning]


__all__ = ["problems", "checked", "validation_errors", "rust_meta_checker"]
