"""`with_raw_response`: the HTTP response first, the parsed result on `parse()`.

On the generated ChatKit SDK; a raw event stream on the stand-ins (ChatKit has no SSE operation).
"""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any

from local_server import LocalServer, Reply
from runtime_package import SESSION, THREAD


def test_raw_response(sdk: ModuleType, client: Any, server: LocalServer) -> None:
    server.json({}, status=500)
    server.json(SESSION, **{"x-request-id": "req_1", "x-custom": "yes"})
    sessions = client.beta.chatkit.sessions
    response = sessions.with_raw_response.create(user="u", workflow={"id": "w"})
    assert isinstance(response, sdk.APIResponse)
    assert response.status_code == 200
    assert response.headers["x-custom"] == "yes"
    assert response.request_id == "req_1"
    assert response.method == "POST"
    assert response.url.path == "/v1/chatkit/sessions"
    assert response.retries_taken == 1
    session = response.parse()
    assert isinstance(session, sdk.types.models.ChatSession)
    assert session.id == "cksess_1"
    assert response.parse() is session
    # The raw mode ends with the call.
    server.json(SESSION)
    assert isinstance(sessions.cancel("cksess_1"), sdk.types.models.ChatSession)


def test_raw_response_from_the_client(client: Any, server: LocalServer) -> None:
    server.json(THREAD)
    response = client.with_raw_response.beta.chatkit.threads.retrieve("cthr_1")
    assert response.parse().id == "cthr_1"


def test_raw_response_of_a_list(client: Any, server: LocalServer) -> None:
    server.json({"data": [THREAD], "has_more": False})
    page = client.beta.chatkit.threads.with_raw_response.list().parse()
    assert [t.id for t in page] == ["cthr_1"]


def test_async_raw_response(
    sdk: ModuleType, async_client: Any, server: LocalServer
) -> None:
    server.json(THREAD, **{"x-request-id": "req_2"})
    server.json({"data": [THREAD], "has_more": False}, **{"x-request-id": "req_3"})

    async def run() -> None:
        async with async_client:
            threads = async_client.beta.chatkit.threads
            response = await threads.with_raw_response.retrieve("cthr_1")
            assert isinstance(response, sdk.AsyncAPIResponse)
            assert response.request_id == "req_2"
            assert (await response.parse()).id == "cthr_1"
            raw_page = await threads.with_raw_response.list()
            assert isinstance(raw_page, sdk.AsyncAPIResponse)
            assert raw_page.request_id == "req_3"
            first = await raw_page.parse()
            assert isinstance(first, sdk.AsyncCursorPage)
            assert [t.id for t in first.items] == ["cthr_1"]

    asyncio.run(run())


def test_raw_response_of_a_stream(standin_client: Any, server: LocalServer) -> None:
    server.reply(
        Reply(
            headers={"Content-Type": "text/event-stream"},
            chunks=[b'data: {"type": "t", "index": 1}\n\n'],
        )
    )
    response = standin_client.items.with_raw_response.events("item_1")
    assert response.headers["content-type"] == "text/event-stream"
    assert [e.index for e in response.parse()] == [1]
