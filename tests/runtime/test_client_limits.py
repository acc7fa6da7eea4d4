"""The client's limits hold wherever a body is held whole or an event is decoded.

- `max_response_bytes` bounds what `with_streaming_response` reads whole (`read()`, `text()`,
  `json()`, `parse()` of a JSON body or a page, a binary's `content`), as it bounds a plain call;
  `iter_bytes()` stays unbounded (streaming is its point).
- `max_event_bytes` is a client option (constructor, `with_options`/`copy`) every stream it makes gets.

Sync and async, against servers on 127.0.0.1; sizes are counted in bytes, nothing is timed.
"""

from __future__ import annotations

import asyncio
import json
from types import ModuleType
from typing import Any, Dict

import pytest

from local_server import LocalServer, Reply
from runtime_package import THREAD

LIMIT = 1024 * 1024
JSON = {"Content-Type": "application/json"}
SSE = {"Content-Type": "text/event-stream"}


def padded(body: Dict[str, Any], size: int) -> bytes:
    """Valid JSON of `body` padded with spaces to `size` bytes: only its size is wrong."""
    text = json.dumps(body).encode()
    return text[:-1] + b" " * (size - len(text)) + b"}"


BIG_THREAD = padded(THREAD, 4 * LIMIT)
BIG_PAGE = padded({"data": [THREAD], "has_more": False}, 4 * LIMIT)
WHOLE = ["read", "text", "json", "parse"]


def tick(index: int) -> bytes:
    return b'data: {"type": "tick", "index": %d}\n\n' % index


BIG_EVENT = b"data: " + b"x" * 5000 + b"\n\n"  # one event of 5007 bytes


# --- max_response_bytes under with_streaming_response ----------------------------------------


@pytest.mark.parametrize("method", WHOLE)
def test_a_streamed_response_read_whole_stops_at_the_limit(
    sdk: ModuleType, server: LocalServer, sleeps: Any, method: str
) -> None:
    server.reply(Reply(body=BIG_THREAD, headers=JSON))
    with sdk.Client(
        api_key="k", base_url=server.url, max_response_bytes=LIMIT
    ) as client:
        threads = client.beta.chatkit.threads
        with threads.with_streaming_response.retrieve("cthr_1") as response:
            with pytest.raises(
                sdk.APIResponseValidationError, match="larger than 1048576"
            ):
                getattr(response, method)()
            assert response.http_response.is_closed
            # It stops at the limit (one network read past it), not after the whole 4 MiB.
            assert response.http_response.num_bytes_downloaded < 2 * LIMIT
    assert len(server.received) == 1  # not retried


@pytest.mark.parametrize("method", WHOLE)
def test_async_a_streamed_response_read_whole_stops_at_the_limit(
    sdk: ModuleType, server: LocalServer, sleeps: Any, method: str
) -> None:
    server.reply(Reply(body=BIG_THREAD, headers=JSON))

    async def run() -> None:
        client = sdk.AsyncClient(
            api_key="k", base_url=server.url, max_response_bytes=LIMIT
        )
        async with client:
            threads = client.beta.chatkit.threads
            async with threads.with_streaming_response.retrieve("cthr_1") as response:
                with pytest.raises(
                    sdk.APIResponseValidationError, match="larger than 1048576"
                ):
                    await getattr(response, method)()
                assert response.http_response.is_closed
                assert response.http_response.num_bytes_downloaded < 2 * LIMIT

    asyncio.run(run())
    assert len(server.received) == 1


def test_a_streamed_page_and_the_plain_call_stop_at_the_limit_iter_bytes_does_not(
    sdk: ModuleType, server: LocalServer, sleeps: Any
) -> None:
    server.reply(*[Reply(body=BIG_PAGE, headers=JSON)] * 3)
    with sdk.Client(
        api_key="k", base_url=server.url, max_response_bytes=LIMIT
    ) as client:
        threads = client.beta.chatkit.threads
        with threads.with_streaming_response.list() as response:
            with pytest.raises(sdk.APIResponseValidationError, match="larger than"):
                response.parse()
        with pytest.raises(sdk.APIResponseValidationError, match="larger than"):
            threads.list()
        with threads.with_streaming_response.list() as response:
            assert sum(len(chunk) for chunk in response.iter_bytes()) == len(BIG_PAGE)


def test_async_a_streamed_page_stops_at_the_limit_iter_bytes_does_not(
    sdk: ModuleType, server: LocalServer, sleeps: Any
) -> None:
    server.reply(*[Reply(body=BIG_PAGE, headers=JSON)] * 2)

    async def run() -> int:
        client = sdk.AsyncClient(
            api_key="k", base_url=server.url, max_response_bytes=LIMIT
        )
        async with client:
            threads = client.beta.chatkit.threads
            async with threads.with_streaming_response.list() as response:
                with pytest.raises(sdk.APIResponseValidationError, match="larger than"):
                    await response.parse()
            async with threads.with_streaming_response.list() as response:
                return sum([len(chunk) async for chunk in response.iter_bytes()])

    assert asyncio.run(run()) == len(BIG_PAGE)


