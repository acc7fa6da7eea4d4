"""What the client does below a call: deadlines, bounded bodies, redirects, redaction.

- A `Deadline` bounds one attempt: connecting, sending, waiting for the status line and reading the
  whole body, redirects included. httpx's own timeouts apply to each socket operation, so a server
  that sends one byte just before each read would time out never; here every socket operation of
  httpx's default transport gets at most the time left (`install_deadlines`), and the body is read
  in chunks with the deadline checked between them.
- A body is read up to a maximum of decoded bytes, so that a small compressed body cannot inflate
  without limit.
- Redirects are followed here, not by httpx, so that credentials never go to another origin.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import (
    Any,
    AsyncIterator,
    Callable,
    Collection,
    Dict,
    Generator,
    Iterable,
    List,
    Mapping,
    Optional,
    Tuple,
    Union,
)

import httpcore
import httpx

from ._types import Timeout

__all__ = [
    "Deadline",
    "attempt_seconds",
    "deadline_scope",
    "install_deadlines",
    "read_body",
    "aread_body",
    "redact_headers",
    "redact_url",
    "redirect_request",
]

MAX_REDIRECTS = 10
REDACTED = "<redacted>"
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)
# Sent only with the request they were made for, whatever the client is told.
ALWAYS_SECRET_HEADERS = ("authorization", "proxy-authorization", "cookie")


class Deadline:
    """The moment an attempt must be over, on the client's clock."""

    def __init__(self, clock: Callable[[], float], seconds: Optional[float]) -> None:
        self._clock = clock
        self.expires_at = None if seconds is None else clock() + seconds

    def remaining(self) -> Optional[float]:
        """Seconds left (never below 0), or None for no deadline."""
        if self.expires_at is None:
            return None
        return max(0.0, self.expires_at - self._clock())

    def expired(self) -> bool:
        return self.expires_at is not None and self._clock() >= self.expires_at


_current: contextvars.ContextVar[Optional[Deadline]] = contextvars.ContextVar(
    "deadline", default=None
)


@contextlib.contextmanager
def deadline_scope(deadline: Deadline) -> Generator[Deadline, None, None]:
    """Every socket operation of an installed transport in this block ends by `deadline`."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)


def attempt_seconds(timeout: Timeout) -> Optional[float]:
    """The deadline of one attempt: a number as given, an `httpx.Timeout`'s longest phase."""
    if timeout is None or isinstance(timeout, (int, float)):
        return None if timeout is None else float(timeout)
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if any(phase is None for phase in phases):
        return None
    return max(float(phase) for phase in phases if phase is not None)


def _clamp(
    timeout: Optional[float], error: Callable[[str], Exception]
) -> Optional[float]:
    deadline = _current.get()
    if deadline is None:
        return timeout
    remaining = deadline.remaining()
    if remaining is None:
        return timeout
    if remaining <= 0:
        raise error("The request's deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        return self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        self._stream.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, timeout)
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: Optional[float] = None,
        local_address: Optional[str] = None,
        socket_options: Optional[Iterable[Any]] = None,
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(
            host, port, timeout, local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: Optional[float] = None,
        socket_options: Optional[Iterable[Any]] = None,
    ) -> httpcore.NetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_unix_socket(path, timeout, socket_options)
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _AsyncDeadlineStream(httpcore.AsyncNetworkStream):
    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream

    async def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        return await self._stream.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    async def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        await self._stream.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self,
        ssl_context: Any,
        server_hostname: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> httpcore.AsyncNetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        stream = await self._stream.start_tls(ssl_context, server_hostname, timeout)
        return _AsyncDeadlineStream(stream)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _AsyncDeadlineBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self._backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: Optional[float] = None,
        local_address: Optional[str] = None,
        socket_options: Optional[Iterable[Any]] = None,
    ) -> httpcore.AsyncNetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        stream = await self._backend.connect_tcp(
            host, port, timeout, local_address, socket_options
        )
        return _AsyncDeadlineStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: Optional[float] = None,
        socket_options: Optional[Iterable[Any]] = None,
    ) -> httpcore.AsyncNetworkStream:
        timeout = _clamp(timeout, httpcore.ConnectTimeout)
        stream = await self._backend.connect_unix_socket(path, timeout, socket_options)
        return _AsyncDeadlineStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def install_deadlines(client: Union[httpx.Client, httpx.AsyncClient]) -> None:
    """Make the httpcore pools of `client` honour `deadline_scope`; other transports are left.

    Outside a `deadline_scope` the wrapped backend behaves exactly as the one it wraps.
    """
    transports: List[object] = [getattr(client, "_transport", None)]
    transports.extend(getattr(client, "_mounts", {}).values())
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, httpcore.NetworkBackend) and not isinstance(
            backend, _DeadlineBackend
        ):
            setattr(pool, "_network_backend", _DeadlineBackend(backend))
        elif isinstance(backend, httpcore.AsyncNetworkBackend) and not isinstance(
            backend, _AsyncDeadlineBackend
        ):
            setattr(pool, "_network_backend", _AsyncDeadlineBackend(backend))


