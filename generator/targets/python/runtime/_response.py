"""What a call returns before parsing (the `APIResponse` of `with_raw_response` and
`with_streaming_response`), and how the body becomes the result."""

from __future__ import annotations

import json
import os
from typing import (
    Any,
    AsyncIterator,
    Callable,
    Generic,
    Iterator,
    Optional,
    TypeVar,
    Union,
    cast,
)

import httpx

from ._exceptions import APIResponseValidationError, nested_too_deeply
from ._models import parse_response
from ._streaming import DEFAULT_MAX_EVENT_BYTES, AsyncStream, Stream, check_event_stream
from ._transport import BodyTooLarge, Deadline, aread_body, read_body

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "BinaryResponse",
    "aread_bounded",
    "read_bounded",
    "streamed_body",
]

R = TypeVar("R")


def streamed_body(response: Any, *, events: bool) -> Any:
    """The APIResponse of a request sent unread for `with_streaming_response`; `events`: whether
    the call itself returns an event stream (else `parse()` reads the body first)."""
    if isinstance(response, _BaseAPIResponse):
        # This module's own class: the attribute is private to the module, not the class.
        response._stream = events  # pyright: ignore[reportPrivateUsage]
    return response


# A body read after the call's deadline (under `with_streaming_response`) has httpx's per-read
# timeout only, as a stream has.
_NO_DEADLINE = Deadline(lambda: 0.0, None)


def read_bounded(
    response: httpx.Response, deadline: Deadline, limit: Optional[int]
) -> bytes:
    """The whole decoded body (read once, then kept): past `limit` bytes (None: no limit),
    APIResponseValidationError, the response closed."""
    try:
        return response.content
    except httpx.ResponseNotRead:
        pass
    try:
        return read_body(response, deadline, limit)
    except BodyTooLarge as error:
        raise _too_large(response, error) from None


async def aread_bounded(
    response: httpx.Response, deadline: Deadline, limit: Optional[int]
) -> bytes:
    try:
        return response.content
    except httpx.ResponseNotRead:
        pass
    try:
        return await aread_body(response, deadline, limit)
    except BodyTooLarge as error:
        raise _too_large(response, error) from None


def _too_large(
    response: httpx.Response, error: Exception
) -> APIResponseValidationError:
    return APIResponseValidationError(response, body=None, message=str(error))


class BinaryResponse:
    """A response body that is not JSON (a file download, audio...).

    `content` and `text` hold it whole, so they stop at the client's `max_response_bytes`;
    `iter_bytes` and `write_to_file` stream it, unbounded.
    """

    def __init__(
        self, response: httpx.Response, max_bytes: Optional[int] = None
    ) -> None:
        self.http_response = response
        self._max_bytes = max_bytes

    @property
    def content(self) -> bytes:
        return read_bounded(self.http_response, _NO_DEADLINE, self._max_bytes)

    @property
    def text(self) -> str:
        read_bounded(self.http_response, _NO_DEADLINE, self._max_bytes)
        return self.http_response.text

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def write_to_file(self, path: Union[str, os.PathLike[str]]) -> None:
        with open(path, "wb") as file:
            for chunk in self.iter_bytes():
                file.write(chunk)


# Called with the decoded JSON body; builds a page that knows how to fetch the next one.
PageBuilder = Callable[[object], Any]


