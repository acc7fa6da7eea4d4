"""One call as the client sends it: its options, and the httpx request they make."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import urlencode

import httpx

from ._files import MultipartFiles
from ._types import NotGiven, Omit, Timeout, is_mapping, not_given
from ._utils import (
    flatten_form,
    is_json_content_type,
    merge_headers,
    serialize_query,
)

__all__ = ["RequestOptions", "build_request", "checked_base_url"]


@dataclasses.dataclass
class RequestOptions:
    """One call, ready to send: path filled in, omitted arguments dropped, extras merged."""

    method: str
    path: str
    # `lambda: {}` rather than `dict`: pyright takes `{}` as the field's type, `dict` as
    # `dict[Unknown, Unknown]`.
    query: Dict[str, object] = dataclasses.field(default_factory=lambda: {})
    query_styles: Mapping[str, str] = dataclasses.field(default_factory=lambda: {})
    # An `Omit` value (from `extra_headers`) removes a default header.
    headers: Dict[str, Union[str, Omit, None]] = dataclasses.field(
        default_factory=lambda: {}
    )
    # JSON-safe data; or form fields; or raw content for other content types. None: no body.
    body: object = None
    files: Optional[MultipartFiles] = None
    content_type: Optional[str] = None
    timeout: Union[Timeout, NotGiven] = not_given
    max_retries: Union[int, NotGiven] = not_given


def build_request(
    client: Union[httpx.Client, httpx.AsyncClient],
    options: RequestOptions,
    *,
    url: str,
    headers: Mapping[str, str],
    query: Mapping[str, object],
    timeout: Timeout,
) -> httpx.Request:
    """The httpx request of `options`, its body encoded for its content type."""
    body = options.body
    content: Any = None
    data: Any = None
    files: Optional[MultipartFiles] = None
    json_body: Any = None
    if is_json_content_type(options.content_type):
        json_body = body
        if options.content_type is not None:
            headers = merge_headers(headers, {"Content-Type": options.content_type})
    elif options.content_type == "multipart/form-data":
        # httpx writes the Content-Type itself, with the boundary.
        headers = merge_headers(headers, {"Content-Type": Omit()})
        data = _group(flatten_form(body)) if is_mapping(body) else None
        files = options.files or MultipartFiles()
    else:
        headers = merge_headers(headers, {"Content-Type": options.content_type})
        if options.content_type == "application/x-www-form-urlencoded":
            form: Mapping[str, object] = body if is_mapping(body) else {}
            content = urlencode(flatten_form(form))
        else:
            content = body
    return client.build_request(
        options.method.upper(),
        url,
        params=tuple(serialize_query(query, options.query_styles)),
        headers=headers,
        content=content,
        data=data,
        files=files,
        json=json_body,
        timeout=timeout,
    )


def checked_base_url(base_url: str) -> str:
    """`base_url` if a path can be joined to it; its text is not shown (it may hold a secret)."""
    url = httpx.URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError("base_url must be an absolute http:// or https:// URL")
    if "?" in base_url or "#" in base_url:
        raise ValueError(
            "base_url may not have a query (?...) or a fragment (#...): "
            "pass query parameters for every request as default_query"
        )
    return base_url


def _group(pairs: List[Tuple[str, str]]) -> Dict[str, List[str]]:
    # httpx takes form fields as a mapping of each name to its values.
    grouped: Dict[str, List[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped
