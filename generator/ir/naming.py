"""Names as words, for every target: spec text -> words, case conversion, and settling collisions.

The IR names things by their words (`ir.Name`); each target's namer makes its own identifiers from
them with these helpers. Case conversion is pure; uniqueness is settled by `resolve`, which sees every
claim on a namespace before deciding any, so the outcome depends on the set of names in the spec,
never on the order in which the generator met them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

from .model import Name

_CHUNK = re.compile(r"[A-Za-z0-9]+")
# Split "webHook" and "HTTPServer" at their case changes, but keep digits with their word ("v1", "4o").
_CASE_CHANGE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def ascii_fold(text: str) -> str:
    """Latin letters lose their accents; other non-ASCII characters become `uXXXX` words."""
    if text.isascii():
        return text  # the common case: nothing to fold (NFKD leaves ASCII as it is)
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
    """"WebHookConfiguration" -> [Web, Hook, Configuration]; "max_per_1_min" -> [max, per, 1, min]."""
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
    names, best first; a lower `priority` is served first; of claims on the same first name, a lower
    `order` is served first (a shallower resource's, say), then the lower key.
    """

    key: str
    candidates: tuple[str, ...]
    priority: int = 0
    order: int = 0


def resolve(
    claims: Iterable[Claim],
    reserved: Iterable[str] = (),
    fold: Callable[[str], str] = lambda s: s,
    avoid: Callable[[str], bool] = lambda s: False,
) -> dict[str, str]:
    """Give every claim a distinct name.

    Claims are served in the order (priority, first candidate, order, key): a contested name goes to the same
    claim whatever order the spec lists things in. A claim takes its first free candidate; when all are
    taken it takes its first candidate with the smallest free number appended (`Name2`, `name_2`).
    `fold` says which names count as the same (e.g. case-insensitively); `avoid` rejects a name outright.
    """
    taken = {fold(name) for name in reserved}
    out: dict[str, str] = {}
    # The next number to try after each base: every smaller one was taken when last tried, and
    # names are only ever added, so n claims on one name cost n tries, not n squared.
    numbers: dict[str, int] = {}
    for claim in sorted(claims, key=lambda c: (c.priority, c.candidates[0], c.order, c.key)):
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




def name_of(text: str, lower: bool = False) -> Name:
    """The words of spec text (a key, a title, an operationId); `lower` for members, whose case
    carries no meaning (`Chat Kit` and `chat_kit` are one resource)."""
    found = words(text)
    return Name(tuple(w.lower() for w in found) if lower else tuple(found))
