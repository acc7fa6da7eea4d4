"""Server-sent event streams (`text/event-stream`), each event's data parsed like a response body."""

from __future__ import annotations

import json
import re
from types import TracebackType
from typing import (
    Any,
    AsyncIterable,
    AsyncIterator,
    Generic,
    Iterable,
    Iterator,
    List,
    Optional,
    Type,
    TypeVar,
)

import httpx

from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    make_connection_error,
    nested_too_deeply,
)
from ._models import parse_response
from ._types import is_dict

__all__ = [
    "AsyncStream",
    "DEFAULT_MAX_EVENT_BYTES",
    "IncompleteEventError",
    "SSEDecodeError",
    "SSEDecoder",
    "ServerSentEvent",
    "Stream",
    "StreamError",
    "check_event_stream",
]

T = TypeVar("T")


class ServerSentEvent:
    def __init__(
        self,
        *,
        data: str,
        event: Optional[str] = None,
        id: Optional[str] = None,
        retry: Optional[int] = None,
    ) -> None:
        self.data = data
        self.event = event
        self.id = id
        self.retry = retry

    def json(self) -> Any:
        return json.loads(self.data)

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r})"


# Only CR, LF and CRLF end a line (str.splitlines would also split on U+2028 inside JSON).
_LINE_END = re.compile(rb"[\r\n]")

# The default of the client's `max_event_bytes`: the most bytes one event may have (None: no limit).
DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024


class SSEDecodeError(ValueError):
    """The bytes are not a complete event stream: an event over the size cap, or cut short."""


class IncompleteEventError(SSEDecodeError):
    """The stream ended inside an event (before the blank line that ends it); `.event` is the part."""

    def __init__(self, message: str, event: ServerSentEvent) -> None:
        super().__init__(message)
        self.event = event


class SSEDecoder:
    """Turns the bytes of a stream, in chunks of any size, into events (per the WHATWG spec).

    Work is linear in the input: each byte is searched for a line end once and copied out once.
    An event (its data lines, or one line) longer than `max_event_bytes` raises SSEDecodeError
    (None: no limit).
    """

    def __init__(
        self, *, max_event_bytes: Optional[int] = DEFAULT_MAX_EVENT_BYTES
    ) -> None:
        self.max_event_bytes = max_event_bytes
        self._buffer = bytearray()  # starts at the first byte of an unfinished line
        self._scanned = 0  # bytes of the buffer already searched for a line end
        self._data: List[str] = []
        self._data_bytes = 0
        self._event: Optional[str] = None
        self._id: Optional[str] = None
        self._retry: Optional[int] = None
        self._failed: Optional[SSEDecodeError] = None

    def iter_events(self, chunks: Iterable[bytes]) -> Iterator[ServerSentEvent]:
        for chunk in chunks:
            yield from self.feed(chunk)
        yield from self.flush()

    async def aiter_events(
        self, chunks: AsyncIterable[bytes]
    ) -> AsyncIterator[ServerSentEvent]:
        async for chunk in chunks:
            for event in self.feed(chunk):
                yield event
        for event in self.flush():
            yield event

    def feed(self, chunk: bytes) -> List[ServerSentEvent]:
        """The events `chunk` completes. An event over the cap raises, after the events before it."""
        if self._failed is not None:
            raise self._failed
        events: List[ServerSentEvent] = []
        try:
            self._feed(chunk, events)
        except SSEDecodeError as error:
            if not events:
                raise
            self._failed = error
        return events

    def _feed(self, chunk: bytes, events: List[ServerSentEvent]) -> None:
        buffer = self._buffer
        buffer += chunk
        start = 0
        while True:
            found = _LINE_END.search(buffer, self._scanned)
            if found is None:
                self._scanned = len(buffer)
                break
            end = found.start()
            if buffer[end] == 0x0D and end + 1 == len(buffer):
                # A CR last may be half a CRLF: wait for the next byte.
                self._scanned = end
                break
            after = end + 2 if buffer.startswith(b"\r\n", end) else end + 1
            event = self._line(bytes(buffer[start:end]))
            if event is not None:
                events.append(event)
            start = self._scanned = after
        del buffer[:start]
        self._scanned -= start
        if self._over_limit(len(buffer)):
            raise self._too_large()

    def flush(self) -> List[ServerSentEvent]:
        """The end of the stream: a last line without its line end is read, then an event the
        stream ended inside (no blank line after it) raises IncompleteEventError, per the spec's
        rule that such an event is not dispatched."""
        if self._failed is not None:
            raise self._failed
        events: List[ServerSentEvent] = []
        if self._buffer:
            # Only the last line can be left, and only a CR can end it (it waited for an LF).
            line = bytes(self._buffer.rstrip(b"\r"))
            self._buffer.clear()
            self._scanned = 0
            event = self._line(line)
            if event is not None:
                events.append(event)
        if self._data:
            partial = self._dispatch()
            assert partial is not None
            raise IncompleteEventError(
                "The stream ended in the middle of an event (no blank line after it).",
                partial,
            )
        self._event = None
        return events

    def _over_limit(self, size: int) -> bool:
        return self.max_event_bytes is not None and size > self.max_event_bytes

    def _too_large(self) -> SSEDecodeError:
        return SSEDecodeError(
            f"A server-sent event is larger than max_event_bytes ({self.max_event_bytes}):"
            " raise the client's limit (`max_event_bytes`) to accept it."
        )

    def _line(self, raw: bytes) -> Optional[ServerSentEvent]:
        if not raw:
            return self._dispatch()
        line = raw.decode("utf-8", errors="replace")
        if line.startswith(":"):
            return None
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "data":
            self._data_bytes += len(raw) + 1
            if self._over_limit(self._data_bytes):
                raise self._too_large()
            self._data.append(value)
        elif field == "event":
            self._event = value
        elif field == "id" and "\0" not in value:
            self._id = value
        elif field == "retry" and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> Optional[ServerSentEvent]:
        if not self._data:
            self._event = None
            return None
        event = ServerSentEvent(
            data="\n".join(self._data),
            event=self._event,
            id=self._id,
            retry=self._retry,
        )
        self._data, self._data_bytes, self._event = [], 0, None
        return event


