"""Errors, retries and timeouts of the generated ChatKit SDK, against a local server of the test's own.

Prism only answers with the spec's examples, so a scriptable HTTP server on 127.0.0.1
(`tests/runtime/local_server.py`) plays the API here: it answers 500s, 429s with `Retry-After` and
dropped connections, and records every request, so retries are counted on the wire. Slow answers come
from `tests/runtime/drip_server.py`, which sends a byte only when the client reads its fake clock
(`client._clock`), so a timeout never depends on how fast the machine is. The client's waits go
through `SyncAPIClient._sleep` / `AsyncAPIClient._sleep`, which the `sleeps` fixture replaces with a
recorder: nothing here really sleeps. Most tests run once with `Client` and once with
`AsyncClient` (the `api` fixture).
"""

from __future__ import annotations

import asyncio
import email.utils
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generated" / "python"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "runtime"))

import chatkit_client  # noqa: E402
from chatkit_client import _api_clients, _retries  # noqa: E402
from chatkit_client.types.models import (  # noqa: E402
    ChatKitThread,
    ChatSession,
    ThreadDeleteResponse,
)
from drip_server import DripServer, FakeClock, http_response  # noqa: E402
from local_server import LocalServer, Received, Reply  # noqa: E402

THREAD: Dict[str, Any] = {
    "id": "cthr_1",
    "object": "chatkit.thread",
    "created_at": 1712345600,
    "title": None,
    "status": {"type": "active"},
    "user": "user_1",
}
SESSION: Dict[str, Any] = {
    "id": "cksess_1",
    "object": "chatkit.session",
    "expires_at": 1735689600,
    "client_secret": "secret",
    "workflow": {
        "id": "wf_1",
        "version": None,
        "state_variables": None,
        "tracing": {"enabled": True},
    },
    "user": "user_1",
    "rate_limits": {"max_requests_per_1_minute": 10},
    "max_requests_per_1_minute": 10,
    "status": "active",
    "chatkit_configuration": {
        "automatic_thread_titling": {"enabled": True},
        "file_upload": {"enabled": False, "max_file_size": 512, "max_files": 10},
        "history": {"enabled": True, "recent_threads": None},
    },
}
DELETED: Dict[str, Any] = {
    "id": "cthr_1",
    "object": "chatkit.thread.deleted",
    "deleted": True,
}
ITEM: Dict[str, Any] = {
    "id": "cthi_1",
    "object": "chatkit.thread_item",
    "created_at": 1712345610,
    "thread_id": "cthr_1",
    "type": "chatkit.widget",
    "widget": "{}",
}


def page(*items: Dict[str, Any], has_more: bool = False) -> Dict[str, Any]:
    return {
        "object": "list",
        "data": list(items),
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
    }


class Api:
    """A `Client` or `AsyncClient` on the local server; `run(x)` awaits `x` for the async one."""

    def __init__(self, mode: str, base_url: str, **options: Any) -> None:
        self.mode = mode
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        if mode == "sync":
            self.client: Any = chatkit_client.Client(
                api_key="k", base_url=base_url, **options
            )
        else:
            self.loop = asyncio.new_event_loop()
            self.client = chatkit_client.AsyncClient(
                api_key="k", base_url=base_url, **options
            )

    @property
    def chatkit(self) -> Any:
        return self.client.beta.chatkit

    def run(self, value: Any) -> Any:
        if self.loop is not None and inspect.isawaitable(value):
            return self.loop.run_until_complete(_awaited(value))
        return value

    def all_items(self, pages: Any) -> List[Any]:
        if self.loop is None:
            return list(pages)
        return self.loop.run_until_complete(_collect(pages))

    def call(self, name: str, **overrides: Any) -> Any:
        """One of the methods in METHODS, with its usual arguments (and `overrides`)."""
        resource, method, args, kwargs, _ = METHODS[name]
        result = getattr(getattr(self.chatkit, resource), method)(
            *args, **{**kwargs, **overrides}
        )
        if method.startswith("list"):
            return self.all_items(result)
        return self.run(result)

    def close(self) -> None:
        if self.loop is None:
            self.client.close()
        else:
            self.loop.run_until_complete(self.client.close())
            self.loop.close()


async def _awaited(value: Any) -> Any:
    return await value


async def _collect(iterator: Any) -> List[Any]:
    return [each async for each in iterator]


