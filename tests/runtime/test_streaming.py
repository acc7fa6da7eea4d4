"""Server-sent events: decoding, parsing each event, errors in the stream, closing."""

from __future__ import annotations

import asyncio
import json
from types import ModuleType
from typing import Any, List

import pytest

from local_server import LocalServer, Reply

SSE = {"Content-Type": "text/event-stream"}


def event(index: int, **extra: Any) -> bytes:
    return f"data: {json.dumps({'type': 'tick', 'index': index, **extra})}\n\n".encode()


def decode(standin: ModuleType, *chunks: bytes) -> List[Any]:
    return list(standin._streaming.SSEDecoder().iter_events(chunks))


def test_decoder_fields_comments_and_multiline_data(standin: ModuleType) -> None:
    events = decode(
        standin,
        b": keep-alive\n\n",
        b"event: delta\nid: 7\nretry: 100\ndata: line one\ndata:line two\n\n",
        b"data\n\n",
    )
    assert [(e.event, e.data, e.id, e.retry) for e in events] == [
        ("delta", "line one\nline two", "7", 100),
        (None, "", "7", 100),
    ]


def test_decoder_handles_any_chunking_and_line_endings(standin: ModuleType) -> None:
    stream = b'data: {"a": "x\xe2\x80\xa8y"}\r\n\r\ndata: 2\rdata: 3\r\r'
    whole = [e.data for e in decode(standin, stream)]
    assert whole == ['{"a": "x\u2028y"}', "2\n3"]
    one_byte_at_a_time = [
        e.data for e in decode(standin, *[bytes([b]) for b in stream])
    ]
    assert one_byte_at_a_time == whole


def test_decoder_flushes_an_event_without_final_blank_line(standin: ModuleType) -> None:
    assert [e.data for e in decode(standin, b"data: last")] == ["last"]


def test_stream_parses_events_until_done(
    standin: ModuleType, standin_client: Any, server: LocalServer
) -> None:
    server.reply(
        Reply(
            headers=SSE,
            chunks=[
                event(1),
                b'data: {"type": "tick", ',
                b'"index": 2, "new": true}\n\n',
            ]
            + [b"data: [DONE]\n\n", event(3)],
        )
    )
    with standin_client.items.events("item_1") as stream:
        events = list(stream)
    assert [(e.type, e.index) for e in events] == [("tick", 1), ("tick", 2)]
    assert isinstance(events[0], standin.types.Event)
    assert events[1].new is True
    assert stream.response.is_closed
    assert server.received[0].headers["accept"] == "text/event-stream"


def test_stream_closes_its_response_at_the_end(
    standin_client: Any, server: LocalServer
) -> None:
    server.reply(Reply(headers=SSE, chunks=[event(1), event(2)]))
    stream = standin_client.items.events("item_1")
    assert [e.index for e in stream] == [1, 2]
    assert stream.response.is_closed


def test_error_event_raises(
    standin: ModuleType, standin_client: Any, server: LocalServer
) -> None:
    error = {"error": {"message": "overloaded", "type": "server_error"}}
    server.reply(
        Reply(
            headers=SSE,
            chunks=[event(1), f"event: error\ndata: {json.dumps(error)}\n\n".encode()],
        )
    )
    stream = standin_client.items.events("item_1")
    assert next(stream).index == 1
    with pytest.raises(standin.APIError, match="overloaded") as caught:
        next(stream)
    assert caught.value.body == error


def test_connection_lost_mid_stream(
    standin: ModuleType, standin_client: Any, server: LocalServer
) -> None:
    # The body promises more bytes than it sends before the connection closes.
    headers = {**SSE, "Content-Length": "1000"}
    server.reply(Reply(headers=headers, chunks=[event(1)]))
    stream = standin_client.items.events("item_1")
    assert next(stream).index == 1
    with pytest.raises(standin.APIConnectionError):
        next(stream)
    assert stream.response.is_closed


def test_error_status_before_the_stream(
    standin: ModuleType, standin_client: Any, server: LocalServer
) -> None:
    server.json({"error": "nope"}, status=404)
    with pytest.raises(standin.NotFoundError) as caught:
        standin_client.items.events("item_1")
    assert caught.value.body == {"error": "nope"}


def test_async_stream(
    standin: ModuleType, standin_async_client: Any, server: LocalServer
) -> None:
    server.reply(Reply(headers=SSE, chunks=[event(1), event(2), b"data: [DONE]\n\n"]))
    server.reply(Reply(headers=SSE, chunks=[event(1), event(2)]))

    async def run() -> None:
        async with standin_async_client:
            stream = await standin_async_client.items.events("item_1")
            assert isinstance(stream, standin.AsyncStream)
            assert [e.index async for e in stream] == [1, 2]
            assert stream.response.is_closed
            async with await standin_async_client.items.events("item_1") as early:
                assert (await early.__anext__()).index == 1
            assert early.response.is_closed

    asyncio.run(run())