def _parse_event(cast_to: Any, sse: ServerSentEvent, response: httpx.Response) -> Any:
    try:
        data: object = sse.json()
    except RecursionError:
        raise nested_too_deeply(response) from None
    except ValueError:
        data = sse.data
    if is_dict(data) and (sse.event == "error" or data.get("error")):
        error = data.get("error", data)
        message = error.get("message") if is_dict(error) else None
        raise APIError(
            str(message or error or "An error occurred during streaming"),
            response.request,
            body=data,
        )
    return parse_response(cast_to, data)


def _is_done(sse: ServerSentEvent) -> bool:
    return sse.data.startswith("[DONE]")


class StreamError(APIConnectionError):
    """The event stream broke off: cut in the middle of an event, or an event over the size cap."""


def check_event_stream(response: httpx.Response) -> None:
    """Raise APIResponseValidationError unless the response is `text/event-stream`."""
    content_type = response.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "text/event-stream":
        got = repr(content_type) if content_type else "no content type"
        raise APIResponseValidationError(
            response,
            body=None,
            message=f"Expected a text/event-stream response (server-sent events), got {got}",
        )


def _stream_error(error: SSEDecodeError, response: httpx.Response) -> StreamError:
    return StreamError(request=response.request, message=str(error))


class Stream(Generic[T]):
    """The events of a streamed response, parsed; closes the response at the end.

    A stream that ends inside an event, or an event over `max_event_bytes`, raises StreamError (an
    APIConnectionError). The client passes its own `max_event_bytes`; the attribute may be changed
    before the stream is iterated.
    """

    def __init__(
        self,
        cast_to: Any,
        response: httpx.Response,
        *,
        max_event_bytes: Optional[int] = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        self.response = response
        self.max_event_bytes = max_event_bytes
        self._cast_to = cast_to
        self._iterator = self._events()

    def _events(self) -> Iterator[T]:
        decoder = SSEDecoder(max_event_bytes=self.max_event_bytes)
        try:
            for sse in decoder.iter_events(self.response.iter_bytes()):
                if _is_done(sse):
                    break
                yield _parse_event(self._cast_to, sse, self.response)
        except IncompleteEventError as error:
            if not _is_done(error.event):
                raise _stream_error(error, self.response) from None
        except SSEDecodeError as error:
            raise _stream_error(error, self.response) from None
        except httpx.TransportError as error:
            raise make_connection_error(error, self.response.request) from error
        finally:
            self.response.close()

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """The async Stream: the same errors and `max_event_bytes`."""

    def __init__(
        self,
        cast_to: Any,
        response: httpx.Response,
        *,
        max_event_bytes: Optional[int] = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        self.response = response
        self.max_event_bytes = max_event_bytes
        self._cast_to = cast_to
        self._iterator = self._events()

    async def _events(self) -> AsyncIterator[T]:
        decoder = SSEDecoder(max_event_bytes=self.max_event_bytes)
        events = decoder.aiter_events(self.response.aiter_bytes())
        try:
            async for sse in events:
                if _is_done(sse):
                    break
                yield _parse_event(self._cast_to, sse, self.response)
        except IncompleteEventError as error:
            if not _is_done(error.event):
                raise _stream_error(error, self.response) from None
        except SSEDecodeError as error:
            raise _stream_error(error, self.response) from None
        except httpx.TransportError as error:
            raise make_connection_error(error, self.response.request) from error
        finally:
            await self.response.aclose()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        await self.close()