# name: (resource, method, args, kwargs, a valid answer)
METHODS: Dict[str, Any] = {
    "sessions.create": (
        "sessions",
        "create",
        (),
        {"user": "u", "workflow": {"id": "w"}},
        SESSION,
    ),
    "sessions.cancel": ("sessions", "cancel", ("cksess_1",), {}, SESSION),
    "threads.retrieve": ("threads", "retrieve", ("cthr_1",), {}, THREAD),
    "threads.delete": ("threads", "delete", ("cthr_1",), {}, DELETED),
    "threads.list": ("threads", "list", (), {"limit": 1}, page(THREAD)),
    "threads.list_items": (
        "threads",
        "list_items",
        ("cthr_1",),
        {"limit": 1},
        page(ITEM),
    ),
}


@pytest.fixture(scope="module")
def _server() -> Iterator[LocalServer]:
    server = LocalServer()
    yield server
    server.close()


@pytest.fixture
def server(_server: LocalServer) -> LocalServer:
    _server.reset()
    return _server


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """Retry waits, recorded instead of slept."""
    recorded: List[float] = []

    def sleep(self: Any, seconds: float) -> None:
        recorded.append(seconds)

    async def async_sleep(self: Any, seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(_api_clients.SyncAPIClient, "_sleep", sleep)
    monkeypatch.setattr(_api_clients.AsyncAPIClient, "_sleep", async_sleep)
    return recorded


@pytest.fixture(params=["sync", "async"])
def api(
    request: pytest.FixtureRequest, server: LocalServer, sleeps: List[float]
) -> Iterator[Api]:
    api = Api(request.param, server.url)
    yield api
    api.close()


def retry_counts(server: LocalServer) -> List[str]:
    return [received.headers["x-retry-count"] for received in server.received]


def same_request(a: Received, b: Received) -> bool:
    return (a.method, a.path, a.query, a.body, a.headers.get("openai-beta")) == (
        b.method,
        b.path,
        b.query,
        b.body,
        b.headers.get("openai-beta"),
    )


# --- retries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(METHODS))
def test_every_method_retries_a_server_error(
    api: Api, server: LocalServer, sleeps: List[float], name: str
) -> None:
    server.json({"error": {"message": "boom"}}, status=500)
    server.json(METHODS[name][4])
    result = api.call(name)
    expected = {
        "sessions.create": ChatSession,
        "sessions.cancel": ChatSession,
        "threads.retrieve": ChatKitThread,
        "threads.delete": ThreadDeleteResponse,
    }
    if name in expected:
        assert isinstance(result, expected[name])
    else:
        assert len(result) == 1 and result[0].id in ("cthr_1", "cthi_1")
    assert retry_counts(server) == ["0", "1"]
    first, retry = server.received
    assert same_request(first, retry)
    assert retry.headers["openai-beta"] == "chatkit_beta=v1"
    # The first backoff is 0.5 s less up to 25 % jitter.
    assert len(sleeps) == 1 and 0.375 <= sleeps[0] <= 0.5


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retried_statuses(api: Api, server: LocalServer, status: int) -> None:
    server.json({}, status=status)
    server.json(THREAD)
    assert api.call("threads.retrieve").id == "cthr_1"
    assert len(server.received) == 2


def test_retry_after_is_honoured(
    api: Api, server: LocalServer, sleeps: List[float]
) -> None:
    server.json({}, 429, **{"Retry-After": "3"})
    server.json({}, 429, **{"Retry-After-Ms": "1500", "Retry-After": "9"})  # ms wins
    server.json(SESSION)
    session = api.call("sessions.create", max_retries=2)
    assert isinstance(session, ChatSession)
    assert sleeps == [3.0, 1.5]
    assert retry_counts(server) == ["0", "1", "2"]


def test_retry_after_http_date(
    api: Api, server: LocalServer, sleeps: List[float]
) -> None:
    # 50 s ahead, within the 60 s honoured: 20 s of slack for a loaded machine.
    when = email.utils.formatdate(time.time() + 50, usegmt=True)
    server.json({}, 503, **{"Retry-After": when})
    server.json(THREAD)
    api.call("threads.retrieve")
    assert 30 < sleeps[0] <= 50


def test_retry_after_out_of_range_falls_back_to_backoff(
    api: Api, server: LocalServer, sleeps: List[float]
) -> None:
    server.json({}, 429, **{"Retry-After": "3600"})
    server.json({}, 429, **{"Retry-After": "0"})
    server.json(THREAD)
    api.call("threads.retrieve")
    assert 0.375 <= sleeps[0] <= 0.5 and 0.75 <= sleeps[1] <= 1.0


def test_backoff_grows_and_is_capped() -> None:
    delay = _retries.retry_delay
    for retries_taken, (low, high) in enumerate(
        [(0.375, 0.5), (0.75, 1), (1.5, 2), (3, 4), (6, 8), (6, 8)]
    ):
        assert all(low <= delay(retries_taken, None) <= high for _ in range(50))


def test_default_max_retries_then_the_error(
    api: Api, server: LocalServer, sleeps: List[float]
) -> None:
    for _ in range(3):
        server.json(
            {"error": {"message": "down"}}, status=503, **{"x-request-id": "req_9"}
        )
    with pytest.raises(chatkit_client.InternalServerError) as caught:
        api.call("threads.retrieve")
    assert retry_counts(server) == ["0", "1", "2"]
    assert len(sleeps) == 2
    assert caught.value.status_code == 503 and caught.value.request_id == "req_9"


def test_max_retries_on_the_client_and_per_call(
    server: LocalServer, sleeps: List[float]
) -> None:
    for mode in ("sync", "async"):
        api = Api(mode, server.url, max_retries=4)
        try:
            server.reset()
            server.reply(*[Reply(status=500) for _ in range(20)])
            with pytest.raises(chatkit_client.InternalServerError):
                api.call("threads.retrieve")
            assert len(server.received) == 5  # the client's max_retries=4
            with pytest.raises(chatkit_client.InternalServerError):
                api.call("threads.retrieve", max_retries=0)  # the call's wins
            assert len(server.received) == 5 + 1
            with pytest.raises(chatkit_client.InternalServerError):
                api.call("sessions.create", max_retries=1)
            assert len(server.received) == 6 + 2
            other = api.client.with_options(max_retries=0)
            assert other.max_retries == 0 and api.client.max_retries == 4
            with pytest.raises(chatkit_client.InternalServerError):
                api.run(other.beta.chatkit.threads.retrieve("cthr_1"))
            assert len(server.received) == 8 + 1
        finally:
            api.close()


def test_x_should_retry_header_wins(api: Api, server: LocalServer) -> None:
    server.json({}, 500, **{"x-should-retry": "false"})
    with pytest.raises(chatkit_client.InternalServerError):
        api.call("threads.retrieve")
    server.json({}, 400, **{"x-should-retry": "true"})
    server.json(THREAD)
    api.call("threads.retrieve")
    assert len(server.received) == 3


def test_raw_response_counts_its_retries(api: Api, server: LocalServer) -> None:
    server.json({}, status=502)
    server.json(THREAD, **{"x-request-id": "req_ok"})
    response = api.run(api.chatkit.threads.with_raw_response.retrieve("cthr_1"))
    assert response.retries_taken == 1 and response.request_id == "req_ok"
    assert api.run(response.parse()).id == "cthr_1"


def test_a_later_page_is_retried_and_its_error_raised(
    api: Api, server: LocalServer, sleeps: List[float]
) -> None:
    second = {**THREAD, "id": "cthr_2"}
    server.json(page(THREAD, has_more=True))
    server.json({}, status=500)
    server.json(page(second))
    threads = api.all_items(api.chatkit.threads.list(limit=1))
    assert [t.id for t in threads] == ["cthr_1", "cthr_2"]
    assert [r.query for r in server.received] == [
        [("limit", "1")],
        [("limit", "1"), ("after", "cthr_1")],
        [("limit", "1"), ("after", "cthr_1")],
    ]
    server.reset()
    server.json(page(THREAD, has_more=True))
    server.json({"error": {"message": "gone"}}, status=404)
    with pytest.raises(chatkit_client.NotFoundError):
        api.all_items(api.chatkit.threads.list())


# --- one error class per status --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, chatkit_client.BadRequestError),
        (401, chatkit_client.AuthenticationError),
        (403, chatkit_client.PermissionDeniedError),
        (404, chatkit_client.NotFoundError),
        (409, chatkit_client.ConflictError),
        (422, chatkit_client.UnprocessableEntityError),
        (429, chatkit_client.RateLimitError),
        (500, chatkit_client.InternalServerError),
        (502, chatkit_client.InternalServerError),
        (503, chatkit_client.InternalServerError),
        (418, chatkit_client.APIStatusError),
    ],
)
@pytest.mark.parametrize(
    "name", ["threads.retrieve", "sessions.create", "threads.list"]
)
def test_status_errors(
    api: Api, server: LocalServer, status: int, error_class: type, name: str
) -> None:
    body = {"error": {"message": "nope", "type": "invalid_request_error"}}
    server.json(body, status=status, **{"x-request-id": "req_123"})
    with pytest.raises(chatkit_client.APIStatusError) as caught:
        api.call(name, max_retries=0)
    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, chatkit_client.APIError)
    assert isinstance(error, chatkit_client.ChatkitClientError)
    assert error.status_code == status
    assert error.body == body
    assert error.request_id == "req_123"
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == status
    assert json.loads(error.response.content) == body
    assert str(error) == f"Error code: {status} - {body}"
    assert len(server.received) == 1


