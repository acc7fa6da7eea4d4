"""Response models and lenient parsing.

A response is validated against its declared type first. When that fails (a newer server sent an enum
value this package does not know, or left out a field the spec calls required) the value is built
without validation instead, so that nothing the server sent is lost and a 2xx response never fails to
parse.

A union member the server sent that matches no variant (a discriminator value this package does not
know, or an object no variant fits) becomes an `UnknownVariant`: never an instance of a known variant,
so `isinstance` checks stay truthful, and every field is kept (`.to_dict()`, attribute access).
"""

from __future__ import annotations

import collections.abc
import types
import typing
from typing import Any, Dict, ForwardRef, Mapping, Optional, Tuple, Union

import pydantic
import typing_extensions
from pydantic import ConfigDict
from typing_extensions import Annotated, get_args, get_origin

from ._types import is_list, is_mapping

__all__ = ["BaseModel", "UnknownVariant", "construct_type", "parse_response"]

# `X | Y` annotations (Python 3.10+) have their own origin; before 3.10.1 typing_extensions has its
# own Literal.
_UNION_ORIGINS = (Union, getattr(types, "UnionType", Union))
_LITERAL_ORIGINS = (typing.Literal, typing_extensions.Literal)
_LIST_ORIGINS = (list, collections.abc.Sequence)
_DICT_ORIGINS = (dict, collections.abc.Mapping)


class BaseModel(pydantic.BaseModel):
    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        # Building the validators of thousands of models at import time is slow: build on first use.
        defer_build=True,
        protected_namespaces=(),
        arbitrary_types_allowed=False,
    )

    # Leniently built values may not match their annotations: that is expected, not worth a warning.

    def to_dict(self) -> Dict[str, Any]:
        """The model as the JSON the server sent: wire names, unknown fields kept, unset fields left out."""
        return self.model_dump(
            mode="json", by_alias=True, exclude_unset=True, warnings=False
        )

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        return self.model_dump_json(
            indent=indent, by_alias=True, exclude_unset=True, warnings=False
        )


class UnknownVariant(BaseModel):
    """A union member that matched none of the union's variants, kept as the server sent it."""


# TypeAdapters are costly to build; most types are hashable, the rest are cached by identity (the entry
# keeps the type alive, so its id is not reused).
_adapters: Dict[Any, pydantic.TypeAdapter[Any]] = {}
_adapters_by_id: Dict[int, Tuple[Any, pydantic.TypeAdapter[Any]]] = {}


def _adapter(type_: Any) -> pydantic.TypeAdapter[Any]:
    try:
        adapter = _adapters.get(type_)
    except TypeError:
        entry = _adapters_by_id.get(id(type_))
        if entry is None:
            entry = (type_, pydantic.TypeAdapter(type_))
            _adapters_by_id[id(type_)] = entry
        return entry[1]
    if adapter is None:
        adapter = _adapters[type_] = pydantic.TypeAdapter(type_)
    return adapter


def parse_response(type_: Any, data: object) -> Any:
    """`data` (decoded JSON) as `type_`: validated if it can be, else constructed as it is."""
    if type_ is object or type_ is Any:
        return data
    try:
        return _adapter(type_).validate_python(data)
    except pydantic.ValidationError:
        return construct_type(type_, data)


def _validates(type_: Any, value: object) -> Tuple[bool, Any]:
    try:
        return True, _adapter(type_).validate_python(value)
    except pydantic.ValidationError:
        return False, None


def _is_model(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, pydantic.BaseModel)