class BodyTooLarge(Exception):
    """The decoded body passed the client's `max_response_bytes`."""


class _Body:
    def __init__(self, limit: Optional[int]) -> None:
        self.limit = limit
        self.parts: List[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.limit is not None and self.size > self.limit:
            raise BodyTooLarge(f"The response body is larger than {self.limit} bytes")
        self.parts.append(chunk)


def read_body(
    response: httpx.Response, deadline: Deadline, limit: Optional[int]
) -> bytes:
    """The decoded body, read in chunks: at most `limit` bytes, by the deadline."""
    body = _Body(limit)
    try:
        for chunk in response.iter_bytes():
            body.add(chunk)
            if deadline.expired():
                raise httpx.ReadTimeout(
                    "The request's deadline passed", request=response.request
                )
    finally:
        response.close()
    content = b"".join(body.parts)
    # httpx keeps a read body in `_content`: `.content`, `.text` and `.json()` read it.
    response._content = content  # pyright: ignore[reportPrivateUsage]
    return content


async def aread_body(
    response: httpx.Response, deadline: Deadline, limit: Optional[int]
) -> bytes:
    body = _Body(limit)
    chunks: AsyncIterator[bytes] = response.aiter_bytes()
    try:
        async for chunk in chunks:
            body.add(chunk)
            if deadline.expired():
                raise httpx.ReadTimeout(
                    "The request's deadline passed", request=response.request
                )
    finally:
        await response.aclose()
    content = b"".join(body.parts)
    # httpx keeps a read body in `_content`: `.content`, `.text` and `.json()` read it.
    response._content = content  # pyright: ignore[reportPrivateUsage]
    return content


class RedirectRefused(Exception):
    """A redirect the client does not follow: a loop, too many, or to a URL that is not HTTP."""


def _origin(url: httpx.URL) -> Tuple[str, str, Optional[int]]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return (url.scheme, url.host, url.port or default)


def redirect_request(
    response: httpx.Response,
    *,
    secret_headers: Collection[str],
    secret_query: Collection[str],
) -> Optional[httpx.Request]:
    """The request a 3xx answer asks for, or None when `response` is no redirect.

    301/302 turn a POST into a GET and 303 anything but HEAD (RFC 9110 15.4), dropping the body;
    307/308 resend the same method and body. When the origin (scheme, host, port) changes, every
    credential header (`secret_headers`, lower case) and credential query parameter is removed.
    """
    if response.status_code not in _REDIRECT_STATUSES:
        return None
    location = response.headers.get("location")
    if not location:
        return None
    request = response.request
    try:
        url = request.url.join(location)
    except httpx.InvalidURL as error:
        raise RedirectRefused(f"Redirect to an invalid URL: {error}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise RedirectRefused(f"Redirect to a URL that is not HTTP(S): {url.scheme}:")
    if url.fragment:
        url = url.copy_with(fragment=None)
    method = request.method
    if (response.status_code == 303 and method != "HEAD") or (
        response.status_code in (301, 302) and method == "POST"
    ):
        method = "GET"
    headers = httpx.Headers(request.headers)
    if _origin(url) != _origin(request.url):
        for name in [*secret_headers, *ALWAYS_SECRET_HEADERS]:
            headers.pop(name, None)
        for name in secret_query:
            url = url.copy_remove_param(name)
    headers["Host"] = url.netloc.decode("ascii")
    stream: Any = request.stream
    if method != request.method:
        for name in ("content-length", "content-type", "transfer-encoding"):
            headers.pop(name, None)
        stream = httpx.ByteStream(b"")
    return httpx.Request(
        method, url, headers=headers, stream=stream, extensions=request.extensions
    )


def redact_headers(
    headers: Mapping[str, str], secret_headers: Collection[str]
) -> Dict[str, str]:
    secret = {*secret_headers, *ALWAYS_SECRET_HEADERS}
    return {
        name: REDACTED if name.lower() in secret else value
        for name, value in headers.items()
    }


def redact_url(url: httpx.URL, secret_query: Collection[str]) -> str:
    for name in secret_query:
        if name in url.params:
            url = url.copy_set_param(name, REDACTED)
    if url.userinfo:
        url = url.copy_with(username=REDACTED, password=None)
    return str(url)
