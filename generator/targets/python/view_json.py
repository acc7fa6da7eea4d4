"""The types' views as JSON and back, for the memo (`generator/memo.py`): a lowered type is kept
between runs and reused when its definition and everything it reaches are unchanged.

Each view is a list of its fields in order, behind the view's kind; a field view is a list too.
Decoding checks every value's type: what does not decode is computed again."""

from __future__ import annotations

from typing import Any

from .views import AliasView, FieldView, KeyView, ModelView, TypedDictView

ItemView = ModelView | AliasView | TypedDictView


def to_json(view: ItemView) -> list[Any]:
    if isinstance(view, ModelView):
        return ["model", view.name, view.doc, [[f.name, f.annotation, f.default, f.doc] for f in view.fields]]
    if isinstance(view, AliasView):
        return ["alias", view.name, view.annotation, view.doc, view.recursive, view.name_literal]
    keys = [[k.key, k.name, k.annotation, k.doc, k.note] for k in view.keys]
    return ["typed dict", view.name, view.doc, keys, view.functional, view.name_literal]


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value


def _lines(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise TypeError("not a list of lines")
    return [_text(line) for line in value]


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("not a flag")
    return value


def from_json(data: Any) -> ItemView:
    """The view `to_json` made (TypeError or ValueError on anything it would not have made)."""
    kind, *parts = data
    if kind == "model":
        name, doc, fields = parts
        return ModelView(_text(name), _lines(doc), [
            FieldView(_text(n), _text(a), None if d is None else _text(d), _lines(fd)) for n, a, d, fd in fields
        ])
    if kind == "alias":
        name, annotation, doc, recursive, literal = parts
        return AliasView(_text(name), _text(annotation), _lines(doc), _flag(recursive), _text(literal))
    if kind == "typed dict":
        name, doc, keys, functional, literal = parts
        return TypedDictView(_text(name), _lines(doc), [
            KeyView(_text(k), _text(n), _text(a), _lines(kd), _text(note)) for k, n, a, kd, note in keys
        ], _flag(functional), _text(literal))
    raise ValueError(f"not a view: {kind!r}")
