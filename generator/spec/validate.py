"""Stage 3: the spec against the OpenAPI 3.0 / 3.1 schema (`openapi_check`), run beside the other
stages in a forked process, and its verdict remembered per document digest.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Callable

from ..cache import Store, sign, signing_key, verify
from ..errors import Place
from .document import Spec

# openapi-spec-validator's documented tuning, set (unless the user set them) when it is imported: the
# Rust schema backend (a dependency of ours) and a resolved-path cache big enough for specs with
# thousands of schemas.
VALIDATOR_ENV_DEFAULTS = {
    "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND": "jsonschema-rs",
    "OPENAPI_SPEC_VALIDATOR_RESOLVED_CACHE_MAXSIZE": "4096",
}

# How long the parent waits for a validation child before validating itself (a stuck child).
CHILD_TIMEOUT = 600.0
_VERSIONS = "openapi-spec-validator 0.9.0, jsonschema-rs 0.61.0, sdkgen validate 2"


# ---- running validation beside the other stages, and remembering its answer --------------------

Problem = tuple[Place, str]
Checked = tuple[Place, str, bool]  # a problem, and whether it is only a warning (`openapi_check.checked`)


# The modules whose code decides a verdict or its messages, hashed into its cache key (a changed
# check must not answer from the cache): the checks and the validator's setup (`openapi_check`,
# `validator_settings`),
# their wording (`messages`), which nodes are read as schemas (`walk`), the places, lines and
# pointers the messages name (`document`, `lines`, `pointers`), and this module's version string.
# Found without importing them: a run answered from the cache never imports the validator.
_VERDICT_MODULES = ("validate", "openapi_check", "validator_settings", "messages", "walk", "document", "lines", "pointers")


def _source(module: str) -> Path:
    found = find_spec(f"{__package__}.{module}")
    if found is None or found.origin is None:
        raise ImportError(f"no module {module} in {__package__}, named in _VERDICT_MODULES")
    return Path(found.origin)


_VERDICT_CODE = tuple(_source(module) for module in _VERDICT_MODULES)


def _digest(spec: Spec) -> str:
    """The name of the problems of exactly this document (and these validator versions)."""
    digest = hashlib.sha256()
    for part in (spec.version, spec.shown, repr(sorted(spec.origins.items())), repr(spec.bent), _VERSIONS):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    # ASCII: half the time of encoding the UTF-8 (the same information: escapes are one-to-one).
    digest.update(json.dumps(spec.document, default=str).encode("ascii"))
    # The code a verdict comes from (a changed check must not answer from the cache), and the files'
    # bytes: messages carry line numbers, which move when only comments change.
    for module in _VERDICT_CODE:
        try:
            digest.update(module.read_bytes())
        except OSError:
            pass
    # Overlay files too, even one that only removed nodes (origins then need not name it).
    for path in sorted({spec.path, *spec.overlays, *(origin[1] for origin in spec.origins.values())}):
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


class VerdictCache:
    """Validation verdicts, each signed with the user's key over (document digest, verdict): an
    entry not written by sdkgen under this user's key (a shared or tampered cache) is ignored.
    Without a usable key there is no validation cache at all."""

    def __init__(self, spec: Spec, enabled: bool = True, read_only: bool = False):
        self.store = Store("validation", enabled=enabled, writable=not read_only)
        self.key = signing_key(create=self.store.writable) if self.store.enabled else None
        self.name = _digest(spec) if self.key is not None else ""

    def load(self) -> list[Checked] | None:
        if self.key is None:
            return None
        data = self.store.read(f"{self.name}.json")
        if data is None:
            return None
        tag, _, body = data.partition(b"\n")
        if not verify(self.key, tag, self.name.encode("ascii"), body):
            return None
        try:
            rows = json.loads(body.decode("utf-8"))
            return [(Place(str(file), str(pointer), line if isinstance(line, int) else None), str(message), warning is True)
                    for file, pointer, line, message, warning in rows]
        except (ValueError, TypeError):
            return None

    def store_verdict(self, problems: list[Checked]) -> None:
        if self.key is None:
            return
        body = json.dumps([[p.file, p.pointer, p.line, m, w] for p, m, w in problems], ensure_ascii=False).encode("utf-8")
        tag = sign(self.key, self.name.encode("ascii"), body)
        self.store.write(f"{self.name}.json", tag.encode("ascii") + b"\n" + body)


def _child(load: Callable[[], Spec], with_digest: bool, connection: Any) -> None:
    try:
        from .openapi_check import checked

        spec = load()
        connection.send(("ok", _digest(spec) if with_digest else "", checked(spec)))
    except BaseException as exc:  # report, never hang the parent
        connection.send(("error", "", f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()


def _check_here(spec: Spec) -> list[Checked]:
    # Imported only here: when the child answers, this process never pays for the validator's import.
    from .openapi_check import checked

    return checked(spec)


def can_fork() -> bool:
    # Forking a process that runs other threads can leave the child stuck on a lock one of them
    # held, so only a single-threaded caller (the CLI) validates in a child.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class ValidationChild:
    """A forked process that validates the spec `load()` gives it and sends back its problems.

    Started by the CLI before the spec is read (`early`): the child imports the validator, most of a
    small run's start-up, while this process reads the spec and checks the unchanged-run entry, then
    reads the spec itself. Its answer is used only for a spec with this process's digest (a spec
    edited in between is validated here). Cancelled when nothing needs it."""

    def __init__(self, load: Callable[[], Spec], with_digest: bool = True):
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_child, args=(load, with_digest, send), daemon=True)
        self.process.start()
        send.close()
        self.connection = receive

    @classmethod
    def early(cls, load: Callable[[], Spec]) -> ValidationChild | None:
        return cls(load) if can_fork() else None

    def answer(self, spec: Spec, digest: str | None) -> list[Checked] | None:
        """The child's problems, or None: it died, hung, or read another spec than `spec`."""
        status, found = "error", ""
        payload: Any = None
        try:
            if self.connection.poll(CHILD_TIMEOUT):
                status, found, payload = self.connection.recv()
        except (EOFError, OSError, ValueError):
            pass
        self.cancel()
        if status != "ok" or (digest is not None and found != digest):
            return None
        problems: list[Checked] = payload
        return problems

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.connection.close()


