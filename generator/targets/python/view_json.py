"""The types' views as JSON and back, for the memo (`generator/memo.py`): a lowered type is kept
between runs and reused when its definition and everything it reaches are unchanged."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from .views import AliasView, FieldView, KeyView, ModelView, TypedDictView

_CLASSES: dict[str, type] = {c.__name__: c for c in (AliasView, FieldView, KeyView, ModelView, TypedDictView)}
_TAG = "~"  # no view field has this name


def to_json(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {_TAG: type(value).__name__, **{f.name: to_json(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if value is None or isinstance(value, (str, bool)):
        return value
    raise TypeError(f"a view holds a {type(value).__name__}")


def from_json(data: Any) -> Any:
    """The view `to_json` made (TypeError or KeyError on anything it would not have made)."""
    if isinstance(data, dict):
        cls = _CLASSES[data[_TAG]]
        return cls(**{name: from_json(item) for name, item in data.items() if name != _TAG})
    if isinstance(data, list):
        return [from_json(item) for item in data]
    if data is None or isinstance(data, (str, bool)):
        return data
    raise TypeError(f"not a view: {type(data).__name__}")
