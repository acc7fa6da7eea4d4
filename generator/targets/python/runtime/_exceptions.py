"""The errors the client raises: one base class, then one class per kind of failure."""

from __future__ import annotations

import json
from typing import Dict, Optional, Type

import httpx

from ._settings import ClientError

__all__ = [
    "APIError",
    "APIConnectionError",
    "APITimeoutError",
    "APIRedirectError",
    "APIResponseValidationError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "make_connection_error",
    "make_status_error",
]


class APIError(ClientError):
    """A request failed: it was not sent, got no answer, or the answer was an error."""

    message: str
    request: httpx.Request
    body: object
    """The decoded JSON body of the error response (or its text), if there was one."""

    def __init__(
        self, message: str, request: httpx.Request, *, body: object = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body


class APIConnectionError(APIError):
    def __init__(
        self, *, request: httpx.Request, message: str = "Connection error."
    ) -> None:
        super().__init__(message, request)


class APITimeoutError(APIConnectionError):
    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request=request, message="Request timed out.")


class APIRedirectError(APIConnectionError):
    """A redirect was not followed: too many of them (a loop), or to a URL that is not HTTP(S)."""


class APIResponseValidationError(APIError):
    """A response whose body cannot be read as the operation's result.

    Not JSON when JSON is expected, JSON nested too deeply to decode, or a body larger than the
    client's `max_response_bytes` once decoded.
    """

    response: httpx.Response
    status_code: int

    def __init__(self, response: httpx.Response, *, body: object, message: str) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    request_id: Optional[str]

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


_ERRORS_BY_STATUS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def make_connection_error(
    error: httpx.TransportError, request: httpx.Request
) -> APIConnectionError:
    """The error for a request that got no (complete) response."""
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(request)
    return APIConnectionError(request=request)


def nested_too_deeply(response: httpx.Response) -> APIResponseValidationError:
    """A JSON body past the parser's nesting limit (it raised RecursionError)."""
    return APIResponseValidationError(
        response, body=None, message="The JSON response body is nested too deeply"
    )


def make_status_error(response: httpx.Response) -> APIStatusError:
    """The error for a read 4xx/5xx response, its body decoded as JSON when it is JSON."""
    text = response.text.strip()
    body: object = text or None
    if text:
        try:
            body = json.loads(text)
        # not JSON, or nested too deeply to parse: the text is the body
        except (ValueError, RecursionError):
            pass
    message = f"Error code: {response.status_code}"
    if body is not None:
        message += f" - {body}"
    error_class = _ERRORS_BY_STATUS.get(response.status_code)
    if error_class is None:
        error_class = (
            InternalServerError if response.status_code >= 500 else APIStatusError
        )
    return error_class(message, response=response, body=body)
