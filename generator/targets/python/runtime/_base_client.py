"""What the sync and async clients (`_api_clients.py`) share: auth, defaults, options, copies,
idempotency keys, redirects' credentials and logging."""

from __future__ import annotations

import base64
import dataclasses
import logging
import os
import sys
import time
import uuid
from typing import (
    Callable,
    ClassVar,
    Collection,
    Dict,
    Generic,
    Mapping,
    Optional,
    TypeVar,
    Union,
)

import httpx
from typing_extensions import Self

from ._exceptions import APIRedirectError
from ._streaming import DEFAULT_MAX_EVENT_BYTES
from ._transport import (
    Deadline,
    RedirectRefused,
    attempt_seconds,
    install_deadlines,
    redact_headers,
    redact_url,
    redirect_request,
)
from ._requests import RequestOptions, build_request, checked_base_url
from ._types import NotGiven, Timeout, not_given
from ._utils import merge_headers
from ._settings import (
    API_KEY_ENV,
    AUTH_KIND,
    AUTH_PARAM_NAME,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    PACKAGE_NAME,
    ClientError,
    __version__,
)

__all__ = [
    "BaseClient",
    "DEFAULT_MAX_EVENT_BYTES",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
]

log = logging.getLogger(PACKAGE_NAME)

DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
# The most bytes a response body may have once decoded (gzip...); None: no limit.
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

USER_AGENT = (
    f"{PACKAGE_NAME}/{__version__} "
    f"Python/{sys.version_info.major}.{sys.version_info.minor} "
    f"httpx/{httpx.__version__}"
)


_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)


