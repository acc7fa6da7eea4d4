"""What goes on the wire: auth, defaults, per-call options, bodies, query strings, path params.

The generated ChatKit SDK (`client`, `sdk`) wherever its operations can express the case; the
stand-ins (`standin_client`, `standin`) for request shapes ChatKit has none of (see conftest.py).
"""

from __future__ import annotations

import asyncio
import datetime
import enum
import io
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from local_server import LocalServer, Reply
from runtime_package import ITEM, SESSION, THREAD

# --- the generated ChatKit SDK ---------------------------------------------------------------


def test_user_agent_auth_and_retry_count(client: Any, server: LocalServer) -> None:
    server.json(THREAD)
    client.beta.chatkit.threads.retrieve("cthr_1")
    headers = server.received[0].headers
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert (
        headers["user-agent"]
        == f"chatkit_client/2.3.0 Python/{python} httpx/{httpx.__version__}"
    )
    assert headers["authorization"] == "Bearer test-key"
    assert headers["accept"] == "application/json"
    assert headers["openai-beta"] == "chatkit_beta=v1"
    assert headers["x-retry-count"] == "0"
    assert server.received[0].path == "/v1/chatkit/threads/cthr_1"


def test_env_var_fallbacks(
    sdk: ModuleType, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    with sdk.Client() as client:
        assert client.api_key == "from-env"
        assert str(client.base_url) == server.url + "/"
        server.json(THREAD)
        client.beta.chatkit.threads.retrieve("cthr_1")
    assert server.received[0].headers["authorization"] == "Bearer from-env"


def test_arguments_win_over_env_and_default_base_url(
    sdk: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "from-env")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    client = sdk.Client(api_key="given")
    assert client.api_key == "given"
    assert str(client.base_url) == "https://api.openai.com/v1/"


def test_missing_api_key_is_a_clear_error(
    sdk: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(sdk.ChatkitClientError, match="OPENAI_API_KEY"):
        sdk.Client()
    with pytest.raises(sdk.ChatkitClientError, match="OPENAI_API_KEY"):
        sdk.AsyncClient()


@pytest.mark.parametrize(
    ("kind", "name", "header", "query"),
    [
        ("basic", None, ("authorization", "Basic dXNlcjpwdw=="), None),
        ("header", "X-Api-Key", ("x-api-key", "user:pw"), None),
        ("query", "key", None, ("key", "user:pw")),
        ("none", None, None, None),
    ],
)
def test_auth_kinds(
    sdk: ModuleType,
    server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    name: Any,
    header: Any,
    query: Any,
) -> None:
    # ChatKit's spec says bearer; the other kinds are the same module with other constants.
    monkeypatch.setattr(sdk._base_client, "AUTH_KIND", kind)
    monkeypatch.setattr(sdk._base_client, "AUTH_PARAM_NAME", name)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    api_key = None if kind == "none" else "user:pw"
    server.json(THREAD)
    with sdk.Client(api_key=api_key, base_url=server.url) as client:
        client.beta.chatkit.threads.retrieve("cthr_1")
    received = server.received[0]
    auth_headers = {
        name: value
        for name, value in received.headers.items()
        if name in ("authorization", "x-api-key")
    }
    assert auth_headers == (dict([header]) if header else {})
    assert received.query == ([query] if query else [])


def test_default_headers_query_and_with_options(
    sdk: ModuleType, server: LocalServer
) -> None:
    client = sdk.Client(
        api_key="k",
        base_url=server.url,
        default_headers={"X-Team": "red"},
        default_query={"region": "eu"},
        max_retries=5,
    )
    other = client.with_options(
        api_key="other", default_headers={"X-Extra": "1"}, max_retries=0
    )
    assert other.max_retries == 0 and client.max_retries == 5
    assert other._client is client._client  # one connection pool
    assert type(other) is sdk.Client
    assert other.beta.chatkit.threads._client is other
    server.json(THREAD)
    other.beta.chatkit.threads.retrieve("cthr_1")
    received = server.received[0]
    assert received.headers["x-team"] == "red"
    assert received.headers["x-extra"] == "1"
    assert received.headers["authorization"] == "Bearer other"
    assert received.query == [("region", "eu")]
    replaced = client.copy(set_default_headers={"X-Only": "1"})
    assert "X-Team" not in replaced.default_headers
    with pytest.raises(ValueError):
        client.copy(default_headers={}, set_default_headers={})
    client.close()
    assert client.is_closed() and other.is_closed()


def test_context_managers_close_the_http_client(sdk: ModuleType) -> None:
    with sdk.Client(api_key="k") as client:
        pass
    assert client.is_closed()

    async def run() -> Any:
        async with sdk.AsyncClient(api_key="k") as async_client:
            pass
        return async_client

    assert asyncio.run(run()).is_closed()


def test_omitted_arguments_are_not_sent(client: Any, server: LocalServer) -> None:
    server.json(SESSION)
    server.json({"data": [THREAD], "has_more": False})
    client.beta.chatkit.sessions.create(user="u", workflow={"id": "w"})
    list(client.beta.chatkit.threads.list())
    created, listed = server.received
    assert created.json() == {"user": "u", "workflow": {"id": "w"}}
    assert created.headers["content-type"] == "application/json"
    assert listed.query == [] and listed.body == b""


def test_extra_headers_query_body_and_timeout(client: Any, server: LocalServer) -> None:
    server.json(SESSION)
    client.beta.chatkit.sessions.create(
        user="u",
        workflow={"id": "w"},
        extra_headers={"X-Debug": "yes", "Accept": "text/plain"},
        extra_query={"dry_run": True},
        extra_body={"user": "overridden", "beta": {"on": True}},
        timeout=3.5,
    )
    received = server.received[0]
    assert received.json() == {
        "user": "overridden",
        "workflow": {"id": "w"},
        "beta": {"on": True},
    }
    assert received.query == [("dry_run", "true")]
    assert received.headers["x-debug"] == "yes"
    assert received.headers["accept"] == "text/plain"
    assert received.headers["openai-beta"] == "chatkit_beta=v1"


def test_extra_headers_omit_removes_a_header(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.json(SESSION)
    client.beta.chatkit.sessions.cancel(
        "cksess_1", extra_headers={"Authorization": sdk.omit, "OpenAI-Beta": sdk.omit}
    )
    assert "authorization" not in server.received[0].headers
    assert "openai-beta" not in server.received[0].headers


def test_per_call_timeout_reaches_httpx(sdk: ModuleType) -> None:
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json=THREAD)

    http_client = httpx.Client(transport=httpx.MockTransport(handler))
    client = sdk.Client(api_key="k", base_url="https://x.test", http_client=http_client)
    client.beta.chatkit.threads.retrieve("a", timeout=2.0)
    client.beta.chatkit.threads.retrieve("a")
    assert seen[0] == {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}
    # A client's own http_client keeps its timeout when none is given.
    assert seen[1]["read"] == http_client.timeout.read
    default = sdk.Client(api_key="k")
    assert default.timeout == httpx.Timeout(600.0, connect=5.0)


def test_path_params_are_encoded_as_one_segment(
    client: Any, server: LocalServer
) -> None:
    server.json(THREAD)
    client.beta.chatkit.threads.retrieve("a/b c?d")
    assert server.received[0].path == "/v1/chatkit/threads/a%2Fb%20c%3Fd"


@pytest.mark.parametrize("value", ["", None])
def test_empty_path_param_is_refused(
    client: Any, server: LocalServer, value: Any
) -> None:
    with pytest.raises(ValueError, match="Expected a non-empty value for `thread_id`"):
        client.beta.chatkit.threads.retrieve(value)
    with pytest.raises(ValueError, match="Expected a non-empty value for `session_id`"):
        client.beta.chatkit.sessions.cancel(value)
    assert server.received == []


def test_non_json_success_body_is_a_validation_error(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.reply(Reply(body="<html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(sdk.APIResponseValidationError) as caught:
        client.beta.chatkit.threads.retrieve("cthr_1")
    assert caught.value.body == "<html>" and caught.value.status_code == 200


def test_body_values_are_made_json_safe(sdk: ModuleType) -> None:
    class Color(enum.Enum):
        RED = "red"

    tracing = sdk.types.models.ChatKitWorkflowTracing(enabled=True)
    value = {
        "when": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
        "day": datetime.date(2024, 1, 2),
        "color": Color.RED,
        "tracing": tracing,
        "set": (1, 2),
        "nested": {"skip": sdk.omit, "keep": None},
    }
    assert json.loads(json.dumps(sdk._utils.to_jsonable(value))) == {
        "when": "2024-01-02T03:04:05+00:00",
        "day": "2024-01-02",
        "color": "red",
        "tracing": {"enabled": True},
        "set": [1, 2],
        "nested": {"keep": None},
    }


def test_sentinels(sdk: ModuleType) -> None:
    assert not sdk.omit and sdk.Omit() == sdk.omit and repr(sdk.omit) == "omit"
    assert not sdk.not_given and sdk.NotGiven() == sdk.not_given


# --- stand-ins: request shapes the ChatKit spec has none of ---------------------------------


def test_none_is_null_and_header_params(
    standin_client: Any, server: LocalServer
) -> None:
    # ChatKit has no nullable request field, no list field and no header parameter.
    server.json(ITEM)
    server.json(ITEM)
    standin_client.items.create(name="a")
    standin_client.items.create(
        name="b", note=None, tags=("x", "y"), idempotency_key="key-1"
    )
    assert server.received[0].json() == {"name": "a"}
    # Not given: the client makes one up (test_failsafe_client.py).
    assert server.received[0].headers["idempotency-key"] != "key-1"
    assert server.received[1].json() == {"name": "b", "note": None, "tags": ["x", "y"]}
    assert server.received[1].headers["idempotency-key"] == "key-1"


def test_query_styles(standin_client: Any, server: LocalServer) -> None:
    server.json([ITEM])
    items = standin_client.items.search(
        ids=["a", "b"],
        tags=["x", "y"],
        fields=["f1", "f2"],
        words=["hello", "world"],
        filter={"color": "red", "size": {"min": 1}},
        archived=False,
        owner=None,
    )
    assert items[0].id == "item_1"
    assert server.received[0].query == [
        ("ids", "a"),
        ("ids", "b"),
        ("tags", "x|y"),
        ("fields", "f1,f2"),
        ("words", "hello world"),
        ("filter[color]", "red"),
        ("filter[size][min]", "1"),
        ("archived", "false"),
    ]


def test_multipart_upload(
    standin_client: Any, server: LocalServer, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"from a path")
    uploads = [
        (path, b'filename="notes.txt"', b"from a path"),
        (b"raw bytes", b'filename="file"', b"raw bytes"),
        (io.BytesIO(b"a stream"), b'filename="file"', b"a stream"),
        (("pic.png", b"\x89PNG", "image/png"), b'filename="pic.png"', b"image/png"),
    ]
    for file, filename, content in uploads:
        server.json(ITEM)
        standin_client.items.upload(file=file, purpose="docs", labels=["a", "b"])
        received = server.received[-1]
        assert received.headers["content-type"].startswith(
            "multipart/form-data; boundary="
        )
        assert b'name="file"; ' + filename in received.body
        assert content in received.body
        assert received.body.count(b'name="labels"') == 2
        assert b'name="purpose"\r\n\r\ndocs' in received.body


def test_explicit_json_media_type(standin_client: Any, server: LocalServer) -> None:
    server.json(ITEM)
    standin_client.items.patch("item_1", name=None)
    received = server.received[0]
    assert received.method == "PATCH"
    assert received.headers["content-type"] == "application/merge-patch+json"
    assert received.json() == {"name": None}


def test_form_and_raw_bodies(standin_client: Any, server: LocalServer) -> None:
    server.json(ITEM)
    server.json(ITEM)
    standin_client.items.rename_form("item_1", name="new name", archived=True)
    standin_client.items.put_content("item_1", content=b"\x00\x01binary")
    form, raw = server.received
    assert form.headers["content-type"] == "application/x-www-form-urlencoded"
    assert form.body == b"name=new+name&archived=true"
    assert raw.method == "PUT"
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.body == b"\x00\x01binary"


def test_binary_download(
    standin_client: Any, server: LocalServer, tmp_path: Path
) -> None:
    payload = bytes(range(256)) * 10
    server.reply(
        Reply(body=payload, headers={"Content-Type": "application/octet-stream"})
    )
    download = standin_client.items.download("item_1")
    assert download.content == payload
    assert download.headers["content-type"] == "application/octet-stream"
    assert b"".join(download.iter_bytes()) == payload
    download.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == payload


def test_no_content_returns_none(standin_client: Any, server: LocalServer) -> None:
    server.reply(Reply(status=204))
    assert standin_client.items.delete("item_1") is None
    assert server.received[0].method == "DELETE"
