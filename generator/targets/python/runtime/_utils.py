"""Turning the arguments of a call into the parts of an HTTP request."""

from __future__ import annotations

import datetime
import enum
import re
from typing import (
    Any,
    Dict,
    Iterable,
    List,
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    Union,
    cast,
)
from urllib.parse import quote

import pydantic

from ._types import Omit, is_dict, is_list, is_mapping

__all__ = [
    "encode_path",
    "flatten_form",
    "is_json_content_type",
    "merge_headers",
    "serialize_query",
    "strip_omitted",
    "to_jsonable",
    "to_wire_string",
]

_V = TypeVar("_V")

_PATH_PARAM = re.compile(r"\{([^{}]+)\}")


def strip_omitted(values: Optional[Mapping[str, _V]]) -> Dict[str, _V]:
    """A copy without the entries whose value is `omit` (`None` stays: it means null)."""
    if values is None:
        return {}
    return {key: value for key, value in values.items() if not isinstance(value, Omit)}


def merge_headers(*layers: Mapping[str, Union[str, Omit, None]]) -> Dict[str, str]:
    """Later layers win, names compared case-insensitively; `omit`/`None` removes a header."""
    merged: Dict[str, Tuple[str, Union[str, Omit, None]]] = {}
    for layer in layers:
        for name, value in layer.items():
            merged[name.lower()] = (name, value)
    return {name: value for name, value in merged.values() if isinstance(value, str)}


def is_json_content_type(content_type: Optional[str]) -> bool:
    """None (the default) or a JSON media type: `application/json`, `application/merge-patch+json`."""
    if content_type is None:
        return True
    media_type = content_type.split(";")[0].strip().lower()
    return media_type.endswith(("/json", "+json"))


def encode_path(template: str, params: Optional[Mapping[str, object]]) -> str:
    """`/threads/{thread_id}` with each parameter percent-encoded as one path segment.

    `/`, `?`, `#` and `%` in a value are encoded, so a value never reaches another path or the
    query; an empty value and the segments `.` and `..` are refused with a `ValueError`.
    """
    params = params or {}

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise ValueError(f"Missing path parameter `{name}` for {template}")
        value = params[name]
        text = "" if value is None else to_wire_string(value)
        if not text:
            raise ValueError(
                f"Expected a non-empty value for `{name}` but received {value!r}"
            )
        if text in (".", ".."):
            # Percent-encoding does not help: many servers decode `%2E%2E` and then walk up.
            raise ValueError(
                f"Expected a value for `{name}` other than {text!r}: a path segment "
                "of only dots would change which URL is requested"
            )
        return quote(text, safe="")

    return _PATH_PARAM.sub(substitute, template)


def to_wire_string(value: object) -> str:
    """A scalar as it is written in a path, a query string or a form field."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return to_wire_string(value.value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value)


def to_jsonable(value: object) -> Any:
    """`value` made of JSON types only: models by alias, dates in ISO 8601, any iterable a list."""
    if isinstance(value, Omit):
        return None
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if is_mapping(value):
        return {
            str(key): to_jsonable(item)
            for key, item in value.items()
            if not isinstance(item, Omit)
        }
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8")
    if isinstance(value, Iterable):
        return [to_jsonable(item) for item in cast("Iterable[object]", value)]
    return value


_DELIMITERS = {
    "form_no_explode": ",",
    "space_delimited": " ",
    "pipe_delimited": "|",
}


def serialize_query(
    query: Mapping[str, object], styles: Optional[Mapping[str, str]] = None
) -> List[Tuple[str, str]]:
    """The query as (name, value) pairs, each parameter in its OpenAPI style (default: form, exploded)."""
    pairs: List[Tuple[str, str]] = []
    for name, value in query.items():
        value = to_jsonable(value)
        if value is None:
            continue
        style = (styles or {}).get(name, "form")
        if style == "deep_object":
            pairs.extend(_deep_object(name, value))
        elif is_list(value):
            items = [to_wire_string(item) for item in value if item is not None]
            if style in _DELIMITERS:
                pairs.append((name, _DELIMITERS[style].join(items)))
            else:
                pairs.extend((name, item) for item in items)
        elif is_dict(value):
            fields = [(k, to_wire_string(v)) for k, v in value.items() if v is not None]
            if style == "form":
                pairs.extend(fields)
            else:
                flat = [part for field in fields for part in field]
                pairs.append((name, _DELIMITERS.get(style, ",").join(flat)))
        else:
            pairs.append((name, to_wire_string(value)))
    return pairs


def _deep_object(prefix: str, value: object) -> List[Tuple[str, str]]:
    if value is None:
        return []
    if is_dict(value):
        return [
            pair
            for key, item in value.items()
            for pair in _deep_object(f"{prefix}[{key}]", item)
        ]
    if is_list(value):
        return [pair for item in value for pair in _deep_object(prefix, item)]
    return [(prefix, to_wire_string(value))]


def flatten_form(fields: Mapping[str, object]) -> List[Tuple[str, str]]:
    """Form fields (urlencoded or multipart): nested objects as `a[b]`, arrays as repeated fields."""
    return [
        pair
        for name, value in to_jsonable(fields).items()
        for pair in _deep_object(name, value)
    ]
