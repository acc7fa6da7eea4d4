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


@pytest.mark.parametrize(
    "tail", [b"data: last", b"data: last\n", b"data: last\r", b"data: 1\n\ndata: 2\n"]
)
def test_decoder_refuses_an_event_the_stream_ended_inside(
    standin: ModuleType, tail: bytes
) -> None:
    # The spec: an event the stream ends inside (before its blank line) is not dispatched.
    with pytest.raises(standin._streaming.IncompleteEventError) as caught:
        decode(standin, tail)
    assert caught.value.event.data == tail.split(b"\n\n")[-1][6:].strip().decode()


def test_decoder_ignores_an_unfinished_comment_or_field_at_the_end(
    standin: ModuleType,
) -> None:
    assert [e.data for e in decode(standin, b"data: 1\n\n: bye")] == ["1"]
    assert [e.data for e in decode(standin, b"data: 1\n\nevent: x\n")] == ["1"]


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


class SearchSpy:
    """Stands in for the decoder's line-end pattern, counting the bytes each search may scan."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.scanned = 0
        self.calls = 0

    def search(self, buffer: bytearray, pos: int) -> Any:
        self.calls += 1
        found = self.pattern.search(buffer, pos)
        self.scanned += (found.end() if found else len(buffer)) - pos
        return found


@pytest.fixture
def spy(standin: ModuleType, monkeypatch: pytest.MonkeyPatch) -> SearchSpy:
    """The decoder's line-end searches, counted."""
    spy = SearchSpy(standin._streaming._LINE_END)
    monkeypatch.setattr(standin._streaming, "_LINE_END", spy)
    return spy


def test_decoder_work_is_linear_in_a_32_mb_line(
    standin: ModuleType, spy: SearchSpy
) -> None:
    streaming = standin._streaming
    size = 32 * 1024 * 1024
    stream = b"data: " + b"x" * size + b"\n\ndata: 2\r\n\r\n"
    chunks = [stream[i : i + 65536] for i in range(0, len(stream), 65536)]
    decoder = streaming.SSEDecoder(max_event_bytes=64 * 1024 * 1024)
    events = list(decoder.iter_events(chunks))
    assert [len(e.data) for e in events] == [size, 1]
    # Each byte is searched for a line end once: the old decoder re-joined and re-split the whole
    # pending line on each of the 513 chunks (about 8.6 GB copied for this line, 14 s).
    assert spy.scanned <= len(stream) + 8
    assert spy.calls <= len(chunks) + 8
    assert len(decoder._buffer) == 0


def test_decoder_work_is_linear_in_many_short_lines(
    standin: ModuleType, spy: SearchSpy
) -> None:
    stream = b"".join(b"data: %d\n\n" % i for i in range(20000))
    assert len(decode(standin, stream)) == 20000
    assert spy.scanned <= 2 * len(stream)


def test_decoder_caps_one_event(standin: ModuleType) -> None:
    streaming = standin._streaming
    assert streaming.SSEDecoder().max_event_bytes == 16 * 1024 * 1024
    one_line = [b"data: " + b"x" * 600, b"x" * 600]
    many_lines = [b"data: " + b"x" * 100 + b"\n"] * 20
    for chunks in (one_line, many_lines):
        decoder = streaming.SSEDecoder(max_event_bytes=1000)
        with pytest.raises(streaming.SSEDecodeError, match="max_event_bytes"):
            list(decoder.iter_events(chunks))
    # Events under the cap, however many, are fine: the cap is per event.
    small = [b"data: " + b"x" * 500 + b"\n\n"] * 10
    decoder = streaming.SSEDecoder(max_event_bytes=1000)
    assert len(list(decoder.iter_events(small))) == 10


def test_decoder_replaces_bytes_that_are_not_utf8(standin: ModuleType) -> None:
    assert [e.data for e in decode(standin, b"data: a\xffb\n\n")] == ["a\ufffdb"]


CUT_TAILS = [
    b'data: {"type": "tick", "ind',  # in the middle of a line
    b'data: {"type": "tick", "index": 2}\n',  # before the blank line
]


