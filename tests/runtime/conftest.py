"""Fixtures for the runtime tests: the SDK packages they drive and a local server.

Two packages, both with the runtime as sdkgen renders it:

- `sdk`, `client`, `async_client`: the real generated ChatKit SDK, `generated/python/chatkit_client`.
  Every test that ChatKit's operations can express runs against it: auth, headers, env vars, options,
  JSON bodies, omitted arguments, path params, pagination, raw responses, lenient models.
- `standin`, `standin_client`, `standin_async_client`: the runtime rendered into a temporary
  `acme_sdk` package with the hand-written spec modules of `spec_modules/` (see runtime_package.py).
  Only for what the ChatKit spec cannot exercise: multipart uploads, form and raw (binary) request
  bodies, binary downloads, server-sent event streams, 204 No Content, query styles other than
  `form` (arrays, deep objects), a JSON media type other than application/json, header parameters,
  field aliases, and the typed-usage check of `_typing_usage.py` (test_quality.py).

Retries, errors and timeouts of the generated package are in tests/test_sdk_errors.py.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator, List

import pytest

from local_server import LocalServer
from runtime_package import GENERATED_PACKAGE, GENERATED_PYTHON, PACKAGE, build_package


@pytest.fixture(scope="session")
def sdk() -> ModuleType:
    """The generated ChatKit package, imported from generated/python."""
    if str(GENERATED_PYTHON) not in sys.path:
        sys.path.insert(0, str(GENERATED_PYTHON))
    return importlib.import_module(GENERATED_PACKAGE)


@pytest.fixture(scope="session")
def standin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package(tmp_path_factory.mktemp("rendered"))


@pytest.fixture(scope="session")
def standin(standin_dir: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(standin_dir.parent))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(standin_dir.parent))


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
def sleeps(
    sdk: ModuleType, standin: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> List[float]:
    """Retry waits of either package, recorded instead of slept."""
    recorded: List[float] = []

    def sleep(self: Any, seconds: float) -> None:
        recorded.append(seconds)

    async def async_sleep(self: Any, seconds: float) -> None:
        recorded.append(seconds)

    for package in (sdk, standin):
        clients = importlib.import_module(f"{package.__name__}._api_clients")
        monkeypatch.setattr(clients.SyncAPIClient, "_sleep", sleep)
        monkeypatch.setattr(clients.AsyncAPIClient, "_sleep", async_sleep)
    return recorded


@pytest.fixture
def client(sdk: ModuleType, server: LocalServer, sleeps: List[float]) -> Iterator[Any]:
    with sdk.Client(api_key="test-key", base_url=server.url) as client:
        yield client


@pytest.fixture
def async_client(sdk: ModuleType, server: LocalServer, sleeps: List[float]) -> Any:
    return sdk.AsyncClient(api_key="test-key", base_url=server.url)


@pytest.fixture
def standin_client(
    standin: ModuleType, server: LocalServer, sleeps: List[float]
) -> Iterator[Any]:
    with standin.Client(api_key="test-key", base_url=server.url) as client:
        yield client


@pytest.fixture
def standin_async_client(
    standin: ModuleType, server: LocalServer, sleeps: List[float]
) -> Any:
    return standin.AsyncClient(api_key="test-key", base_url=server.url)
