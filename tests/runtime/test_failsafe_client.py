"""The generated client fails safe: credentials, paths, deadlines, body bounds, idempotency, logs.

Every case runs with `Client` and `AsyncClient` of the generated ChatKit SDK against servers on
127.0.0.1. Nothing here waits for wall-clock time to make its point: deadlines are read from a fake
clock (`client._clock`) that also tells the drip server when to send its next byte (drip_server.py),
and retry waits are recorded instead of slept.
"""

from __future__ import annotations

import asyncio
import gzip
import inspect
import logging
import uuid
import zlib
from types import ModuleType
from typing import Any, Iterator, List, Optional

import httpx
import pytest

from drip_server import DripServer, FakeClock, http_response
from local_server import LocalServer, Reply
from runtime_package import SESSION, THREAD

DELETED = {"id": "cthr_1", "object": "chatkit.thread.deleted", "deleted": True}


class Api:
    """A `Client` or `AsyncClient`; `run(x)` awaits `x` on the async client's own loop."""

    def __init__(self, sdk: ModuleType, mode: str, base_url: str, **options: Any):
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        options.setdefault("api_key", "sk-secret")
        if mode == "sync":
            self.client: Any = sdk.Client(base_url=base_url, **options)
        else:
            self.loop = asyncio.new_event_loop()
            self.client = sdk.AsyncClient(base_url=base_url, **options)

    @property
    def threads(self) -> Any:
        return self.client.beta.chatkit.threads

    @property
    def sessions(self) -> Any:
        return self.client.beta.chatkit.sessions

    def run(self, value: Any) -> Any:
        if self.loop is not None and inspect.isawaitable(value):

            async def awaited() -> Any:
                return await value

            return self.loop.run_until_complete(awaited())
        return value

    def close(self) -> None:
        if self.loop is None:
            self.client.close()
        else:
            self.loop.run_until_complete(self.client.close())
            self.loop.close()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_api(sdk: ModuleType, mode: str, sleeps: List[float]) -> Iterator[Any]:
    made: List[Api] = []

    def make(base_url: str, **options: Any) -> Api:
        made.append(Api(sdk, mode, base_url, **options))
        return made[-1]

    yield make
    for api in made:
        api.close()


@pytest.fixture(scope="module")
def other_origin() -> Iterator[LocalServer]:
    server = LocalServer()
    yield server
    server.close()


@pytest.fixture
def other(other_origin: LocalServer) -> LocalServer:
    other_origin.reset()
    return other_origin


