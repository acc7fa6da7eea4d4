"""How a method is asked to return its response unparsed: `with_raw_response` and
`with_streaming_response` wrap each method so the client hands back the `APIResponse`.
"""

from __future__ import annotations

import contextvars
import functools
from types import TracebackType
from typing import Awaitable, Callable, Generic, Optional, Type, TypeVar, cast

from typing_extensions import ParamSpec

from ._response import APIResponse, AsyncAPIResponse

__all__ = [
    "AsyncResponseContextManager",
    "ResponseContextManager",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "raw_response_requested",
    "streaming_response_requested",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
]

P = ParamSpec("P")
R = TypeVar("R")

# Set while a `with_raw_response` method runs: the client then returns the APIResponse unparsed.
_raw_response = contextvars.ContextVar("raw_response", default=False)


# Set with it in `with_streaming_response`: the body is not read before the call returns.
_streaming_response = contextvars.ContextVar("streaming_response", default=False)


def raw_response_requested() -> bool:
    return _raw_response.get()


def streaming_response_requested() -> bool:
    return _streaming_response.get()


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """`func` returning its `APIResponse` instead of the parsed result."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = _raw_response.set(True)
        try:
            return cast(APIResponse[R], func(*args, **kwargs))
        finally:
            _raw_response.reset(token)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    """`func` (async, or returning an awaitable paginator) returning its `AsyncAPIResponse`."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncAPIResponse[R]:
        token = _raw_response.set(True)
        try:
            return cast(AsyncAPIResponse[R], await func(*args, **kwargs))
        finally:
            _raw_response.reset(token)

    return wrapped


class ResponseContextManager(Generic[R]):
    """`with client.x.with_streaming_response.y(...) as response:` sends on entry, closes on exit."""

    def __init__(self, send: Callable[[], APIResponse[R]]) -> None:
        self._send = send
        self._response: Optional[APIResponse[R]] = None

    def __enter__(self) -> APIResponse[R]:
        self._response = self._send()
        return self._response

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        if self._response is not None:
            self._response.close()


class AsyncResponseContextManager(Generic[R]):
    """`async with client.x.with_streaming_response.y(...) as response:`."""

    def __init__(self, send: Callable[[], Awaitable[AsyncAPIResponse[R]]]) -> None:
        self._send = send
        self._response: Optional[AsyncAPIResponse[R]] = None

    async def __aenter__(self) -> AsyncAPIResponse[R]:
        self._response = await self._send()
        return self._response

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        if self._response is not None:
            await self._response.close()


def to_streamed_response_wrapper(
    func: Callable[P, R],
) -> Callable[P, ResponseContextManager[R]]:
    """`func` returning a context manager of its `APIResponse`, the body not read yet."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseContextManager[R]:
        def send() -> APIResponse[R]:
            raw = _raw_response.set(True)
            streaming = _streaming_response.set(True)
            try:
                return cast(APIResponse[R], func(*args, **kwargs))
            finally:
                _streaming_response.reset(streaming)
                _raw_response.reset(raw)

        return ResponseContextManager(send)

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncResponseContextManager[R]]:
    """`func` (async, or returning an awaitable paginator) as an async context manager."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncResponseContextManager[R]:
        async def send() -> AsyncAPIResponse[R]:
            raw = _raw_response.set(True)
            streaming = _streaming_response.set(True)
            try:
                return cast(AsyncAPIResponse[R], await func(*args, **kwargs))
            finally:
                _streaming_response.reset(streaming)
                _raw_response.reset(raw)

        return AsyncResponseContextManager(send)

    return wrapped
