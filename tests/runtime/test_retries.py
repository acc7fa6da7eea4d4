"""Retries, backoff, Retry-After, timeouts, dropped connections and the error for each status."""

from __future__ import annotations

import asyncio
import email.utils
import time
from types import ModuleType
from typing import Any, List

import httpx
import pytest

from local_server import LocalServer, Reply
from runtime_package import ITEM


def retry_counts(server: LocalServer) -> List[str]:
    return [received.headers["x-retry-count"] for received in server.received]


def test_server_error_then_success_is_retried(
    client: Any, server: LocalServer, sleeps: List[float]
) -> None:
    server.json({"error": "boom"}, status=500)
    server.json(ITEM)
    assert client.items.retrieve("item_1").id == "item_1"
    assert retry_counts(server) == ["0", "1"]
    # The first backoff is 0.5 s less up to 25 % jitter.
    assert len(sleeps) == 1 and 0.375 <= sleeps[0] <= 0.5


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503])
def test_retried_statuses(client: Any, server: LocalServer, status: int) -> None:
    server.json({}, status=status)
    server.json(ITEM)
    client.items.retrieve("item_1")
    assert len(server.received) == 2


def test_retry_after_seconds_is_waited(
    client: Any, server: LocalServer, sleeps: List[float]
) -> None:
    server.json({}, 429, **{"Retry-After": "3"})
    server.json({}, 429, **{"Retry-After-Ms": "1500", "Retry-After": "9"})
    server.json(ITEM)
    client.items.retrieve("item_1")
    assert sleeps == [3.0, 1.5]


def test_retry_after_http_date(
    client: Any, server: LocalServer, sleeps: List[float]
) -> None:
    when = email.utils.formatdate(time.time() + 10, usegmt=True)
    server.json({}, 503, **{"Retry-After": when})
    server.json(ITEM)
    client.items.retrieve("item_1")
    assert 8 < sleeps[0] <= 10


def test_retry_after_out_of_range_falls_back_to_backoff(
    client: Any, server: LocalServer, sleeps: List[float]
) -> None:
    server.json({}, 429, **{"Retry-After": "3600"})
    server.json({}, 429, **{"Retry-After": "0"})
    server.json(ITEM)
    client.items.retrieve("item_1")
    assert 0.375 <= sleeps[0] <= 0.5 and 0.75 <= sleeps[1] <= 1.0


def test_backoff_grows_and_is_capped(sdk: ModuleType) -> None:
    delay = sdk._base_client.BaseClient._retry_delay
    for retries_taken, (low, high) in enumerate(
        [(0.375, 0.5), (0.75, 1), (1.5, 2), (3, 4), (6, 8), (6, 8)]
    ):
        assert all(low <= delay(retries_taken, None) <= high for _ in range(50))


def test_retries_stop_at_max_retries(
    sdk: ModuleType, client: Any, server: LocalServer, sleeps: List[float]
) -> None:
    for _ in range(3):
        server.json(
            {"error": {"message": "down"}}, status=503, **{"x-request-id": "req_9"}
        )
    with pytest.raises(sdk.InternalServerError) as caught:
        client.items.retrieve("item_1")
    assert retry_counts(server) == ["0", "1", "2"]
    assert len(sleeps) == 2
    assert caught.value.status_code == 503
    assert caught.value.request_id == "req_9"


def test_max_retries_per_client_and_per_call(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.reply(*[Reply(status=500) for _ in range(10)])
    with pytest.raises(sdk.InternalServerError):
        client.items.retrieve("item_1", max_retries=0)
    assert len(server.received) == 1
    with pytest.raises(sdk.InternalServerError):
        client.with_options(max_retries=4).items.retrieve("item_1")
    assert len(server.received) == 1 + 5


def test_x_should_retry_header_wins(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.json({}, 500, **{"x-should-retry": "false"})
    with pytest.raises(sdk.InternalServerError):
        client.items.retrieve("item_1")
    server.json({}, 400, **{"x-should-retry": "true"})
    server.json(ITEM)
    client.items.retrieve("item_1")
    assert len(server.received) == 3


@pytest.mark.parametrize(
    ("status", "error_name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (422, "UnprocessableEntityError"),
        (418, "APIStatusError"),
    ],
)
def test_client_errors_are_not_retried(
    sdk: ModuleType, client: Any, server: LocalServer, status: int, error_name: str
) -> None:
    body = {"error": {"message": "no such item", "type": "invalid_request_error"}}
    server.json(body, status=status, **{"x-request-id": "req_123"})
    with pytest.raises(sdk.APIStatusError) as caught:
        client.items.retrieve("item_1")
    error = caught.value
    assert type(error).__name__ == error_name
    assert isinstance(error, sdk.APIError) and isinstance(error, sdk.AcmeError)
    assert error.status_code == status
    assert error.body == body
    assert error.request_id == "req_123"
    assert error.response.status_code == status
    assert str(error) == f"Error code: {status} - {body}"
    assert len(server.received) == 1


def test_error_body_that_is_not_json(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.reply(Reply(status=404, body="not here"))
    with pytest.raises(sdk.NotFoundError) as caught:
        client.items.retrieve("item_1")
    assert caught.value.body == "not here"
    assert caught.value.message == "Error code: 404 - not here"


def test_slow_response_times_out_after_retries(
    sdk: ModuleType, client: Any, server: LocalServer, sleeps: List[float]
) -> None:
    server.reply(Reply(delay=0.5, body=ITEM), Reply(delay=0.5, body=ITEM))
    with pytest.raises(sdk.APITimeoutError) as caught:
        client.items.retrieve("item_1", timeout=0.05, max_retries=1)
    assert isinstance(caught.value, sdk.APIConnectionError)
    assert len(server.received) == 2 and len(sleeps) == 1
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)


def test_dropped_connection_is_a_connection_error(
    sdk: ModuleType, client: Any, server: LocalServer, sleeps: List[float]
) -> None:
    server.reply(Reply(drop=True), Reply(drop=True), Reply(drop=True))
    with pytest.raises(sdk.APIConnectionError) as caught:
        client.items.retrieve("item_1")
    assert not isinstance(caught.value, sdk.APITimeoutError)
    assert len(server.received) == 3 and len(sleeps) == 2


def test_dropped_connection_then_success(client: Any, server: LocalServer) -> None:
    server.reply(Reply(drop=True), Reply(body=ITEM))
    assert client.items.retrieve("item_1").id == "item_1"


def test_unreachable_server(sdk: ModuleType, sleeps: List[float]) -> None:
    client = sdk.Client(api_key="k", base_url="http://127.0.0.1:9", max_retries=1)
    with pytest.raises(sdk.APIConnectionError):
        client.items.retrieve("item_1")
    assert len(sleeps) == 1


def test_async_retries_and_errors(
    sdk: ModuleType, async_client: Any, server: LocalServer, sleeps: List[float]
) -> None:
    server.json({}, 429, **{"Retry-After": "2"})
    server.json(ITEM)
    server.json({"error": "bad"}, status=400)
    server.reply(Reply(drop=True))

    async def run() -> None:
        async with async_client:
            assert (await async_client.items.create(name="a")).id == "item_1"
            with pytest.raises(sdk.BadRequestError):
                await async_client.items.create(name="a")
            with pytest.raises(sdk.APIConnectionError):
                await async_client.items.create(name="a", max_retries=0)

    asyncio.run(run())
    assert sleeps == [2.0]
    assert retry_counts(server) == ["0", "1", "0", "0"]
