"""Shared pytest fixtures."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Dict, Iterator, Union

import pytest

# tests/ has no __init__.py, so pytest puts it on sys.path and its modules import by plain name.
from prism import CHATKIT_SPEC, PRISM_BIN, ROOT, PrismServer

SpecPath = Union[str, "os.PathLike[str]"]


def _require_prism() -> None:
    """Skip when Prism is not installed, except in CI (`CI` set), where a missing Prism is a failure."""
    if PRISM_BIN.exists():
        return
    message = f"Prism is not installed ({PRISM_BIN.relative_to(ROOT)} is missing): run `make setup`"
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(message + " (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def prism_for() -> Iterator[Callable[[SpecPath], str]]:
    """`prism_for(spec_path) -> base URL` of a Prism mock of that spec: one server per spec per session."""
    servers: Dict[Path, PrismServer] = {}

    def url_for(spec: SpecPath) -> str:
        _require_prism()
        path = Path(spec).resolve()
        if path not in servers:
            servers[path] = PrismServer(path).start()
        return servers[path].url

    yield url_for
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def prism_url(prism_for: Callable[[SpecPath], str]) -> str:
    """Base URL of a Prism mock of spec/chatkit.yaml (no trailing slash)."""
    return prism_for(CHATKIT_SPEC)
