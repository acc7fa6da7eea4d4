"""Coverage the Prism mock cannot serve, against a local server: text/event-stream responses (typed
streams, sync and async, and OpenAI's `stream: true` switch), repeated multipart file parts, and an
`audio/*` download."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Iterator, List

import pytest

from coverage_sdk import EventServer, body_json, golden_sdk


@pytest.fixture(scope="module")
def server() -> Iterator[EventServer]:
    running = EventServer()
    yield running
    running.close()


@pytest.fixture
def events(server: EventServer) -> EventServer:
    server.replies.clear()
    server.received.clear()
    return server


def test_an_operation_that_always_streams(events: EventServer) -> None:
    sdk = golden_sdk("cov_streaming")
    events.events({"type": "message", "text": "hi"}, {"type": "ping"}, {"type": "message", "text": "bye"})
    with sdk.Client(base_url=events.url) as client:
        stream = client.events.list(topic="news")
        assert isinstance(stream, sdk.Stream)
        received = list(stream)
    assert [type(e).__name__ for e in received] == ["MessageEvent", "PingEvent", "MessageEvent"]
    assert received[2].text == "bye"
    request = events.received[0]
    assert request["path"] == "/events?topic=news" and request["headers"]["accept"] == "text/event-stream"


def test_stream_true_returns_typed_chunks(events: EventServer) -> None:
    sdk = golden_sdk("cov_streaming")
    events.events({"id": "c1", "delta": "Hel"}, {"id": "c1", "delta": "lo"}, done=True)
    with sdk.Client(base_url=events.url) as client:
        chunks = client.completions.create(prompt="Say hello", stream=True)
        assert isinstance(chunks, sdk.Stream)
        deltas = [chunk.delta for chunk in chunks]
    assert deltas == ["Hel", "lo"]
    assert body_json(events.received[0]) == {"prompt": "Say hello", "stream": True}
    assert events.received[0]["headers"]["accept"] == "text/event-stream"


def test_stream_left_out_or_false_returns_the_json_response(events: EventServer) -> None:
    sdk = golden_sdk("cov_streaming")
    events.json({"id": "c1", "text": "Hello"})
    events.json({"id": "c2", "text": "Hi"})
    with sdk.Client(base_url=events.url) as client:
        first = client.completions.create(prompt="Say hello")
        second = client.completions.create(prompt="Say hi", stream=False, max_tokens=5)
    assert isinstance(first, sdk.types.Completion) and first.text == "Hello"
    assert isinstance(second, sdk.types.Completion) and second.text == "Hi"
    assert body_json(events.received[1]) == {"prompt": "Say hi", "max_tokens": 5, "stream": False}


def test_async_streams(events: EventServer) -> None:
    sdk = golden_sdk("cov_streaming")
    events.events({"id": "c1", "delta": "a"}, {"id": "c1", "delta": "b"}, done=True)
    events.events({"type": "ping"})

    async def main() -> List[Any]:
        async with sdk.AsyncClient(base_url=events.url) as client:
            chunks = await client.completions.create(prompt="p", stream=True)
            assert isinstance(chunks, sdk.AsyncStream)
            deltas = [chunk.delta async for chunk in chunks]
            pings = [event async for event in await client.events.list()]
            return [deltas, pings]

    deltas, pings = asyncio.run(main())
    assert deltas == ["a", "b"] and type(pings[0]).__name__ == "PingEvent"


def test_stream_format_sse_beside_a_binary_response(events: EventServer) -> None:
    sdk = golden_sdk("cov_streaming")
    events.replies.append((200, {"Content-Type": "application/octet-stream"}, b"ID3audio"))
    events.events({"type": "speech.audio.delta", "audio": "AAA="}, {"type": "speech.audio.done", "audio": ""})
    with sdk.Client(base_url=events.url) as client:
        audio = client.speech.create(input="hello")
        assert isinstance(audio, sdk.BinaryResponse) and audio.content == b"ID3audio"
        speech_events = list(client.speech.create(input="hello", stream_format="sse"))
    assert [e.type for e in speech_events] == ["speech.audio.delta", "speech.audio.done"]
    assert events.received[0]["headers"]["accept"] == "application/octet-stream, text/event-stream"
    assert body_json(events.received[1]) == {"input": "hello", "stream_format": "sse"}


def test_multipart_repeated_file_parts(events: EventServer) -> None:
    sdk = golden_sdk("cov_formats_files")
    events.json({"id": "f", "filename": "a.txt", "bytes": 1, "purpose": "batch"})
    with sdk.Client(base_url=events.url) as client:
        client.files.create(
            file=("a.txt", b"A"), purpose="batch", attachments=[("b.txt", b"B"), ("c.txt", b"C")], expires_after_days=2
        )
    request = events.received[0]
    assert request["headers"]["content-type"].startswith("multipart/form-data; boundary=")
    body = request["body"].decode()
    assert body.count('name="attachments"') == 2 and 'filename="c.txt"' in body
    assert 'name="purpose"\r\n\r\nbatch' in body and 'name="expires_after_days"\r\n\r\n2' in body


def test_audio_download_asks_for_its_media_type(events: EventServer) -> None:
    sdk = golden_sdk("cov_formats_files")
    events.replies.append((200, {"Content-Type": "audio/mpeg"}, b"\xff\xfbmp3"))
    with sdk.Client(base_url=events.url) as client:
        audio = client.speech.create(input="hi")
    assert audio.content == b"\xff\xfbmp3"
    assert events.received[0]["headers"]["accept"] == "audio/mpeg"
    assert json.loads(events.received[0]["body"]) == {"input": "hi"}


def test_raw_response_of_a_switched_stream(events: EventServer) -> None:
    sdk = golden_sdk("cov_streaming")
    events.events({"id": "c1", "delta": "x"}, done=True)
    events.json({"id": "c2", "text": "y"})
    with sdk.Client(base_url=events.url) as client:
        raw = client.completions.with_raw_response.create(prompt="p", stream=True)
        assert raw.headers["content-type"] == "text/event-stream"
        assert [chunk.delta for chunk in raw.parse()] == ["x"]
        plain = client.completions.with_raw_response.create(prompt="p")
        assert plain.parse().text == "y"
