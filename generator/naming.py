"""Names: spec text -> valid, unique Python identifiers, decided in one place.

Every name the generator emits comes from here. Case conversion is pure; uniqueness is settled by
`resolve`, which sees every claim on a namespace before deciding any, so the outcome depends on the set
of names in the spec, never on the order in which the generator met them.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

PYTHON_KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) - {"_"}
PYTHON_BUILTINS = frozenset(dir(builtins))

_CHUNK = re.compile(r"[A-Za-z0-9]+")
# Split "chatKit" and "HTTPServer" at their case changes, but keep digits with their word ("v1", "4o").
_CASE_CHANGE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def ascii_fold(text: str) -> str:
    """Latin letters lose their accents; other non-ASCII characters become `uXXXX` words."""
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if ch.isascii():
            out.append(ch)
        elif unicodedata.combining(ch):
            continue
        elif ch.isalnum():
            out.append(f" u{ord(ch):04x} ")
        else:
            out.append(" ")
    return "".join(out)


def words(text: str) -> list[str]:
    """"ChatKitConfiguration" -> [Chat, Kit, Configuration]; "max_per_1_min" -> [max, per, 1, min]."""
    return [
        word
        for chunk in _CHUNK.findall(ascii_fold(text))
        for word in _CASE_CHANGE.split(chunk)
        if word
    ]


def snake(text: str) -> str:
    return "_".join(w.lower() for w in words(text))


def pascal(text: str) -> str:
    return "".join(w[0].upper() + w[1:] for w in words(text))


def upper_snake(text: str) -> str:
    return snake(text).upper()


def _finish(name: str, fallback: str, prefix: str) -> str:
    if not name:
        return fallback
    if name[0].isdigit():
        return prefix + name
    return name


def snake_identifier(text: str, fallback: str = "field", digit_prefix: str = "field_") -> str:
    """A snake_case identifier, keywords and all: callers append `_` through `Namespace`."""
    return _finish(snake(text), fallback, digit_prefix)


def pascal_identifier(text: str, fallback: str = "Model", digit_prefix: str = "Model") -> str:
    return _finish(pascal(text), fallback, digit_prefix)


def is_identifier(text: str) -> bool:
    return text.isidentifier() and text.isascii() and not keyword.iskeyword(text)


def singular(word: str) -> str:
    """English singular of a resource name: threads -> thread, policies -> policy."""
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


@dataclass(frozen=True)
class Claim:
    """One thing that needs a name in a namespace.

    `key` identifies the thing (stable across runs, e.g. its JSON pointer); `candidates` are acceptable
    names, best first; a lower `priority` is served first.
    """

    key: str
    candidates: tuple[str, ...]
    priority: int = 0


def resolve(
    claims: Iterable[Claim],
    reserved: Iterable[str] = (),
    fold: Callable[[str], str] = lambda s: s,
    avoid: Callable[[str], bool] = lambda s: False,
) -> dict[str, str]:
    """Give every claim a distinct name.

    Claims are served in the order (priority, first candidate, key): a contested name goes to the same
    claim whatever order the spec lists things in. A claim takes its first free candidate; when all are
    taken it takes its first candidate with the smallest free number appended (`Name2`, `name_2`).
    `fold` says which names count as the same (e.g. case-insensitively); `avoid` rejects a name outright.
    """
    taken = {fold(name) for name in reserved}
    out: dict[str, str] = {}
    # The next number to try after each base: every smaller one was taken when last tried, and
    # names are only ever added, so n claims on one name cost n tries, not n squared.
    numbers: dict[str, int] = {}
    for claim in sorted(claims, key=lambda c: (c.priority, c.candidates[0], c.key)):
        if claim.key in out:
            continue
        name = next((c for c in claim.candidates if fold(c) not in taken and not avoid(c)), None)
        if name is None:
            base = claim.candidates[0]
            sep = "_" if base.endswith(tuple("0123456789")) or "_" in base else ""
            n = numbers.get(base, 2)
            while fold(f"{base}{sep}{n}") in taken or avoid(f"{base}{sep}{n}"):
                n += 1
            numbers[base] = n + 1
            name = f"{base}{sep}{n}"
        taken.add(fold(name))
        out[claim.key] = name
    return out


def public_identifier(name: str, fallback: str) -> str:
    """`name` (an identifier) without the leading underscores that would make it private.

    What follows `_` may be a character no name can start with (a combining accent, a digit):
    then it stays behind `fallback_`.
    """
    stripped = name.lstrip("_")
    if stripped.isidentifier():
        return stripped
    return f"{fallback}_{stripped}" if stripped else fallback


def with_trailing_underscore(name: str, reserved: frozenset[str] | set[str]) -> str:
    """`class` -> `class_`: the usual Python spelling of a reserved word used as a name."""
    while name in reserved or keyword.iskeyword(name):
        name += "_"
    return name
