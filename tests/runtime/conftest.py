"""Fixtures for the runtime tests: the SDK package (see runtime_package.py) and a local server.

To run these tests against another build of the runtime, change `sdk_dir`: the tests use only what
CONTRACT.md promises plus the stand-ins' `items` resource.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator, List

import pytest

from local_server import LocalServer
from runtime_package import PACKAGE, build_package


@pytest.fixture(scope="session")
def sdk_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package(tmp_path_factory.mktemp("rendered"))


@pytest.fixture(scope="session")
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(sdk_dir.parent))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(sdk_dir.parent))


@pytest.fixture(scope="session")
def _server() -> Iterator[LocalServer]:
    server = LocalServer()
    yield server
    server.close()


@pytest.fixture
def server(_server: LocalServer) -> LocalServer:
    _server.reset()
    return _server


@pytest.fixture
def sleeps(sdk: ModuleType, monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """Retry waits, recorded instead of slept."""
    recorded: List[float] = []

    def sleep(self: Any, seconds: float) -> None:
        recorded.append(seconds)

    async def async_sleep(self: Any, seconds: float) -> None:
        recorded.append(seconds)

    base_client = importlib.import_module(f"{PACKAGE}._base_client")
    monkeypatch.setattr(base_client.SyncAPIClient, "_sleep", sleep)
    monkeypatch.setattr(base_client.AsyncAPIClient, "_sleep", async_sleep)
    return recorded


@pytest.fixture
def client(sdk: ModuleType, server: LocalServer, sleeps: List[float]) -> Iterator[Any]:
    with sdk.Client(api_key="test-key", base_url=server.url) as client:
        yield client


@pytest.fixture
def async_client(sdk: ModuleType, server: LocalServer, sleeps: List[float]) -> Any:
    return sdk.AsyncClient(api_key="test-key", base_url=server.url)