class PendingValidation:
    """Validation started now, answered by `result()`: in a forked process where the platform has
    fork (the parent meanwhile builds the IR and renders), from the cache when this exact document
    was validated before. `early`: a child started before the spec was read (`ValidationChild.early`)."""

    def __init__(self, spec: Spec, use_cache: bool = True, read_only: bool = False,
                 early: ValidationChild | None = None):
        self.spec = spec
        self.cache = VerdictCache(spec, enabled=use_cache, read_only=read_only)
        self.cached = self.cache.load()
        self.child = early
        self.expected: str | None = None  # the digest the early child's spec must have
        if self.cached is not None:
            if early is not None:
                early.cancel()
            self.child = None
        elif early is not None:
            self.expected = self.cache.name or _digest(spec)
        elif can_fork():
            # The child imports the validator while this process builds the IR and renders: on two
            # cores neither waits for the other.
            self.child = ValidationChild(lambda: spec, with_digest=False)

    def result(self) -> list[Problem]:
        """The problems that refuse the spec in strict mode; `warnings()` has the others."""
        return [(place, message) for place, message, warning in self._checked() if not warning]

    def every(self) -> list[Problem]:
        """Every problem, in the validator's order: the errors, and those that are only warnings
        even in strict mode (a default that does not fit its schema)."""
        return [(place, message) for place, message, _ in self._checked()]

    def _checked(self) -> list[Checked]:
        if self.cached is not None:
            return self.cached
        answered = self.child.answer(self.spec, self.expected) if self.child is not None else None
        self.child = None
        problems = answered if answered is not None else _check_here(self.spec)  # no child, or no answer
        self.cache.store_verdict(problems)
        self.cached = problems
        return problems

    def cancel(self) -> None:
        if self.child is not None:
            self.child.cancel()
            self.child = None
