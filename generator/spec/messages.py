"""A failed `oneOf` / `anyOf` of the OpenAPI schema, said in the words of the spec's author.

The validator's message for such a failure prints the whole node and says it "is not valid under
any of the schemas listed". The node is checked again against the same part of the OpenAPI schema
with jsonschema (only on this error path: it is slower than the Rust backend), whose errors carry
their `context`: the errors of each branch. The branch the node was meant to be is chosen (not one
ruled out by a single-value key such as `in: path`, not the `$ref` branch when the node has no
`$ref`; then the one with the fewest errors), descended into while it is itself a `oneOf`/`anyOf`,
and its error is said as what to change: the keyword at fault, the value expected, the count found.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Optional

from jsonschema.exceptions import ValidationError, relevance  # type: ignore[import-untyped]
from jsonschema.validators import validator_for  # type: ignore[import-untyped]

_BRANCHING = ("oneOf", "anyOf")
MAX_DEPTH = 32
# Keywords of the 3.1 Schema Object (JSON Schema 2020-12) that a 3.0 Schema Object does not have.
_NOT_IN_30 = {
    "const": "use a one-value `enum`",
    "examples": "use `example`",
    "$defs": "put shared schemas under `components/schemas`",
    "prefixItems": None,
    "if": None,
    "then": None,
    "else": None,
    "dependentRequired": None,
    "dependentSchemas": None,
    "unevaluatedProperties": None,
    "unevaluatedItems": None,
    "contentMediaType": None,
    "contentEncoding": None,
    "$schema": None,
    "$id": None,
    "$anchor": None,
    "$comment": "use `description`",
}
_LISTS = frozenset("parameters servers tags security allOf anyOf oneOf prefixItems enum required".split())
_NOUNS = {"content": ("media type", "media types"), "parameters": ("parameter", "parameters")}


def _short(value: Any, limit: int = 40) -> str:
    """A value from the spec, as JSON, cut short (the message printer escapes what is not printable)."""
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 3] + "..."


@lru_cache(maxsize=2)
def _root(version: str) -> Any:
    from openapi_spec_validator import schemas

    meta = schemas.schema_v31 if version == "3.1" else schemas.schema_v30
    return validator_for(meta)(meta)


def _schema_at(root: Any, path: list[Any]) -> Any:
    node = root.schema
    for token in path:
        if isinstance(node, dict) and token == "$ref" and isinstance(node.get("$ref"), str):
            node = root._resolver.lookup(node["$ref"]).contents
        elif isinstance(node, dict):
            node = node[token]
        else:
            node = node[int(token)]
    return node


def _single(schema: Any) -> tuple[bool, Any]:
    """(True, v) when `schema` allows one value only (`const: v`, `enum: [v]`)."""
    if isinstance(schema, dict):
        if "const" in schema:
            return True, schema["const"]
        if isinstance(schema.get("enum"), list) and len(schema["enum"]) == 1:
            return True, schema["enum"][0]
    return False, None


def _branch_schema(parent: ValidationError, index: Any) -> Any:
    branches = parent.validator_value
    try:
        return branches[int(index)]
    except (TypeError, ValueError, IndexError, KeyError):
        return None


def _ruled_out(errors: list[ValidationError], instance: Any) -> bool:
    for error in errors:
        path = list(error.path)
        if error.validator == "required" and "'$ref'" in error.message and not (isinstance(instance, dict) and "$ref" in instance):
            return True  # the Reference branch, for a node that is not a reference
        if error.validator in ("enum", "const") and len(path) == 1 and _single(error.schema)[0]:
            return True  # a discriminating key (`in: query`) with another value
    return False


def _choose(error: ValidationError, instance: Any) -> tuple[Optional[ValidationError], Any]:
    """The error to report inside a failed oneOf/anyOf, and the branch schema it came from."""
    by_branch: dict[Any, list[ValidationError]] = {}
    for sub in error.context or []:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    if not by_branch:
        return None, None
    candidates = {k: v for k, v in by_branch.items() if not _ruled_out(v, instance)}
    if not candidates:
        return _no_branch_fits(error, by_branch), None
    alone = [v[0] for v in candidates.values() if len(v) == 1]
    if len(candidates) > 1 and len(alone) == len(candidates) and all(e.validator == "required" and not e.path for e in alone):
        names = [name for e in alone for name in e.validator_value if name not in (error.instance or {})]
        either = ValidationError("", validator="required", validator_value=names, instance=error.instance, schema={"anyOf": names})
        either.parent = error
        return either, None  # `schema` or `content`: one of them is missing
    branch = min(candidates, key=lambda k: (len(candidates[k]), -max(len(e.path) for e in candidates[k]), str(k)))
    chosen = max(candidates[branch], key=relevance)
    return chosen, _branch_schema(error, branch)


def _no_branch_fits(error: ValidationError, by_branch: dict[Any, list[ValidationError]]) -> ValidationError:
    """Every branch wants another value of one key (`in: body`): an `enum` error listing them all."""
    values: list[Any] = []
    keys = set()
    for errors in by_branch.values():
        for sub in errors:
            if sub.validator in ("enum", "const") and len(sub.path) == 1 and _single(sub.schema)[0]:
                keys.add(sub.path[0])
                values.append(_single(sub.schema)[1])
    if len(keys) == 1 and values:
        key = next(iter(keys))
        value = error.instance.get(key) if isinstance(error.instance, dict) else None
        merged = ValidationError("", validator="enum", validator_value=values, instance=value, schema={"enum": values}, path=[key])
        merged.parent = error
        return merged
    return max(error.context, key=relevance)


def _qualifier(branch: Any, instance: Any) -> str:
    """'path' for a branch that says `in: path` when the node says so too."""
    if not isinstance(branch, dict) or not isinstance(instance, dict):
        return ""
    for key, schema in (branch.get("properties") or {}).items():
        single, value = _single(schema)
        if single and isinstance(value, str) and instance.get(key) == value and key != "type":
            return value
    return ""


def _subject(tokens: list[str], instance: Any, qualifier: str) -> str:
    noun = "this node"
    if len(tokens) >= 2 and tokens[-1].isdigit() and tokens[-2] in _LISTS:
        container = tokens[-2]
        noun = _NOUNS.get(container, (container.rstrip("s"), container))[0]
        if isinstance(instance, dict) and isinstance(instance.get("name"), str):
            noun = f"{noun} '{_short(instance['name'])}'"
    elif len(tokens) >= 2:
        noun = f"{tokens[-2][:-1] if tokens[-2].endswith('s') else tokens[-2]} '{_short(tokens[-1])}'"
    return f"{qualifier} {noun}" if qualifier else noun


def _say(error: ValidationError, subject: str, version: str, key: str) -> tuple[str, list[str]]:
    """(message, pointer tokens below the error's node) for a leaf error."""
    kind, value, schema, instance = error.validator, error.validator_value, error.schema, error.instance
    if kind == "required" and isinstance(instance, dict):
        missing = next((name for name in value if name not in instance), None)
        if missing is not None and "anyOf" in schema:
            return f"{subject} must have " + " or ".join(f"`{_short(name)}`" for name in value), []
        if missing is not None:
            single, expected = _single((schema.get("properties") or {}).get(missing))
            if single:
                return f"{subject} must have `{missing}: {json.dumps(expected)}`", []
            return f"{subject} is missing `{missing}`", []
    if kind in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        known = set(schema.get("properties") or {})
        extra = sorted(k for k in instance if k not in known and not str(k).startswith("x-"))
        if extra:
            name = str(extra[0])
            if version == "3.0" and name in _NOT_IN_30:
                hint = _NOT_IN_30[name]
                return f"`{_short(name)}` is not allowed in OpenAPI 3.0" + (f" ({hint})" if hint else ""), [name]
            return f"`{_short(name)}` is not allowed here (only `x-` extensions may be added)", [name]
    if kind in ("maxProperties", "minProperties", "maxItems", "minItems") and isinstance(instance, (dict, list)):
        low = schema.get("minProperties", schema.get("minItems"))
        high = schema.get("maxProperties", schema.get("maxItems"))
        one, many = _NOUNS.get(key, ("entry", "entries"))
        if low == high:
            count = f"exactly {'one' if low == 1 else low} {one if low == 1 else many}"
        else:
            count = f"at most {high} {one if high == 1 else many}" if kind.startswith("max") else f"at least {low} {one if low == 1 else many}"
        return f"`{_short(key)}` must have {count}, found {len(instance)}", []
    if kind in ("enum", "const"):
        allowed = value if kind == "enum" else [value]
        options = ", ".join(_short(v, 20) for v in allowed[:8]) + (", ..." if len(allowed) > 8 else "")
        return f"`{_short(key)}` must be {'one of ' if len(allowed) > 1 else ''}{options}, not {_short(instance)}", []
    if kind == "type":
        wanted = " or ".join(value) if isinstance(value, list) else value
        return f"`{_short(key)}` must be of type {wanted}, not {_short(instance)}", []
    message = " ".join(str(error.message).split())
    return (message if len(message) <= 160 else message[:157] + "..."), []


def explain(version: str, schema_path: list[Any], instance: Any, tokens: list[str]) -> Optional[tuple[list[str], str]]:
    """(pointer tokens of the place at fault, message) for a failed oneOf/anyOf at `schema_path`
    of the OpenAPI schema, `instance` being the node at `tokens`; None when it cannot tell."""
    conditional = len(schema_path) >= 2 and schema_path[-2:] == ["then", "required"]
    if not schema_path or (schema_path[-1] not in _BRANCHING and not conditional):
        return None
    try:
        root = _root(version)
        parent = _schema_at(root, schema_path[:-1])
        wanted = ("required",) if conditional else _BRANCHING
        errors = [e for e in root.evolve(schema=parent).iter_errors(instance) if e.validator in wanted]
        # `if: {in: path}, then: {required: [required]}`: the `if` says which kind of node this is.
        branch: Any = _schema_at(root, schema_path[:-2]).get("if") if conditional else None
    except Exception:  # the schema path did not lead where expected: keep the validator's message
        return None
    if not errors:
        return None
    error = errors[0]
    owner: tuple[list[str], Any] = (list(tokens), instance)  # the node the chosen branch is about
    for _ in range(MAX_DEPTH):
        if error.validator not in _BRANCHING:
            break
        chosen, chosen_branch = _choose(error, error.instance)
        if chosen is None:
            return None
        branch, owner = chosen_branch, ([*tokens, *(str(t) for t in error.absolute_path)], error.instance)
        error = chosen
    place = [*tokens, *(str(t) for t in error.absolute_path)]
    subject = _subject(owner[0], owner[1], _qualifier(branch, owner[1]))
    message, below = _say(error, subject, version, place[-1] if place else "")
    return [*place, *below], message
