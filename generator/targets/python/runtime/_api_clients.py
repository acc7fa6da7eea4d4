"""The sync and async clients under the generated `Client`/`AsyncClient`: sending with retries,
redirects and deadlines, and parsing the answer. What they share is `BaseClient` (`_base_client.py`).
"""

from __future__ import annotations

import asyncio
import time
from types import TracebackType
from typing import Any, Optional, Tuple, Type

import anyio
import httpx
from typing_extensions import Self

from ._base_client import BaseClient, log
from ._exceptions import (
    APIRedirectError,
    make_connection_error,
    make_status_error,
    nested_too_deeply,
)
from ._requests import RequestOptions
from ._response import (
    APIResponse,
    AsyncAPIResponse,
    PageBuilder,
    aread_bounded,
    read_bounded,
)
from ._response_modes import raw_response_requested
from ._retries import retry_delay, should_retry
from ._transport import MAX_REDIRECTS, Deadline, deadline_scope

__all__ = ["AsyncAPIClient", "SyncAPIClient"]


class SyncAPIClient(BaseClient[httpx.Client]):
    def _make_http_client(self) -> httpx.Client:
        return httpx.Client(timeout=self.timeout)

    def request(
        self,
        cast_to: Any,
        options: RequestOptions,
        *,
        stream: bool = False,
        page_builder: Optional[PageBuilder] = None,
    ) -> Any:
        """Send with retries; the parsed result, or the `APIResponse` in `with_raw_response`."""
        response, retries_taken = self._send(options, stream=stream)
        api_response: APIResponse[Any] = APIResponse(
            response,
            cast_to=cast_to,
            stream=stream,
            page_builder=page_builder,
            retries_taken=retries_taken,
            max_response_bytes=self.max_response_bytes,
            max_event_bytes=self.max_event_bytes,
        )
        if raw_response_requested():
            return api_response
        try:
            return api_response.parse()
        except RecursionError:
            raise nested_too_deeply(response) from None

    def _send(
        self, options: RequestOptions, *, stream: bool
    ) -> Tuple[httpx.Response, int]:
        options = self._with_idempotency_key(options)
        max_retries = self._max_retries(options)
        retries_taken = 0
        while True:
            request = self._build_request(options, retries_taken)
            can_retry = retries_taken < max_retries
            try:
                response = self._attempt(request, options, stream=stream)
            except httpx.TransportError as error:
                if not can_retry:
                    raise make_connection_error(error, request) from error
                delay = retry_delay(retries_taken, None)
            else:
                if not response.is_error:
                    return response, retries_taken
                if not (can_retry and should_retry(response)):
                    raise make_status_error(response)
                delay = retry_delay(retries_taken, response.headers)
            log.debug(
                "Retrying %s %s in %.2f s",
                request.method,
                self._redacted_url(request.url),
                delay,
            )
            self._sleep(delay)
            retries_taken += 1

    def _attempt(
        self, request: httpx.Request, options: RequestOptions, *, stream: bool
    ) -> httpx.Response:
        """One attempt, redirects followed, the body read unless it is a stream."""
        self._log_request(request)
        with deadline_scope(self._deadline(options)) as deadline:
            for _ in range(MAX_REDIRECTS + 1):
                response = self._client.send(
                    request, stream=True, follow_redirects=False
                )
                next_request = self._next_request(response)
                if next_request is None:
                    break
                response.close()
                request = next_request
            else:
                raise APIRedirectError(
                    request=request, message=f"More than {MAX_REDIRECTS} redirects"
                )
            if not stream or response.is_error:
                read_bounded(response, deadline, self.max_response_bytes)
        return response

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def close(self) -> None:
        self._client.close()

    def is_closed(self) -> bool:
        return self._client.is_closed

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    def _make_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self.timeout)

    async def request(
        self,
        cast_to: Any,
        options: RequestOptions,
        *,
        stream: bool = False,
        page_builder: Optional[PageBuilder] = None,
    ) -> Any:
        response, retries_taken = await self._send(options, stream=stream)
        api_response: AsyncAPIResponse[Any] = AsyncAPIResponse(
            response,
            cast_to=cast_to,
            stream=stream,
            page_builder=page_builder,
            retries_taken=retries_taken,
            max_response_bytes=self.max_response_bytes,
            max_event_bytes=self.max_event_bytes,
        )
        if raw_response_requested():
            return api_response
        try:
            return await api_response.parse()
        except RecursionError:
            raise nested_too_deeply(response) from None

    async def _send(
        self, options: RequestOptions, *, stream: bool
    ) -> Tuple[httpx.Response, int]:
        options = self._with_idempotency_key(options)
        max_retries = self._max_retries(options)
        retries_taken = 0
        while True:
            request = self._build_request(options, retries_taken)
            can_retry = retries_taken < max_retries
            try:
                response = await self._attempt(request, options, stream=stream)
            except httpx.TransportError as error:
                if not can_retry:
                    raise make_connection_error(error, request) from error
                delay = retry_delay(retries_taken, None)
            else:
                if not response.is_error:
                    return response, retries_taken
                if not (can_retry and should_retry(response)):
                    raise make_status_error(response)
                delay = retry_delay(retries_taken, response.headers)
            log.debug(
                "Retrying %s %s in %.2f s",
                request.method,
                self._redacted_url(request.url),
                delay,
            )
            await self._sleep(delay)
            retries_taken += 1

    async def _attempt(
        self, request: httpx.Request, options: RequestOptions, *, stream: bool
    ) -> httpx.Response:
        """One attempt, redirects followed, the body read unless it is a stream.

        Besides the deadline every socket operation gets, a cancel scope ends the attempt at the
        deadline whatever the transport.
        """
        self._log_request(request)
        deadline = self._deadline(options)
        try:
            with deadline_scope(deadline), anyio.fail_after(deadline.remaining()):
                return await self._attempt_in_time(request, deadline, stream=stream)
        except TimeoutError:
            raise httpx.ReadTimeout(
                "The request's deadline passed", request=request
            ) from None

    async def _attempt_in_time(
        self, request: httpx.Request, deadline: Deadline, *, stream: bool
    ) -> httpx.Response:
        for _ in range(MAX_REDIRECTS + 1):
            response = await self._client.send(
                request, stream=True, follow_redirects=False
            )
            next_request = self._next_request(response)
            if next_request is None:
                break
            await response.aclose()
            request = next_request
        else:
            raise APIRedirectError(
                request=request, message=f"More than {MAX_REDIRECTS} redirects"
            )
        if not stream or response.is_error:
            await aread_bounded(response, deadline, self.max_response_bytes)
        return response

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def close(self) -> None:
        await self._client.aclose()

    def is_closed(self) -> bool:
        return self._client.is_closed

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        await self.close()
