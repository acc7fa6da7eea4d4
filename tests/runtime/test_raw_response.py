"""`with_raw_response`: the HTTP response first, the parsed result on `parse()`."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any

from local_server import LocalServer, Reply
from runtime_package import ITEM


def test_raw_response(sdk: ModuleType, client: Any, server: LocalServer) -> None:
    server.json({}, status=500)
    server.json(ITEM, **{"x-request-id": "req_1", "x-custom": "yes"})
    response = client.items.with_raw_response.create(name="a")
    assert isinstance(response, sdk.APIResponse)
    assert response.status_code == 200
    assert response.headers["x-custom"] == "yes"
    assert response.request_id == "req_1"
    assert response.method == "POST"
    assert response.url.path == "/v1/items"
    assert response.retries_taken == 1
    item = response.parse()
    assert isinstance(item, sdk.types.Item) and item.id == "item_1"
    assert response.parse() is item
    # The raw mode ends with the call.
    server.json(ITEM)
    assert isinstance(client.items.create(name="b"), sdk.types.Item)


def test_raw_response_of_a_list_and_a_stream(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.json({"data": [ITEM], "has_more": False})
    page = client.items.with_raw_response.list().parse()
    assert [i.id for i in page] == ["item_1"]
    server.reply(
        Reply(
            headers={"Content-Type": "text/event-stream"},
            chunks=[b'data: {"type": "t", "index": 1}\n\n'],
        )
    )
    response = client.items.with_raw_response.events("item_1")
    assert response.headers["content-type"] == "text/event-stream"
    assert [e.index for e in response.parse()] == [1]


def test_async_raw_response(
    sdk: ModuleType, async_client: Any, server: LocalServer
) -> None:
    server.json(ITEM, **{"x-request-id": "req_2"})
    server.json({"data": [ITEM], "has_more": False})

    async def run() -> None:
        async with async_client:
            response = await async_client.items.with_raw_response.create(name="a")
            assert isinstance(response, sdk.AsyncAPIResponse)
            assert response.request_id == "req_2"
            assert (await response.parse()).id == "item_1"
            raw_page = await async_client.items.with_raw_response.list()
            assert [i.id for i in (await raw_page.parse()).items] == ["item_1"]

    asyncio.run(run())