def test_a_streamed_body_under_the_limit_reads_whole(
    sdk: ModuleType, client: Any, async_client: Any, server: LocalServer
) -> None:
    body = json.dumps(THREAD).encode()
    server.reply(*[Reply(body=body, headers=JSON)] * 2)
    with client.beta.chatkit.threads.with_streaming_response.retrieve("c") as response:
        assert response.read() == body and response.text() == body.decode()
        assert response.json() == THREAD and response.parse().id == THREAD["id"]

    async def run() -> None:
        async with async_client:
            threads = async_client.beta.chatkit.threads
            async with threads.with_streaming_response.retrieve("c") as response:
                assert await response.read() == body
                assert await response.text() == body.decode()
                assert await response.json() == THREAD

    asyncio.run(run())


def test_a_streamed_binary_download_held_whole_stops_at_the_limit(
    standin: ModuleType, server: LocalServer, sleeps: Any, tmp_path: Any
) -> None:
    octets = {"Content-Type": "application/octet-stream"}
    server.reply(*[Reply(body=bytes(4 * LIMIT), headers=octets)] * 3)
    options = {"api_key": "k", "base_url": server.url, "max_response_bytes": LIMIT}
    with standin.Client(**options) as client:
        with client.items.with_streaming_response.download("f") as response:
            binary = response.parse()
            with pytest.raises(standin.APIResponseValidationError, match="larger than"):
                binary.content
        with client.items.with_streaming_response.download("f") as response:
            response.parse().write_to_file(
                tmp_path / "whole.bin"
            )  # streamed: unbounded
        assert (tmp_path / "whole.bin").stat().st_size == 4 * LIMIT

    async def run() -> None:
        async with standin.AsyncClient(**options) as client:
            async with client.items.with_streaming_response.download("f") as response:
                with pytest.raises(standin.APIResponseValidationError, match="larger"):
                    await response.parse()

    asyncio.run(run())


# --- max_event_bytes, a client option --------------------------------------------------------


def test_max_event_bytes_is_a_client_option(
    sdk: ModuleType, standin: ModuleType
) -> None:
    for package in (sdk, standin):
        for cls in (package.Client, package.AsyncClient):
            client = cls(api_key="k", base_url="https://api.test/v1")
            assert client.max_event_bytes == 16 * 1024 * 1024
            assert package._base_client.DEFAULT_MAX_EVENT_BYTES == 16 * 1024 * 1024
            small = cls(
                api_key="k", base_url="https://api.test/v1", max_event_bytes=4096
            )
            assert small.max_event_bytes == 4096
            assert small.copy().max_event_bytes == 4096
            assert small.with_options(max_retries=0).max_event_bytes == 4096
            assert small.with_options(max_event_bytes=None).max_event_bytes is None
            assert small.copy(max_event_bytes=8192).max_event_bytes == 8192


def test_every_stream_gets_the_clients_max_event_bytes(
    standin: ModuleType, server: LocalServer, sleeps: Any
) -> None:
    chunks = [tick(1), BIG_EVENT, tick(3)]
    server.reply(*[Reply(headers=SSE, chunks=chunks)] * 4)
    with standin.Client(
        api_key="k", base_url=server.url, max_event_bytes=4096
    ) as client:
        stream = client.items.events("i")
        assert stream.max_event_bytes == 4096 and next(stream).index == 1
        with pytest.raises(
            standin._streaming.StreamError, match=r"max_event_bytes \(4096\)"
        ):
            next(stream)
        with client.items.with_streaming_response.events("i") as response:
            with pytest.raises(standin._streaming.StreamError, match="max_event_bytes"):
                list(response.parse())
        assert (
            len(list(client.with_options(max_event_bytes=8192).items.events("i"))) == 3
        )
        assert (
            len(list(client.with_options(max_event_bytes=None).items.events("i"))) == 3
        )


def test_async_every_stream_gets_the_clients_max_event_bytes(
    standin: ModuleType, server: LocalServer, sleeps: Any
) -> None:
    chunks = [tick(1), BIG_EVENT, tick(3)]
    server.reply(*[Reply(headers=SSE, chunks=chunks)] * 3)

    async def run() -> int:
        client = standin.AsyncClient(
            api_key="k", base_url=server.url, max_event_bytes=4096
        )
        async with client:
            stream = await client.items.events("i")
            assert stream.max_event_bytes == 4096
            with pytest.raises(standin._streaming.StreamError, match="max_event_bytes"):
                [event async for event in stream]
            async with client.items.with_streaming_response.events("i") as response:
                with pytest.raises(standin._streaming.StreamError, match="4096"):
                    [event async for event in await response.parse()]
            larger = client.with_options(max_event_bytes=8192)
            return len([event async for event in await larger.items.events("i")])

    assert asyncio.run(run()) == 3
