"""Base classes of the generated resources: turn a call's arguments into a request and send it."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Union

from ._api_clients import AsyncAPIClient, SyncAPIClient
from ._requests import RequestOptions
from ._files import to_httpx_files
from ._pagination import AsyncPaginator, CursorPagination, SyncCursorPage
from ._response import streamed_body
from ._response_modes import streaming_response_requested
from ._types import (
    Body,
    Headers,
    NotGiven,
    Omit,
    Query,
    Timeout,
    is_mapping,
    not_given,
)
from ._utils import (
    encode_path,
    is_json_content_type,
    strip_omitted,
    to_jsonable,
    to_wire_string,
)

__all__ = ["AsyncAPIResource", "SyncAPIResource"]

# Form bodies are JSON-like data too; any other content type that is not JSON is sent as it is.
_FORM_CONTENT_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _request_options(
    method: str,
    path: str,
    *,
    path_params: Optional[Mapping[str, object]],
    query: Optional[Query],
    query_styles: Optional[Mapping[str, str]],
    body: Body,
    files: Optional[Mapping[str, object]],
    content_type: Optional[str],
    headers: Optional[Mapping[str, object]],
    extra_headers: Optional[Headers],
    extra_query: Optional[Query],
    extra_body: Optional[Body],
    timeout: Union[Timeout, NotGiven],
    max_retries: Union[int, NotGiven],
) -> RequestOptions:
    if is_mapping(body):
        body = strip_omitted(body)
    if is_mapping(extra_body) and (body is None or is_mapping(body)):
        body = {**(body or {}), **extra_body}
    elif extra_body is not None:
        body = extra_body
    if content_type in _FORM_CONTENT_TYPES or is_json_content_type(content_type):
        body = to_jsonable(body)
    # Header parameters: omitted or None ones are not sent (and do not hide a client default).
    call_headers: Dict[str, Union[str, Omit, None]] = {
        name: to_wire_string(value)
        for name, value in (headers or {}).items()
        if value is not None and not isinstance(value, Omit)
    }
    call_headers.update(extra_headers or {})
    return RequestOptions(
        method=method,
        path=encode_path(path, path_params),
        query={**strip_omitted(query), **(extra_query or {})},
        query_styles=query_styles or {},
        headers=call_headers,
        body=body,
        files=to_httpx_files(files) if files is not None else None,
        content_type=content_type,
        timeout=timeout,
        max_retries=max_retries,
    )


class SyncAPIResource:
    _client: SyncAPIClient

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def _request(
        self,
        method: str,
        path: str,
        *,
        path_params: Optional[Mapping[str, object]] = None,
        query: Optional[Query] = None,
        query_styles: Optional[Mapping[str, str]] = None,
        body: Body = None,
        files: Optional[Mapping[str, object]] = None,
        content_type: Optional[str] = None,
        headers: Optional[Mapping[str, object]] = None,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[Timeout, NotGiven] = not_given,
        max_retries: Union[int, NotGiven] = not_given,
        cast_to: Any,
        stream: bool = False,
    ) -> Any:
        if stream:
            headers = {"Accept": "text/event-stream", **(headers or {})}
        options = _request_options(
            method,
            path,
            path_params=path_params,
            query=query,
            query_styles=query_styles,
            body=body,
            files=files,
            content_type=content_type,
            headers=headers,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            max_retries=max_retries,
        )
        if streaming_response_requested():
            # Sent unread (httpx's stream mode) for `with_streaming_response`.
            response = self._client.request(cast_to, options, stream=True)
            return streamed_body(response, events=stream)
        return self._client.request(cast_to, options, stream=stream)

    def _get_page(
        self,
        path: str,
        *,
        item_type: Any,
        pagination: CursorPagination,
        method: str = "get",
        path_params: Optional[Mapping[str, object]] = None,
        query: Optional[Query] = None,
        query_styles: Optional[Mapping[str, str]] = None,
        headers: Optional[Mapping[str, object]] = None,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[Timeout, NotGiven] = not_given,
        max_retries: Union[int, NotGiven] = not_given,
    ) -> Any:
        options = _request_options(
            method,
            path,
            path_params=path_params,
            query=query,
            query_styles=query_styles,
            body=None,
            files=None,
            content_type=None,
            headers=headers,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            max_retries=max_retries,
        )
        return SyncCursorPage[Any].fetch(
            self._client, options, item_type=item_type, pagination=pagination
        )


class AsyncAPIResource:
    _client: AsyncAPIClient

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def _request(
        self,
        method: str,
        path: str,
        *,
        path_params: Optional[Mapping[str, object]] = None,
        query: Optional[Query] = None,
        query_styles: Optional[Mapping[str, str]] = None,
        body: Body = None,
        files: Optional[Mapping[str, object]] = None,
        content_type: Optional[str] = None,
        headers: Optional[Mapping[str, object]] = None,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[Timeout, NotGiven] = not_given,
        max_retries: Union[int, NotGiven] = not_given,
        cast_to: Any,
        stream: bool = False,
    ) -> Any:
        if stream:
            headers = {"Accept": "text/event-stream", **(headers or {})}
        options = _request_options(
            method,
            path,
            path_params=path_params,
            query=query,
            query_styles=query_styles,
            body=body,
            files=files,
            content_type=content_type,
            headers=headers,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            max_retries=max_retries,
        )
        if streaming_response_requested():
            # Sent unread (httpx's stream mode) for `with_streaming_response`.
            response = await self._client.request(cast_to, options, stream=True)
            return streamed_body(response, events=stream)
        return await self._client.request(cast_to, options, stream=stream)

    def _get_page(
        self,
        path: str,
        *,
        item_type: Any,
        pagination: CursorPagination,
        method: str = "get",
        path_params: Optional[Mapping[str, object]] = None,
        query: Optional[Query] = None,
        query_styles: Optional[Mapping[str, str]] = None,
        headers: Optional[Mapping[str, object]] = None,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[Timeout, NotGiven] = not_given,
        max_retries: Union[int, NotGiven] = not_given,
    ) -> Any:
        options = _request_options(
            method,
            path,
            path_params=path_params,
            query=query,
            query_styles=query_styles,
            body=None,
            files=None,
            content_type=None,
            headers=headers,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            max_retries=max_retries,
        )
        return AsyncPaginator[Any](
            self._client, options, item_type=item_type, pagination=pagination
        )