@pytest.fixture
def auth(sdk: ModuleType, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Switch the generated client to another security scheme (the spec's is bearer)."""

    def switch(kind: str, name: Optional[str]) -> None:
        monkeypatch.setattr(sdk._base_client, "AUTH_KIND", kind)
        monkeypatch.setattr(sdk._base_client, "AUTH_PARAM_NAME", name)

    return switch


# --- redirects -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_to_another_origin_drops_every_credential(
    make_api: Any, server: LocalServer, other: LocalServer, auth: Any, status: int
) -> None:
    auth("header", "X-Api-Key")
    api = make_api(
        server.url,
        default_headers={"X-Team": "red", "X-Session-Token": "tok"},
        secret_headers=["x-session-token"],
    )
    server.reply(
        Reply(status=status, headers={"Location": other.url + "/chatkit/threads/x"})
    )
    other.json(THREAD)
    assert api.run(api.threads.retrieve("cthr_1")).id == "cthr_1"
    (first,) = server.received
    assert first.headers["x-api-key"] == "sk-secret"
    assert first.headers["x-session-token"] == "tok"
    (followed,) = other.received
    assert followed.path == "/v1/chatkit/threads/x"
    for name in ("x-api-key", "authorization", "x-session-token", "cookie"):
        assert name not in followed.headers
    assert followed.headers["x-team"] == "red"  # not a secret
    assert followed.headers["host"] == other.url.split("/")[2]


def test_redirect_drops_bearer_and_query_credentials(
    make_api: Any, server: LocalServer, other: LocalServer, auth: Any
) -> None:
    api = make_api(server.url)
    server.reply(Reply(status=307, headers={"Location": other.url + "/t"}))
    other.json(THREAD)
    api.run(api.threads.retrieve("cthr_1"))
    assert server.received[0].headers["authorization"] == "Bearer sk-secret"
    assert "authorization" not in other.received[0].headers

    auth("query", "key")
    server.reset()
    other.reset()
    # A server that keeps the query string in its Location: the key is still not forwarded.
    location = other.url + "/t?key=sk-secret&keep=1"
    server.reply(Reply(status=302, headers={"Location": location}))
    other.json(THREAD)
    api.run(api.threads.retrieve("cthr_1"))
    assert ("key", "sk-secret") in server.received[0].query
    assert other.received[0].query == [("keep", "1")]


def test_redirect_within_the_origin_keeps_credentials(
    make_api: Any, server: LocalServer
) -> None:
    api = make_api(server.url)
    server.reply(Reply(status=308, headers={"Location": "/v1/chatkit/threads/moved"}))
    server.json(THREAD)
    api.run(api.threads.retrieve("cthr_1"))
    first, followed = server.received
    assert followed.path == "/v1/chatkit/threads/moved"
    assert followed.headers["authorization"] == "Bearer sk-secret"


@pytest.mark.parametrize(
    ("status", "method"),
    [(301, "GET"), (302, "GET"), (303, "GET"), (307, "POST"), (308, "POST")],
)
def test_redirect_method_and_body(
    make_api: Any, server: LocalServer, status: int, method: str
) -> None:
    api = make_api(server.url)
    server.reply(Reply(status=status, headers={"Location": "/v1/elsewhere"}))
    server.json(SESSION)
    api.run(api.sessions.create(user="u", workflow={"id": "w"}))
    posted, followed = server.received
    assert (followed.method, followed.path) == (method, "/v1/elsewhere")
    if method == "POST":
        assert followed.body == posted.body and followed.json()["user"] == "u"
    else:
        assert followed.body == b"" and "content-type" not in followed.headers


def test_redirect_loop_is_a_connection_error_not_retried(
    sdk: ModuleType, make_api: Any, server: LocalServer, sleeps: List[float]
) -> None:
    api = make_api(server.url)
    server.reply(
        *[Reply(status=302, headers={"Location": "/v1/loop"}) for _ in range(30)]
    )
    with pytest.raises(sdk.APIRedirectError, match="More than 10 redirects") as caught:
        api.run(api.threads.retrieve("cthr_1"))
    assert isinstance(caught.value, sdk.APIConnectionError)
    assert not isinstance(caught.value.__cause__, httpx.HTTPError)
    assert len(server.received) == 11 and sleeps == []


def test_redirect_to_a_url_that_is_not_http(
    sdk: ModuleType, make_api: Any, server: LocalServer
) -> None:
    api = make_api(server.url)
    server.reply(Reply(status=302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(sdk.APIRedirectError, match="not HTTP"):
        api.run(api.threads.retrieve("cthr_1"))


# --- paths and the base URL ------------------------------------------------------------------


@pytest.mark.parametrize("value", [".", ".."])
def test_dot_segments_are_refused(
    make_api: Any, server: LocalServer, value: str
) -> None:
    api = make_api(server.url)
    with pytest.raises(
        ValueError, match="other than '\\.+': a path segment of only dots"
    ):
        api.run(api.threads.delete(value))
    with pytest.raises(ValueError, match="thread_id"):
        api.run(api.threads.retrieve(value))
    assert server.received == []


def test_reserved_characters_stay_in_their_segment(
    make_api: Any, server: LocalServer
) -> None:
    api = make_api(server.url)
    server.json(DELETED)
    server.json(DELETED)
    api.run(api.threads.delete("../x?y#z"))
    api.run(api.threads.delete("..."))
    assert [r.path for r in server.received] == [
        "/v1/chatkit/threads/..%2Fx%3Fy%23z",
        "/v1/chatkit/threads/...",
    ]
    assert server.received[0].method == "DELETE" and server.received[0].query == []


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:9/v1?tenant=7",
        "http://127.0.0.1:9/v1/?",
        "http://127.0.0.1:9/v1#frag",
        "ftp://127.0.0.1/v1",
        "/v1",
    ],
)
def test_a_base_url_paths_cannot_join_is_refused(
    sdk: ModuleType, mode: str, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_class = sdk.Client if mode == "sync" else sdk.AsyncClient
    with pytest.raises(ValueError, match="base_url") as caught:
        client_class(api_key="k", base_url=base_url)
    assert "tenant=7" not in str(caught.value)
    monkeypatch.setenv("OPENAI_BASE_URL", base_url)
    with pytest.raises(ValueError, match="base_url"):
        client_class(api_key="k")


# --- deadlines -------------------------------------------------------------------------------


@pytest.fixture
def drip() -> Iterator[Any]:
    servers: List[DripServer] = []

    def start(response: bytes, *, instant: int = 0) -> DripServer:
        servers.append(DripServer(response, instant=instant))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.mark.parametrize("phase", ["status line", "body"])
def test_timeout_is_a_deadline_for_the_whole_attempt(
    sdk: ModuleType, make_api: Any, drip: Any, phase: str
) -> None:
    if phase == "body":
        response = http_response(THREAD, padding=0, body_padding=4000)
        instant = response.index(b"\r\n\r\n") + 4
    else:
        response, instant = http_response(THREAD), 0
    server = drip(response, instant=instant)
    api = make_api(server.url, timeout=1.0, max_retries=0)
    clock = api.client._clock = FakeClock(0.25, server.permit)
    with pytest.raises(sdk.APITimeoutError):
        api.run(api.threads.retrieve("cthr_1"))
    assert server.wait_for_requests(1) == 1
    # At most one read past the deadline: a few bytes, nowhere near the whole response.
    assert clock.now - 1000.0 <= 1.0 + 3 * clock.step
    assert clock.reads < 20


def test_the_deadline_holds_for_each_retry(
    sdk: ModuleType, mode: str, drip: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = drip(http_response(THREAD))
    api = Api(sdk, mode, server.url, timeout=2.0, max_retries=2)
    clock = api.client._clock = FakeClock(0.25, server.permit)
    waits: List[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock.advance(seconds)

    async def async_sleep(seconds: float) -> None:
        sleep(seconds)

    monkeypatch.setattr(api.client, "_sleep", sleep if mode == "sync" else async_sleep)
    start = clock.now
    try:
        with pytest.raises(sdk.APITimeoutError):
            api.run(api.threads.retrieve("cthr_1"))
    finally:
        api.close()
    assert server.wait_for_requests(3) == 3 and len(waits) == 2
    # The documented bound: (max_retries + 1) * timeout plus the waits between attempts.
    assert clock.now - start <= 3 * (2.0 + 2 * clock.step) + sum(waits)


def test_a_fast_answer_is_not_cut_short(make_api: Any, server: LocalServer) -> None:
    api = make_api(server.url, timeout=1.0)
    clock = api.client._clock = FakeClock(0.01)
    server.json(THREAD)
    assert api.run(api.threads.retrieve("cthr_1")).id == "cthr_1"
    assert 0 < clock.reads < 100


# --- bounded bodies --------------------------------------------------------------------------


def test_deeply_nested_json_is_a_validation_error(
    sdk: ModuleType, make_api: Any, server: LocalServer
) -> None:
    api = make_api(server.url)
    deep = "[" * 100_000 + "]" * 100_000
    server.reply(Reply(body=deep, headers={"Content-Type": "application/json"}))
    with pytest.raises(sdk.APIResponseValidationError, match="nested too deeply"):
        api.run(api.threads.retrieve("cthr_1"))


def gzip_bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + compressor.flush()


def test_a_body_that_inflates_past_the_limit_is_refused(
    sdk: ModuleType, make_api: Any, server: LocalServer
) -> None:
    bomb = gzip_bomb(8 * 1024 * 1024)
    assert len(bomb) < 16 * 1024 and gzip.decompress(bomb) == bytes(8 * 1024 * 1024)
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    api = make_api(server.url, max_response_bytes=1024 * 1024)
    server.reply(
        Reply(body=bomb, headers=headers), Reply(status=500, body=bomb, headers=headers)
    )
    for _ in range(2):  # a success and an error body alike; neither is retried
        with pytest.raises(sdk.APIResponseValidationError, match="larger than 1048576"):
            api.run(api.threads.retrieve("cthr_1"))
    assert len(server.received) == 2


def test_the_default_limit_is_64_mib(
    sdk: ModuleType, make_api: Any, server: LocalServer
) -> None:
    assert sdk._base_client.DEFAULT_MAX_RESPONSE_BYTES == 64 * 1024 * 1024
    api = make_api(server.url)
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    server.reply(Reply(body=gzip_bomb(65 * 1024 * 1024), headers=headers))
    with pytest.raises(sdk.APIResponseValidationError, match="larger than 67108864"):
        api.run(api.threads.retrieve("cthr_1"))
    unlimited = api.client.with_options(max_response_bytes=None)
    assert unlimited.max_response_bytes is None and api.client.max_response_bytes


# --- idempotency keys ------------------------------------------------------------------------


def test_a_retried_post_carries_one_key_a_new_call_another(
    sdk: ModuleType, make_api: Any, server: LocalServer
) -> None:
    api = make_api(server.url)
    server.json({}, status=500)
    server.json(SESSION)
    server.json(SESSION)
    api.run(api.sessions.create(user="u", workflow={"id": "w"}))
    api.run(api.sessions.create(user="u", workflow={"id": "w"}))
    keys = [r.headers["idempotency-key"] for r in server.received]
    assert keys[0] == keys[1] != keys[2]
    assert all(uuid.UUID(key) for key in keys)


def test_idempotency_key_per_method_given_and_omitted(
    sdk: ModuleType, make_api: Any, server: LocalServer
) -> None:
    api = make_api(server.url)
    server.json(THREAD)
    server.json({}, status=503)
    server.json(DELETED)
    server.json(SESSION)
    api.run(api.threads.retrieve("cthr_1"))
    api.run(api.threads.delete("cthr_1", extra_headers={"idempotency-key": "mine"}))
    api.run(api.sessions.cancel("s", extra_headers={"Idempotency-Key": sdk.omit}))
    get, delete, retried_delete, cancel = server.received
    assert "idempotency-key" not in get.headers
    assert (
        delete.headers["idempotency-key"]
        == retried_delete.headers["idempotency-key"]
        == "mine"
    )
    assert "idempotency-key" not in cancel.headers


# --- logs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "name"), [("query", "key"), ("header", "X-Api-Key"), ("bearer", None)]
)
def test_the_debug_log_redacts_credentials(
    make_api: Any,
    server: LocalServer,
    other: LocalServer,
    auth: Any,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    name: Optional[str],
) -> None:
    auth(kind, name)
    api = make_api(
        server.url, default_headers={"X-Secret": "hush"}, secret_headers=["X-Secret"]
    )
    server.json({}, status=500)
    # A redirect that repeats the query-string key (it is redacted in the log, and not sent).
    location = other.url + ("/t?key=sk-secret" if kind == "query" else "/t")
    server.reply(Reply(status=307, headers={"Location": location}))
    other.json(THREAD)
    with caplog.at_level(logging.DEBUG, logger="chatkit_client"):
        api.run(api.threads.retrieve("cthr_1"))
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "Request GET" in text and "Retrying GET" in text and "Redirected to" in text
    assert "sk-secret" not in text and "hush" not in text
    assert "<redacted>" in text


# --- the spec's own headers ------------------------------------------------------------------


def test_spec_headers_are_default_headers(
    sdk: ModuleType, make_api: Any, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ChatKit's spec sets none; the generated class attribute is what a spec's x-sdkgen.headers
    # become (tests/test_generated_headers.py generates one that sets them).
    for cls in (sdk.Client, sdk.AsyncClient):
        monkeypatch.setattr(cls, "_spec_headers", {"X-Version": "2", "X-Tier": "a"})
    api = make_api(server.url, default_headers={"X-Tier": "b"})
    server.json(THREAD)
    server.json(THREAD)
    api.run(api.threads.retrieve("cthr_1"))
    api.run(api.threads.retrieve("cthr_1", extra_headers={"X-Version": "3"}))
    first, second = server.received
    assert (first.headers["x-version"], first.headers["x-tier"]) == ("2", "b")
    assert second.headers["x-version"] == "3"


def test_deeply_nested_json_through_raw_response_and_error_bodies(
    sdk: ModuleType, make_api: Any, server: LocalServer
) -> None:
    # Only the normal call mapped RecursionError: `.with_raw_response(...).parse()` let it out bare,
    # and a 4xx/5xx body that deep raised it while the status error was being made.
    api = make_api(server.url, max_retries=0)
    deep = "[" * 100_000 + "]" * 100_000
    server.reply(Reply(body=deep, headers={"Content-Type": "application/json"}))
    raw = api.run(api.threads.with_raw_response.retrieve("cthr_1"))
    with pytest.raises(sdk.APIResponseValidationError, match="nested too deeply"):
        api.run(raw.parse())
    server.reply(Reply(status=400, body=deep, headers={"Content-Type": "application/json"}))
    with pytest.raises(sdk.BadRequestError) as caught:
        api.run(api.threads.retrieve("cthr_1"))
    assert caught.value.body == deep