def test_client_errors_are_not_retried(api: Api, server: LocalServer) -> None:
    for status in (400, 401, 403, 404, 422):
        server.reset()
        server.json({"error": "x"}, status=status)
        with pytest.raises(chatkit_client.APIStatusError):
            api.call("threads.delete")
        assert len(server.received) == 1


def test_error_body_that_is_not_json(api: Api, server: LocalServer) -> None:
    server.reply(Reply(status=404, body="not here"))
    with pytest.raises(chatkit_client.NotFoundError) as caught:
        api.call("threads.retrieve")
    assert caught.value.body == "not here"
    assert caught.value.message == "Error code: 404 - not here"
    assert caught.value.request_id is None


def test_success_body_that_is_not_json(api: Api, server: LocalServer) -> None:
    server.reply(Reply(body="<html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(chatkit_client.APIResponseValidationError) as caught:
        api.call("threads.retrieve")
    assert caught.value.body == "<html>" and caught.value.status_code == 200


# --- timeouts and connections ---------------------------------------------------------------


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def slow_server() -> Iterator[DripServer]:
    """Sends a byte only when the client reads its (fake) clock: never fast enough."""
    server = DripServer(http_response(THREAD))
    yield server
    server.close()


def test_slow_response_times_out_after_retries(
    mode: str, slow_server: DripServer, sleeps: List[float]
) -> None:
    api = Api(mode, slow_server.url)
    api.client._clock = FakeClock(0.25, slow_server.permit)
    try:
        with pytest.raises(chatkit_client.APITimeoutError) as caught:
            api.call("threads.retrieve", timeout=1.0, max_retries=1)
    finally:
        api.close()
    assert isinstance(caught.value, chatkit_client.APIConnectionError)
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)
    # The client may give up before the server has read the request: wait for the server.
    assert slow_server.wait_for_requests(2) == 2 and len(sleeps) == 1


def test_client_timeout_and_a_slow_list(
    mode: str, slow_server: DripServer, server: LocalServer, sleeps: List[float]
) -> None:
    api = Api(mode, slow_server.url, timeout=1.0, max_retries=0)
    clock = api.client._clock = FakeClock(0.25, slow_server.permit)
    try:
        with pytest.raises(chatkit_client.APITimeoutError):
            api.call("threads.list")
        # A per-call timeout longer than the answer takes wins over the client's.
        fast = api.client.with_options(base_url=server.url)
        server.json(SESSION)
        session = api.run(fast.beta.chatkit.sessions.cancel("cksess_1", timeout=60.0))
        assert isinstance(session, ChatSession)
        assert fast._clock is clock and clock.reads > 0
    finally:
        api.close()


def test_dropped_connection_is_a_connection_error(
    api: Api, server: LocalServer, sleeps: List[float]
) -> None:
    server.reply(Reply(drop=True), Reply(drop=True), Reply(drop=True))
    with pytest.raises(chatkit_client.APIConnectionError) as caught:
        api.call("sessions.create")
    assert not isinstance(caught.value, chatkit_client.APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.TransportError)
    assert len(server.received) == 3 and len(sleeps) == 2


def test_dropped_connection_then_success(api: Api, server: LocalServer) -> None:
    server.reply(Reply(drop=True), Reply(body=THREAD))
    assert api.call("threads.retrieve").id == "cthr_1"
    assert retry_counts(server) == ["0", "1"]


def test_unreachable_server(sleeps: List[float]) -> None:
    for mode in ("sync", "async"):
        api = Api(mode, "http://127.0.0.1:9", max_retries=1)
        try:
            with pytest.raises(chatkit_client.APIConnectionError):
                api.call("threads.retrieve")
        finally:
            api.close()
    assert len(sleeps) == 2
