"""Results an earlier run computed, reused when everything they were computed from is the same.

A run that follows an edit of one schema renders the same files as the run before it, but one or two.
Steps that are pure functions of what they are given (lowering one type, rendering one module from its
view, building one docs page) record their result under a digest of everything they read, made by
their caller (`ir/digests.py` for IR parts, `digest` for views). The next run looks each one up before
doing the work. A step asked with a different input gets a different name, so an entry can never
stand for another input. The entries are one file per output folder, signed with the user's key
(`cache.py`) and marked with sdkgen's code identity (`identity.py`), so an entry written by anyone
else, or by another version of sdkgen, is not used (that version's file is replaced). What a run asked
for is what it writes back (entries it did not ask for are dropped), and only when it computed
something the memo did not have.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import json
import pickle
from pathlib import Path
from typing import Any, Callable, TypeVar

from .cache import Store, sign, signing_key, verify
from .errors import Place
from .identity import code_identity

FORMAT = b"sdkgen memo 2"
T = TypeVar("T")


class _Digester(pickle.Pickler):
    """Pickles for digests only: places without their line (an edit above a schema moves its lines
    without changing what is made of it; lines reach messages, never files), no memo of shared
    objects (the bytes depend on values only, not on which equal objects happen to be one)."""

    dispatch_table = {**copyreg.dispatch_table, Place: lambda p: (Place, (p.file, p.pointer, None))}

    def __init__(self, file: io.BytesIO):
        super().__init__(file, protocol=5)
        self.fast = True


def digest(*parts: object) -> str:
    """A name for values made of dataclasses, strings, numbers, lists, tuples and dicts (not sets:
    their order changes with the hash seed, so their bytes would too)."""
    buffer = io.BytesIO()
    _Digester(buffer).dump(parts)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


class Memo:
    """One output folder's memo: `recall(kind, key, compute)` is `compute()`, from the memo when it
    holds `key`. Values are JSON; `encode`/`decode` turn a step's result into JSON and back."""

    def __init__(self, out: Path | None, enabled: bool = True, writable: bool = True):
        self.store = Store("memo", enabled=enabled and out is not None, writable=writable)
        self.key = signing_key(create=self.store.writable) if self.store.enabled else None
        # One file per output folder, whatever sdkgen wrote it: a new version replaces the old one's
        # entries instead of adding a file beside them (each is megabytes on a big spec).
        self.name = digest(FORMAT, str(out)) if self.key is not None else ""
        self.code = code_identity().hex().encode("ascii") if self.key is not None else b""
        self.entries = self._load()
        self.asked: dict[str, tuple[str, bytes]] = {}
        self.computed = 0  # steps not found in the memo (tests and the bench count them)
        self._shared: dict[str, Any] = {}

    @classmethod
    def off(cls) -> Memo:
        """A memo that remembers nothing: every step computes."""
        return cls(None, enabled=False)

    @property
    def active(self) -> bool:
        """Whether keys are worth making: off, `recall` ignores them."""
        return self.key is not None

    def shared(self, name: str, make: Callable[[], T]) -> T:
        """A value the steps of this run share (the IR's digests: made once, used by every target),
        made on first use. Kept in this process only."""
        if name not in self._shared:
            self._shared[name] = make()
        value: T = self._shared[name]
        return value

    def _load(self) -> dict[str, tuple[str, bytes]]:
        """The entries as kept: (kind, bytes) by name, each decoded only when asked for."""
        if self.key is None:
            return {}
        raw = self.store.read(f"{self.name}.json")
        if raw is None or b"\n" not in raw:
            return {}
        tag, body = raw.split(b"\n", 1)
        if not verify(self.key, tag, self.name.encode("ascii"), body):
            return {}
        try:
            code, index, payload = body.split(b"\n", 2)
            if code != self.code:  # another sdkgen's entries: none of them is used
                return {}
            entries: dict[str, tuple[str, bytes]] = {}
            offset = 0
            for name, kind, size in json.loads(index):
                entries[str(name)] = (str(kind), payload[offset : offset + int(size)])
                offset += int(size)
        except (ValueError, TypeError):
            return {}
        return entries

    def recall(self, kind: str, key: str, compute: Callable[[], T], encode: Callable[[T], Any],
               decode: Callable[[Any], T]) -> T:
        found = self.known(kind, key, decode)
        if found is not None:
            return found
        value = compute()
        self.keep(kind, key, encode(value) if self.key is not None else None)
        return value

    def known(self, kind: str, key: str, decode: Callable[[Any], T]) -> T | None:
        """The value kept under `key`, or None (then the caller computes it and `keep`s it)."""
        name = f"{kind}:{key}"
        kept = self.entries.get(name)
        if kept is not None:
            try:
                form, data = kept
                value = decode(data.decode("utf-8", "surrogatepass") if form == "t" else json.loads(data))
                self.asked[name] = kept
                return value
            except (KeyError, IndexError, TypeError, ValueError):  # not what this sdkgen writes: compute it
                pass
        return None

    def keep(self, kind: str, key: str, encoded: Any) -> None:
        """What a step computed, as JSON, for the next run (a text is kept as its UTF-8 bytes;
        `surrogatepass`: a lone surrogate, which JSON specs can hold, has no UTF-8 of its own)."""
        self.computed += 1
        if self.key is not None:
            if isinstance(encoded, str):
                self.asked[f"{kind}:{key}"] = ("t", encoded.encode("utf-8", "surrogatepass"))
            else:
                self.asked[f"{kind}:{key}"] = ("j", json.dumps(encoded, separators=(",", ":")).encode("ascii"))

    def save(self) -> None:
        """Keep what this run asked for, when it computed something or dropped an entry: the code
        identity, a line of (name, form, size) for each entry, then their bytes one after the other."""
        if self.key is None or not self.store.writable:
            return
        if not self.computed and len(self.asked) == len(self.entries):
            return
        index = json.dumps([[name, form, len(data)] for name, (form, data) in self.asked.items()])
        body = b"".join([self.code, b"\n", index.encode("ascii"), b"\n", *(data for _, data in self.asked.values())])
        tag = sign(self.key, self.name.encode("ascii"), body)
        self.store.write(f"{self.name}.json", tag.encode("ascii") + b"\n" + body)


def text(value: str) -> str:
    return value


def checked_text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value