@pytest.mark.parametrize("tail", CUT_TAILS)
def test_stream_cut_mid_event_raises(
    standin: ModuleType, standin_client: Any, server: LocalServer, tail: bytes
) -> None:
    # No Content-Length: the closed connection looks like a clean end to HTTP.
    server.reply(Reply(headers=SSE, chunks=[event(1), tail]))
    stream = standin_client.items.events("item_1")
    assert next(stream).index == 1
    with pytest.raises(standin._streaming.StreamError, match="middle of an event"):
        next(stream)
    assert issubclass(standin._streaming.StreamError, standin.APIConnectionError)
    assert stream.response.is_closed


def test_stream_done_without_final_blank_line_ends_cleanly(
    standin_client: Any, server: LocalServer
) -> None:
    server.reply(Reply(headers=SSE, chunks=[event(1), b"data: [DONE]"]))
    assert [e.index for e in standin_client.items.events("item_1")] == [1]


def test_stream_event_over_the_cap_raises(
    standin: ModuleType, standin_client: Any, server: LocalServer
) -> None:
    big = b"data: " + b"x" * 5000 + b"\n\n"
    server.reply(Reply(headers=SSE, chunks=[event(1), big, event(3)]))
    server.reply(Reply(headers=SSE, chunks=[event(1), big, event(3)]))
    stream = standin_client.items.events("item_1")
    stream.max_event_bytes = 4096
    assert next(stream).index == 1
    with pytest.raises(standin._streaming.StreamError, match="max_event_bytes"):
        next(stream)
    assert stream.response.is_closed
    # Under the default cap (16 MiB) the same event is fine (a string: its data is not JSON).
    assert len(list(standin_client.items.events("item_1"))) == 3


@pytest.mark.parametrize(
    "headers, named",
    [
        ({"Content-Type": "text/html; charset=utf-8"}, "'text/html; charset=utf-8'"),
        ({}, "no content type"),
    ],
)
def test_stream_answered_with_another_content_type_raises(
    standin: ModuleType,
    standin_client: Any,
    standin_async_client: Any,
    server: LocalServer,
    headers: Any,
    named: str,
) -> None:
    server.reply(Reply(headers=headers, body="<html>maintenance</html>"))
    with pytest.raises(
        standin.APIResponseValidationError, match="text/event-stream"
    ) as caught:
        standin_client.items.events("item_1")
    assert named in str(caught.value)

    async def run() -> None:
        async with standin_async_client:
            with pytest.raises(standin.APIResponseValidationError, match=named):
                await standin_async_client.items.events("item_1")

    server.reply(Reply(headers=headers, body="<html>maintenance</html>"))
    asyncio.run(run())


@pytest.mark.parametrize("tail", CUT_TAILS)
def test_async_stream_cut_mid_event_or_over_the_cap_raises(
    standin: ModuleType, standin_async_client: Any, server: LocalServer, tail: bytes
) -> None:
    server.reply(Reply(headers=SSE, chunks=[event(1), tail]))
    big = b"data: " + b"x" * 5000 + b"\n\n"
    server.reply(Reply(headers=SSE, chunks=[event(1), big]))

    async def run() -> None:
        async with standin_async_client:
            stream = await standin_async_client.items.events("item_1")
            assert (await stream.__anext__()).index == 1
            with pytest.raises(standin.APIConnectionError, match="middle of an event"):
                await stream.__anext__()
            assert stream.response.is_closed
            stream = await standin_async_client.items.events("item_1")
            stream.max_event_bytes = 4096
            with pytest.raises(standin._streaming.StreamError, match="max_event_bytes"):
                [e async for e in stream]

    asyncio.run(run())


def test_stream_event_nested_too_deeply_is_a_validation_error(
    standin: ModuleType, standin_client: Any, server: LocalServer
) -> None:
    # An event's JSON past the parser's limit let a bare RecursionError out of the iterator.
    deep = b"[" * 100_000 + b"]" * 100_000
    server.reply(Reply(headers=SSE, chunks=[event(1), b"data: " + deep + b"\n\n"]))
    stream = standin_client.items.events("item_1")
    assert next(stream).index == 1
    with pytest.raises(standin.APIResponseValidationError, match="nested too deeply"):
        next(stream)