class BaseClient(Generic[_HttpxClientT]):
    """What the sync and async clients share: everything but sending and sleeping."""

    api_key: Optional[str]
    max_retries: int
    timeout: Timeout
    max_response_bytes: Optional[int]
    max_event_bytes: Optional[int]
    _client: _HttpxClientT
    # Set by the generated client: the spec's headers for every request, and the header that
    # carries a key telling the server a retry from a new request (None: no key is sent).
    _spec_headers: ClassVar[Mapping[str, str]] = {}
    _idempotency_header: ClassVar[Optional[str]] = "Idempotency-Key"

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[_HttpxClientT] = None,
        secret_headers: Collection[str] = (),
        max_response_bytes: Optional[int] = DEFAULT_MAX_RESPONSE_BYTES,
        max_event_bytes: Optional[int] = DEFAULT_MAX_EVENT_BYTES,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get(API_KEY_ENV) or None
        if api_key is None and AUTH_KIND != "none":
            raise ClientError(
                "No API key: pass api_key to the client or set the "
                f"{API_KEY_ENV} environment variable."
            )
        if base_url is None:
            base_url = os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
        if base_url is None:
            raise ClientError(
                "No base URL: pass base_url to the client or set the "
                f"{BASE_URL_ENV} environment variable."
            )
        self.api_key = api_key
        # A trailing slash, so that joining a path keeps the base's own path (`/v1`).
        self.base_url = httpx.URL(checked_base_url(str(base_url)).rstrip("/") + "/")
        if isinstance(timeout, NotGiven):
            timeout = DEFAULT_TIMEOUT if http_client is None else http_client.timeout
        self.timeout = timeout
        self.max_retries = max_retries
        self._custom_headers: Dict[str, str] = dict(default_headers or {})
        self._custom_query: Dict[str, object] = dict(default_query or {})
        # Never sent to another origin on a redirect, and never logged.
        self.secret_headers = frozenset(name.lower() for name in secret_headers)
        self.max_response_bytes = max_response_bytes
        # The most bytes one server-sent event may have (None: no limit).
        self.max_event_bytes = max_event_bytes
        self._clock: Callable[[], float] = time.monotonic
        self._client = http_client or self._make_http_client()
        install_deadlines(self._client)

    def _make_http_client(self) -> _HttpxClientT:
        raise NotImplementedError

    @property
    def default_headers(self) -> Dict[str, str]:
        return {
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
            **self._spec_headers,
            **self._auth_headers(),
            **self._custom_headers,
        }

    @property
    def default_query(self) -> Dict[str, object]:
        if AUTH_KIND == "query" and AUTH_PARAM_NAME and self.api_key is not None:
            return {AUTH_PARAM_NAME: self.api_key, **self._custom_query}
        return dict(self._custom_query)

    def _secret_headers(self) -> Collection[str]:
        """Lower-case names of the headers that hold credentials."""
        names = set(self.secret_headers)
        if AUTH_KIND == "header" and AUTH_PARAM_NAME:
            names.add(AUTH_PARAM_NAME.lower())
        return names

    def _secret_query(self) -> Collection[str]:
        if AUTH_KIND == "query" and AUTH_PARAM_NAME:
            return (AUTH_PARAM_NAME,)
        return ()

    def _auth_headers(self) -> Dict[str, str]:
        if self.api_key is None:
            return {}
        if AUTH_KIND == "bearer":
            return {"Authorization": f"Bearer {self.api_key}"}
        if AUTH_KIND == "basic":
            token = base64.b64encode(self.api_key.encode("utf-8")).decode("ascii")
            return {"Authorization": f"Basic {token}"}
        if AUTH_KIND == "header" and AUTH_PARAM_NAME:
            return {AUTH_PARAM_NAME: self.api_key}
        return {}

    def copy(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = not_given,
        max_retries: Union[int, NotGiven] = not_given,
        default_headers: Optional[Mapping[str, str]] = None,
        set_default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        set_default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[_HttpxClientT] = None,
        secret_headers: Optional[Collection[str]] = None,
        max_response_bytes: Union[int, None, NotGiven] = not_given,
        max_event_bytes: Union[int, None, NotGiven] = not_given,
    ) -> Self:
        """A client with some options changed, sharing this one's connection pool.

        `default_headers`/`default_query` are added to this client's; `set_default_*` replace them.
        """
        if default_headers is not None and set_default_headers is not None:
            raise ValueError("Pass default_headers or set_default_headers, not both")
        if default_query is not None and set_default_query is not None:
            raise ValueError("Pass default_query or set_default_query, not both")
        headers = set_default_headers
        if headers is None:
            headers = {**self._custom_headers, **(default_headers or {})}
        query = set_default_query
        if query is None:
            query = {**self._custom_query, **(default_query or {})}
        if isinstance(max_response_bytes, NotGiven):
            max_response_bytes = self.max_response_bytes
        if isinstance(max_event_bytes, NotGiven):
            max_event_bytes = self.max_event_bytes
        client = type(self)(
            api_key=api_key or self.api_key,
            base_url=base_url or self.base_url,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=(
                self.max_retries if isinstance(max_retries, NotGiven) else max_retries
            ),
            default_headers=headers,
            default_query=query,
            http_client=http_client or self._client,
            secret_headers=(
                self.secret_headers if secret_headers is None else secret_headers
            ),
            max_response_bytes=max_response_bytes,
            max_event_bytes=max_event_bytes,
        )
        client._clock = self._clock
        return client

    with_options = copy

    def _build_request(
        self, options: RequestOptions, retries_taken: int
    ) -> httpx.Request:
        headers = merge_headers(
            self.default_headers,
            options.headers,
            {"X-Retry-Count": str(retries_taken)},
        )
        return build_request(
            self._client,
            options,
            url=self._url(options.path),
            headers=headers,
            query={**self.default_query, **options.query},
            timeout=self._timeout(options),
        )

    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return str(self.base_url) + path.lstrip("/")

    def _timeout(self, options: RequestOptions) -> Timeout:
        if isinstance(options.timeout, NotGiven):
            return self.timeout
        return options.timeout

    def _deadline(self, options: RequestOptions) -> Deadline:
        """The end of one attempt: `timeout` seconds for all of it, body and redirects too."""
        return Deadline(self._clock, attempt_seconds(self._timeout(options)))

    def _with_idempotency_key(self, options: RequestOptions) -> RequestOptions:
        """A new key for each call that is not a GET, the same on each of its retries.

        A key the call sets itself (a header parameter or `extra_headers`) is kept; an `omit`
        value in `extra_headers` sends none.
        """
        name = self._idempotency_header
        if not name or options.method.upper() in ("GET", "HEAD", "OPTIONS"):
            return options
        if any(header.lower() == name.lower() for header in options.headers):
            return options
        headers = {name: str(uuid.uuid4()), **options.headers}
        return dataclasses.replace(options, headers=headers)

    def _next_request(self, response: httpx.Response) -> Optional[httpx.Request]:
        """The request a redirect asks for (credentials left out for another origin), or None."""
        try:
            request = redirect_request(
                response,
                secret_headers=self._secret_headers(),
                secret_query=self._secret_query(),
            )
        except RedirectRefused as error:
            raise APIRedirectError(
                request=response.request, message=str(error)
            ) from None
        if request is not None:
            log.debug("Redirected to %s", self._redacted_url(request.url))
        return request

    def _redacted_url(self, url: httpx.URL) -> str:
        return redact_url(url, self._secret_query())

    def _log_request(self, request: httpx.Request) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "Request %s %s headers=%s",
                request.method,
                self._redacted_url(request.url),
                redact_headers(request.headers, self._secret_headers()),
            )

    def _max_retries(self, options: RequestOptions) -> int:
        if isinstance(options.max_retries, NotGiven):
            return self.max_retries
        return options.max_retries
