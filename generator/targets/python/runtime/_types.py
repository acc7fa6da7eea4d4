"""Sentinels and type aliases shared by the runtime and the generated resources."""

from __future__ import annotations

import os
from typing import IO, Any, Dict, List, Mapping, Optional, Tuple, Union

import httpx
from typing_extensions import Literal, TypeAlias, TypeGuard


class Omit:
    """An argument that was not given: it is left out of the request.

    `None` is a value ("send null"); `omit` is the absence of one.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Omit)

    def __hash__(self) -> int:
        return hash(Omit)

    def __repr__(self) -> str:
        return "omit"


omit = Omit()


class NotGiven:
    """A request option (`timeout`, `max_retries`) left at the client's setting."""

    def __bool__(self) -> Literal[False]:
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NotGiven)

    def __hash__(self) -> int:
        return hash(NotGiven)

    def __repr__(self) -> str:
        return "not_given"


not_given = NotGiven()

Headers: TypeAlias = Mapping[str, Union[str, Omit]]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = object

# `None` disables the timeout; a float is the total seconds for each phase.
Timeout: TypeAlias = Union[float, httpx.Timeout, None]

FileContent: TypeAlias = Union[IO[bytes], bytes, os.PathLike[str]]
FileTypes: TypeAlias = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
]


# `isinstance` for decoded JSON and a caller's data, as type checkers read it: the values are
# `object` (checked where they are used), the keys whatever the mapping holds.
def is_mapping(value: object) -> TypeGuard[Mapping[Any, object]]:
    return isinstance(value, Mapping)


def is_dict(value: object) -> TypeGuard[Dict[Any, object]]:
    return isinstance(value, dict)


def is_list(value: object) -> TypeGuard[List[object]]:
    return isinstance(value, list)
