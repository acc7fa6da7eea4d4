"""`with_streaming_response`: a context manager of the response, sent unread; the body in chunks.

On the generated ChatKit SDK (JSON bodies, lists) and the stand-ins (a binary download, an event
stream: ChatKit has neither).
"""

from __future__ import annotations

import asyncio
import json
import tracemalloc
from types import ModuleType
from typing import Any, List

import pytest

from local_server import LocalServer, Reply
from runtime_package import SESSION, THREAD

BLOCK = bytes(range(256)) * 256  # 64 KiB
BLOCKS = 800  # 50 MiB in all
SIZE = len(BLOCK) * BLOCKS


def big_download(server: LocalServer) -> None:
    # The same block object, flushed one by one: the server holds 64 KiB, not 50 MiB.
    headers = {"Content-Type": "application/octet-stream"}
    server.reply(Reply(headers=headers, chunks=[BLOCK] * BLOCKS))


def test_streaming_response_headers_first_then_parse(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.json(THREAD, **{"x-request-id": "req_9"})
    threads = client.beta.chatkit.threads
    with threads.with_streaming_response.retrieve("cthr_1") as response:
        assert isinstance(response, sdk.APIResponse)
        assert response.status_code == 200 and response.request_id == "req_9"
        assert response.headers["content-type"] == "application/json"
        assert not response.http_response.is_stream_consumed  # nothing read yet
        thread = response.parse()
        assert isinstance(thread, sdk.types.models.ChatKitThread)
        assert thread.id == "cthr_1" and response.parse() is thread
    assert response.http_response.is_closed
    assert server.received[0].path == "/v1/chatkit/threads/cthr_1"
    # The streaming mode ends with the call.
    server.json(THREAD)
    assert isinstance(threads.retrieve("cthr_1"), sdk.types.models.ChatKitThread)


def test_streaming_response_body_in_lines_and_text(
    client: Any, server: LocalServer
) -> None:
    body = json.dumps(THREAD, indent=1)
    server.reply(Reply(body=body, headers={"Content-Type": "application/json"}))
    server.reply(Reply(body=body, headers={"Content-Type": "application/json"}))
    threads = client.beta.chatkit.threads
    with threads.with_streaming_response.retrieve("cthr_1") as response:
        assert list(response.iter_lines()) == body.splitlines()
    with threads.with_streaming_response.retrieve("cthr_1") as response:
        assert "".join(response.iter_text(7)) == body


def test_streaming_response_closes_on_exit_unread_or_on_error(
    client: Any, server: LocalServer
) -> None:
    server.json(THREAD)
    server.json(THREAD)
    threads = client.beta.chatkit.threads
    with threads.with_streaming_response.retrieve("cthr_1") as unread:
        pass
    assert unread.http_response.is_closed
    with pytest.raises(KeyError):
        with threads.with_streaming_response.retrieve("cthr_1") as failing:
            raise KeyError("inside the block")
    assert failing.http_response.is_closed


def test_streaming_response_error_status_raises_on_entry(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.json({"error": {"message": "no such thread"}}, status=404)
    manager = client.beta.chatkit.threads.with_streaming_response.retrieve("nope")
    assert not server.received  # sent on entry, not on the call
    with pytest.raises(sdk.NotFoundError):
        with manager:
            pass
    assert len(server.received) == 1


def test_streaming_response_of_a_list(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.json({"data": [THREAD], "has_more": False})
    with client.beta.chatkit.threads.with_streaming_response.list(limit=1) as response:
        assert not response.http_response.is_stream_consumed
        page = response.parse()
    assert isinstance(page, sdk.SyncCursorPage)
    assert [t.id for t in page] == ["cthr_1"]
    assert server.received[0].query == [("limit", "1")]


def test_async_streaming_response(
    sdk: ModuleType, async_client: Any, server: LocalServer
) -> None:
    body = json.dumps(THREAD, indent=1)
    server.reply(Reply(body=body, headers={"Content-Type": "application/json"}))
    server.reply(Reply(body=body, headers={"Content-Type": "application/json"}))
    server.json({"data": [THREAD], "has_more": False})

    async def run() -> None:
        threads = async_client.beta.chatkit.threads
        async with async_client:
            async with threads.with_streaming_response.retrieve("cthr_1") as response:
                assert isinstance(response, sdk.AsyncAPIResponse)
                assert response.status_code == 200
                assert not response.http_response.is_stream_consumed
                thread = await response.parse()
                assert isinstance(thread, sdk.types.models.ChatKitThread)
            assert response.http_response.is_closed
            async with threads.with_streaming_response.retrieve("cthr_1") as response:
                lines = [line async for line in response.iter_lines()]
                assert lines == body.splitlines()
            assert response.http_response.is_closed
            async with threads.with_streaming_response.list() as listed:
                page = await listed.parse()
                assert isinstance(page, sdk.AsyncCursorPage)
                assert [t.id for t in page.items] == ["cthr_1"]

    asyncio.run(run())


def test_client_level_streaming_and_raw_response(
    sdk: ModuleType, client: Any, async_client: Any, server: LocalServer
) -> None:
    # As in the official SDK: `client.with_streaming_response.<resource path>.<method>(...)`.
    for _ in range(4):
        server.json(SESSION, **{"x-request-id": "req_1"})
    create = {"user": "u", "workflow": {"id": "wf_1"}}
    sessions = client.with_streaming_response.beta.chatkit.sessions
    assert client.with_streaming_response is client.with_streaming_response
    manager = sessions.create(**create)
    assert not server.received  # sent on entry
    with manager as response:
        assert isinstance(response, sdk.APIResponse) and response.request_id == "req_1"
        assert not response.http_response.is_stream_consumed
        session = response.parse()
        assert isinstance(session, sdk.types.models.ChatSession)
    assert response.http_response.is_closed and session.id == SESSION["id"]
    raw = client.with_raw_response.beta.chatkit.sessions.create(**create)
    assert isinstance(raw, sdk.APIResponse) and raw.parse().id == SESSION["id"]

    async def run() -> None:
        async with async_client:
            streaming = async_client.with_streaming_response.beta.chatkit.sessions
            async with streaming.create(**create) as response:
                assert isinstance(response, sdk.AsyncAPIResponse)
                assert not response.http_response.is_stream_consumed
                session = await response.parse()
                assert isinstance(session, sdk.types.models.ChatSession)
            assert response.http_response.is_closed
            raw_sessions = async_client.with_raw_response.beta.chatkit.sessions
            raw = await raw_sessions.create(**create)
            assert (await raw.parse()).id == SESSION["id"]

    asyncio.run(run())
    assert [r.path for r in server.received] == ["/v1/chatkit/sessions"] * 4
    assert all(r.method == "POST" for r in server.received)


def test_binary_download_is_never_held_whole(
    standin: ModuleType, standin_client: Any, server: LocalServer
) -> None:
    big_download(server)
    big_download(server)
    largest, total = 0, 0
    tracemalloc.start()
    try:
        with standin_client.items.with_streaming_response.download("f") as response:
            assert response.headers["content-type"] == "application/octet-stream"
            for chunk in response.iter_bytes(256 * 1024):
                largest, total = max(largest, len(chunk)), total + len(chunk)
        streamed_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        # The same download read by the plain call, for scale: it holds the body whole.
        assert len(standin_client.items.download("f").content) == SIZE
        whole_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total == SIZE and largest <= 256 * 1024
    assert response.http_response.is_closed
    assert streamed_peak < SIZE // 10 < whole_peak


def test_binary_download_parse_streams_too(
    standin: ModuleType, standin_client: Any, server: LocalServer, tmp_path: Any
) -> None:
    big_download(server)
    target = tmp_path / "download.bin"
    tracemalloc.start()
    try:
        with standin_client.items.with_streaming_response.download("f") as response:
            binary = response.parse()
            assert isinstance(binary, standin.BinaryResponse)
            binary.write_to_file(target)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert target.stat().st_size == SIZE and peak < SIZE // 10


def test_async_binary_download_is_never_held_whole(
    standin_async_client: Any, server: LocalServer
) -> None:
    big_download(server)
    sizes: List[int] = []

    async def run() -> int:
        async with standin_async_client:
            items = standin_async_client.items
            async with items.with_streaming_response.download("f") as response:
                assert response.status_code == 200
                async for chunk in response.iter_bytes(256 * 1024):
                    sizes.append(len(chunk))
            assert response.http_response.is_closed
        return tracemalloc.get_traced_memory()[1]

    tracemalloc.start()
    try:
        peak = asyncio.run(run())
    finally:
        tracemalloc.stop()
    assert sum(sizes) == SIZE and max(sizes) <= 256 * 1024
    assert peak < SIZE // 10


def test_streaming_response_of_an_event_stream(
    standin: ModuleType,
    standin_client: Any,
    standin_async_client: Any,
    server: LocalServer,
) -> None:
    sse = {"Content-Type": "text/event-stream"}
    chunks = [b'data: {"type": "tick", "index": 1}\n\n', b"data: [DONE]\n\n"]
    server.reply(Reply(headers=sse, chunks=chunks), Reply(headers=sse, chunks=chunks))
    with standin_client.items.with_streaming_response.events("i") as response:
        assert response.headers["content-type"] == "text/event-stream"
        stream = response.parse()
        assert isinstance(stream, standin.Stream)
        assert [e.index for e in stream] == [1]
    assert response.http_response.is_closed

    async def run() -> None:
        async with standin_async_client:
            items = standin_async_client.items
            async with items.with_streaming_response.events("i") as response:
                stream = await response.parse()
                assert isinstance(stream, standin.AsyncStream)
                assert [e.index async for e in stream] == [1]

    asyncio.run(run())
