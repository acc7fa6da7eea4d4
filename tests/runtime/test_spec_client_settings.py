"""Top-level `x-sdkgen` settings that reach the wire: `headers` and `idempotency-header`.

A small spec is generated into a temporary folder, its package imported, and its clients driven
against the local server.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from generator.cli import main as cli_main
from local_server import LocalServer

SPEC = """\
openapi: 3.1.0
info: {{title: Settings API, version: 1.0.0}}
servers: [{{url: "https://settings.test/v1"}}]
x-sdkgen:
  package-name: {package}
  headers: {{X-Api-Version: "2024-01", X-Tier: gold}}
{idempotency}
paths:
  /things:
    post:
      operationId: createThing
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {{type: object, properties: {{id: {{type: string}}}}}}
"""


def generate(tmp_path: Path, package: str, idempotency: str = "") -> ModuleType:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.format(package=package, idempotency=idempotency))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli_main, ["generate", "--spec", str(spec), "--out", str(out), "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    sys.path.insert(0, str(out / "python"))
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(out / "python"))


@pytest.fixture(scope="module")
def settings_sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    yield generate(
        tmp_path_factory.mktemp("settings"),
        "settings_sdk",
        "  idempotency-header: X-Request-Key",
    )


def send_both(sdk: ModuleType, server: LocalServer, **options: Any) -> None:
    for _ in range(2):
        server.json({"id": "t"})
    with sdk.Client(api_key="k", base_url=server.url, **options) as client:
        client.things.create()

    async def run() -> None:
        async with sdk.AsyncClient(api_key="k", base_url=server.url, **options) as c:
            await c.things.create(extra_headers={"X-Tier": "call"})

    asyncio.run(run())


def test_spec_headers_are_sent_and_can_be_overridden(
    settings_sdk: ModuleType, server: LocalServer
) -> None:
    send_both(settings_sdk, server, default_headers={"X-Api-Version": "2025-01"})
    sync, async_ = server.received
    assert (
        sync.headers["x-api-version"] == "2025-01"
    )  # the client's default_headers win
    assert sync.headers["x-tier"] == "gold"
    assert async_.headers["x-tier"] == "call"  # and a call's extra_headers over both


def test_the_configured_idempotency_header(
    settings_sdk: ModuleType, server: LocalServer
) -> None:
    send_both(settings_sdk, server)
    for received in server.received:
        assert "idempotency-key" not in received.headers
        assert len(received.headers["x-request-key"]) == 36


def test_idempotency_header_false_sends_none(
    tmp_path: Path, server: LocalServer
) -> None:
    sdk = generate(tmp_path, "settings_off_sdk", "  idempotency-header: false")
    send_both(sdk, server)
    assert all("idempotency-key" not in r.headers for r in server.received)


def test_a_bad_idempotency_header_is_one_clear_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        SPEC.format(package="bad_sdk", idempotency='  idempotency-header: "Bad Name"')
    )
    result = CliRunner().invoke(
        cli_main, ["generate", "--spec", str(spec), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "idempotency-header must be an HTTP header name or false" in result.output
    assert "#/x-sdkgen/idempotency-header" in result.output