def construct_type(
    type_: Any, value: object, *, discriminator: Optional[str] = None
) -> Any:
    """`value` as `type_` without failing: valid parts are validated, the rest kept as received.

    `discriminator`: the field name that tells a union's variants apart (pydantic's
    `Field(discriminator=...)`, also read from an `Annotated` type).
    """
    origin = get_origin(type_)
    if origin is Annotated:
        inner, *metadata = get_args(type_)
        tags = [getattr(m, "discriminator", None) for m in metadata]
        tag = next((t for t in tags if isinstance(t, str)), discriminator)
        return construct_type(inner, value, discriminator=tag)
    if value is None or type_ is object or type_ is Any or origin in _LITERAL_ORIGINS:
        # A Literal that did not validate is a value this package does not know yet: keep it.
        return value
    if isinstance(type_, (str, ForwardRef)):
        return value  # a reference that could not be resolved: nothing to build it with
    if origin in _UNION_ORIGINS:
        return _construct_union(get_args(type_), value, discriminator)
    if _is_model(type_):
        ok, model = _validates(type_, value)
        if ok:
            return model
        if is_mapping(value):
            return _construct_model(type_, value)
        return value
    if origin in _LIST_ORIGINS:
        args = get_args(type_)
        if not is_list(value) or not args:
            return value
        return [construct_type(args[0], item) for item in value]
    if origin in _DICT_ORIGINS:
        args = get_args(type_)
        if not is_mapping(value) or len(args) != 2:
            return value
        return {key: construct_type(args[1], item) for key, item in value.items()}
    ok, parsed = _validates(type_, value)
    return parsed if ok else value


def _fields(model: Any) -> Dict[str, Any]:
    # A TypeAdapter over a model builds its schema without completing the class itself, whose
    # fields then still hold forward references (to aliases defined further down the module).
    if not model.__pydantic_complete__:
        model.model_rebuild(raise_errors=False)
    fields: Dict[str, Any] = model.model_fields
    return fields


def _construct_model(model: Any, data: Mapping[str, object]) -> Any:
    values: Dict[str, object] = dict(data)
    for name, field in _fields(model).items():
        key = field.alias if field.alias is not None and field.alias in data else name
        if key in data:
            tag = field.discriminator if isinstance(field.discriminator, str) else None
            values[key] = construct_type(field.annotation, data[key], discriminator=tag)
    # model_construct maps aliases to field names and keeps unknown keys as extra fields.
    return model.model_construct(**values)


def _construct_union(
    variants: Tuple[Any, ...], value: object, discriminator: Optional[str]
) -> Any:
    for variant in variants:
        if variant is type(None):
            continue
        ok, parsed = _validates(variant, value)
        if ok:
            return parsed
    if is_mapping(value):
        models = [_unannotated(v) for v in variants if _is_model(_unannotated(v))]
        if models:
            if discriminator is not None:
                fits = [m for m in models if _tag_matches(m, discriminator, value)]
            else:
                fits = [m for m in models if _match_score(m, value) > 0]
            if not fits:
                return _unknown_variant(value)
            best = max(fits, key=lambda m: _match_score(m, value))
            return construct_type(best, value)
    for variant in variants:
        # A list of models, say: construct it through the first variant of the right shape.
        origin = get_origin(_unannotated(variant))
        if is_list(value) and origin in _LIST_ORIGINS:
            return construct_type(variant, value)
        if is_mapping(value) and origin in _DICT_ORIGINS:
            return construct_type(variant, value)
    return value


def _unknown_variant(data: Mapping[str, object]) -> UnknownVariant:
    # Built on first use (defer_build), so that it can serialize.
    _fields(UnknownVariant)
    values: Dict[str, Any] = {str(key): item for key, item in data.items()}
    return UnknownVariant.model_construct(**values)


def _tag_matches(model: Any, field_name: str, data: Mapping[str, object]) -> bool:
    """Whether `data`'s discriminator value is one of `model`'s (its Literal field)."""
    field = _fields(model).get(field_name)
    if field is None:
        return False
    key = field.alias if field.alias is not None and field.alias in data else field_name
    literal = _unannotated(field.annotation)
    if get_origin(literal) not in _LITERAL_ORIGINS:
        return False
    return data.get(key) in get_args(literal)


def _unannotated(type_: Any) -> Any:
    while get_origin(type_) is Annotated:
        type_ = get_args(type_)[0]
    return type_


def _match_score(model: Any, data: Mapping[str, object]) -> int:
    """How well `data` fits `model`: a matching Literal (a discriminator, usually) beats field names.

    -1 for a Literal field with another value (that variant cannot be it), 0 for no field in common.
    """
    score = 0
    for name, field in _fields(model).items():
        key = field.alias or name
        if key not in data:
            continue
        score += 1
        literal = _unannotated(field.annotation)
        if get_origin(literal) in _LITERAL_ORIGINS:
            if data[key] not in get_args(literal):
                return -1
            score += 100
    return score
