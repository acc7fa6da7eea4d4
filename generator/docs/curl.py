"""The curl example of an operation page: the request the example call makes, as a shell command.

Every word from the spec is shell-quoted; the URL, query, headers and body are what the SDK would send
for the example values (`pages.py` picks them, the same ones the SDK example passes).
"""

from __future__ import annotations

import json
import re
import shlex
from typing import Sequence
from urllib.parse import quote, urlencode

from ..ir import model as ir
from .examples import Example, FileValue, for_json
from .text import code_block, json_text, one_line
from .view import ArgumentDoc

# ---- words and values -----------------------------------------------------------------------------

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def env_name(name: str, fallback: str) -> str:
    return name if _ENV_NAME.fullmatch(name) else fallback


def shell_quote(text: str) -> str:
    """A shell word for any text (single-quoted unless it is plain)."""
    return shlex.quote(text)


def wire_text(value: Example) -> str:
    """A scalar as it is written in a path, a query string, a header or a form field."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(for_json(value), ensure_ascii=False)


_DELIMITERS = {"form_no_explode": ",", "space_delimited": " ", "pipe_delimited": "|"}


def query_pairs(name: str, value: Example, style: str | None) -> list[tuple[str, str]]:
    """A query parameter as (name, value) pairs, in its OpenAPI style (as the SDK sends it)."""
    if value is None:
        return []
    if style == "deep_object":
        return form_pairs(name, value)
    if isinstance(value, list):
        items = [wire_text(v) for v in value if v is not None]
        if style in _DELIMITERS:
            return [(name, _DELIMITERS[style].join(items))]
        return [(name, item) for item in items]
    if isinstance(value, dict):
        fields = [(k, wire_text(v)) for k, v in value.items() if v is not None]
        if style is None:
            return fields
        return [(name, _DELIMITERS.get(style, ",").join(part for field in fields for part in field))]
    return [(name, wire_text(value))]


def form_pairs(name: str, value: Example) -> list[tuple[str, str]]:
    """A form field as (name, value) pairs: nested objects as `a[b]`, lists as the field repeated."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in form_pairs(f"{name}[{key}]", item)]
    if isinstance(value, list):
        return [pair for item in value for pair in form_pairs(name, item)]
    return [(name, "@path/to/file" if isinstance(value, FileValue) else wire_text(value))]


def query_string(pairs: list[tuple[str, str]]) -> str:
    return urlencode(pairs, quote_via=quote)


def fill_path(path: str, values: dict[str, Example]) -> str:
    """The path with each `{name}` replaced by its example value, percent-encoded."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        return quote(wire_text(values[name]), safe="")

    return re.sub(r"{([^{}]+)}", fill, path)


# ---- the command ----------------------------------------------------------------------------------


def curl_example(api: ir.Api, op: ir.Operation, args: Sequence[tuple[ArgumentDoc, Example]]) -> list[str]:
    """The command as a code block: URL with path and query, auth, headers, then the body."""
    first = "curl" + (f" -X {op.http_method.upper()}" if op.http_method.lower() != "get" else "")
    first += " " + _url_word(api, op, args)
    options = _auth_options(api)
    for header, text in [*api.headers.items(), *op.headers.items()]:
        options.append("-H " + shell_quote(f"{one_line(header)}: {one_line(text)}"))
    for arg, value in args:
        if arg.location == "header":
            options.append("-H " + shell_quote(f"{one_line(arg.wire)}: {one_line(wire_text(value))}"))
    options += _body_options(op, args)
    return code_block(" \\\n  ".join([first, *options]), "sh")


def _url_word(api: ir.Api, op: ir.Operation, args: Sequence[tuple[ArgumentDoc, Example]]) -> str:
    """The URL as shell words: the base (or its environment variable), path, query, a query key."""
    path_values = {a.wire: v for a, v in args if a.location == "path"}
    query = [
        pair
        for a, v in args
        if a.location == "query"
        for pair in query_pairs(a.wire, v, a.source.style if isinstance(a.source, ir.Parameter) else None)
    ]
    base = (api.base_url or "").rstrip("/")
    url = fill_path(op.path, path_values)
    query_text = query_string(query)
    if query_text:
        url += "?" + query_text
    word = shell_quote(base + url) if base else f'"${env_name(api.base_url_env, "BASE_URL")}"' + shell_quote(url)
    if api.auth.kind == "query" and api.auth.name:
        key_env = env_name(api.api_key_env, "API_KEY")
        word += shell_quote(("&" if query_text else "?") + query_string([(api.auth.name, "")])) + f'"${key_env}"'
    return word


def _auth_options(api: ir.Api) -> list[str]:
    auth = api.auth
    key_env = env_name(api.api_key_env, "API_KEY")
    if auth.kind == "bearer":
        return [f'-H "Authorization: Bearer ${key_env}"']
    if auth.kind == "basic":
        return [f'-u "${key_env}"']
    if auth.kind == "header" and auth.name:
        if re.fullmatch(r"[A-Za-z0-9_.-]+", auth.name):
            return [f'-H "{auth.name}: ${key_env}"']
        return ["-H " + shell_quote(f"{one_line(auth.name)}: ") + f'"${key_env}"']
    return []


def _body_options(op: ir.Operation, args: Sequence[tuple[ArgumentDoc, Example]]) -> list[str]:
    body = op.body
    if body is None:
        return []
    content_type = one_line(body.content_type)
    fields = [(a, v) for a, v in args if a.location in ("body", "file")]
    whole = [v for a, v in args if a.location == "whole_body"]
    if body.encoding == "json":
        value: object = for_json(whole[0]) if whole else {a.wire: for_json(v) for a, v in fields}
        if not whole and not fields and not body.required:
            return []
        return ["-H " + shell_quote(f"Content-Type: {content_type}"), "-d " + shell_quote(json_text(value))]
    if body.encoding in ("multipart", "form"):
        option = "-F " if body.encoding == "multipart" else "--data-urlencode "
        return [option + shell_quote(f"{name}={text}") for a, v in fields for name, text in form_pairs(a.wire, v)]
    out = ["-H " + shell_quote(f"Content-Type: {content_type}")]
    if body.encoding == "text" and whole and isinstance(whole[0], str):
        return out + ["--data-binary " + shell_quote(whole[0])]
    return out + ["--data-binary @path/to/file"]


__all__ = ["curl_example", "env_name", "fill_path", "form_pairs", "query_pairs", "query_string", "shell_quote", "wire_text"]