class _BaseAPIResponse:
    def __init__(
        self,
        response: httpx.Response,
        *,
        cast_to: Any,
        stream: bool = False,
        page_builder: Optional[PageBuilder] = None,
        retries_taken: int = 0,
        max_response_bytes: Optional[int] = None,
        max_event_bytes: Optional[int] = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        self.http_response = response
        self.retries_taken = retries_taken
        self._cast_to = cast_to
        self._stream = stream
        self._page_builder = page_builder
        # The client's limits: for a body read whole, and for one event of a stream.
        self._max_response_bytes = max_response_bytes
        self._max_event_bytes = max_event_bytes

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def request_id(self) -> Optional[str]:
        request_id: Optional[str] = self.http_response.headers.get("x-request-id")
        return request_id

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.method} {self.url}>"

    def _is_lazy_body(self) -> bool:
        """A body parse() hands over unread: a binary download streams from the response."""
        return self._page_builder is None and self._cast_to in (
            BinaryResponse,
            httpx.Response,
        )

    def _parse_read_body(self) -> Any:
        response, cast_to = self.http_response, self._cast_to
        if self._page_builder is not None:
            return self._page_builder(self._json())
        if cast_to is None:
            return None
        if cast_to is BinaryResponse:
            return BinaryResponse(response, self._max_response_bytes)
        if cast_to is httpx.Response:
            return response
        if cast_to is str:
            return response.text
        if cast_to is bytes:
            return response.content
        return parse_response(cast_to, self._json())

    def _json(self) -> object:
        response = self.http_response
        if not response.content:
            return None
        try:
            return json.loads(response.content)
        except RecursionError:
            raise nested_too_deeply(response) from None
        except ValueError:
            content_type = response.headers.get("content-type", "no content type")
            raise APIResponseValidationError(
                response,
                body=response.text,
                message=f"Expected a JSON response body, got {content_type}",
            ) from None


class APIResponse(_BaseAPIResponse, Generic[R]):
    """The HTTP response of a call; `parse()` gives what the call would have returned.

    `read()`, `text()`, `json()` and `parse()` hold the body whole: past the client's
    `max_response_bytes` they raise APIResponseValidationError. `iter_*` stream it, unbounded.
    """

    _parsed: Optional[R] = None

    def parse(self) -> R:
        if self._parsed is None:
            if self._stream:
                try:
                    check_event_stream(self.http_response)
                except APIResponseValidationError:
                    self.http_response.close()
                    raise
                stream: Stream[Any] = Stream(
                    self._cast_to,
                    self.http_response,
                    max_event_bytes=self._max_event_bytes,
                )
                self._parsed = cast(R, stream)
            else:
                if not self._is_lazy_body():
                    self.read()
                self._parsed = cast(R, self._parse_read_body())
        return self._parsed

    def read(self) -> bytes:
        """The whole body (read into memory, at most `max_response_bytes`)."""
        return read_bounded(self.http_response, _NO_DEADLINE, self._max_response_bytes)

    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> object:
        """The body decoded as JSON (not JSON: APIResponseValidationError)."""
        self.read()
        return self._json()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        """The body in chunks, as it arrives (under `with_streaming_response`, never held whole)."""
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def close(self) -> None:
        self.http_response.close()


class AsyncAPIResponse(_BaseAPIResponse, Generic[R]):
    _parsed: Optional[R] = None

    async def parse(self) -> R:
        if self._parsed is None:
            if self._stream:
                try:
                    check_event_stream(self.http_response)
                except APIResponseValidationError:
                    await self.http_response.aclose()
                    raise
                stream: AsyncStream[Any] = AsyncStream(
                    self._cast_to,
                    self.http_response,
                    max_event_bytes=self._max_event_bytes,
                )
                self._parsed = cast(R, stream)
            else:
                await self.read()
                self._parsed = cast(R, self._parse_read_body())
        return self._parsed

    async def read(self) -> bytes:
        return await aread_bounded(
            self.http_response, _NO_DEADLINE, self._max_response_bytes
        )

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> object:
        await self.read()
        return self._json()

    async def iter_bytes(
        self, chunk_size: Optional[int] = None
    ) -> AsyncIterator[bytes]:
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        async for text in self.http_response.aiter_text(chunk_size):
            yield text

    async def iter_lines(self) -> AsyncIterator[str]:
        async for line in self.http_response.aiter_lines():
            yield line

    async def close(self) -> None:
        await self.http_response.aclose()
