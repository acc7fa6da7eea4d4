"""Cursor pagination, sync and async: the next page is the same request with the cursor set."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any, List

import httpx
import pytest

from local_server import LocalServer


def item(item_id: str) -> dict:
    return {"id": item_id, "object": "item", "name": item_id, "status": "active"}


def three_pages(server: LocalServer) -> None:
    server.json({"data": [item("a"), item("b")], "has_more": True, "first_id": "a"})
    server.json({"data": [item("c"), item("d")], "has_more": True})
    server.json({"data": [item("e")], "has_more": False})


def cursors(server: LocalServer) -> List[List[Any]]:
    return [received.query for received in server.received]


def test_iterating_a_page_walks_every_page(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    three_pages(server)
    page = client.items.list(limit=2, extra_query={"order": "asc"})
    assert isinstance(page, sdk._pagination.SyncCursorPage)
    assert [i.id for i in page.items] == ["a", "b"] and page.data == page.items
    assert page.has_more and page.has_next_page()
    assert page.body["first_id"] == "a"
    assert [i.id for i in page] == ["a", "b", "c", "d", "e"]
    assert cursors(server) == [
        [("limit", "2"), ("order", "asc")],
        [("limit", "2"), ("order", "asc"), ("after", "b")],
        [("limit", "2"), ("order", "asc"), ("after", "d")],
    ]


def test_pages_one_by_one(client: Any, server: LocalServer) -> None:
    three_pages(server)
    first = client.items.list()
    pages = list(first.iter_pages())
    assert [len(page.items) for page in pages] == [2, 2, 1]
    assert not pages[-1].has_next_page()
    with pytest.raises(RuntimeError, match="no next page"):
        pages[-1].get_next_page()


@pytest.mark.parametrize(
    "last_page",
    [
        {"data": [], "has_more": True},  # no items: stop even if the server says more
        {"data": [item("z")]},  # has_more missing
        {"data": [item("z")], "has_more": False},
    ],
)
def test_stop_conditions(client: Any, server: LocalServer, last_page: Any) -> None:
    server.json({"data": [item("a")], "has_more": True})
    server.json(last_page)
    list(client.items.list())
    assert len(server.received) == 2


def test_cursor_from_a_response_field(sdk: ModuleType) -> None:
    bodies = [
        {"items": [item("a")], "more": True, "next": "cur_2"},
        {"items": [item("b")], "more": False, "next": None},
    ]
    queries = []

    def handler(request: httpx.Request) -> httpx.Response:
        queries.append(str(request.url.params))
        return httpx.Response(200, json=bodies[len(queries) - 1])

    http_client = httpx.Client(transport=httpx.MockTransport(handler))
    client = sdk.Client(api_key="k", base_url="https://x.test", http_client=http_client)
    pagination = sdk._pagination.CursorPagination(
        items="items", has_more="more", cursor_param="page_token", cursor_field="next"
    )
    page = client.items._get_page("/things", item_type=dict, pagination=pagination)
    assert [entry["id"] for entry in page] == ["a", "b"]
    assert queries == ["", "page_token=cur_2"]


def test_async_pagination(
    sdk: ModuleType, async_client: Any, server: LocalServer
) -> None:
    async def run() -> None:
        three_pages(server)
        assert [i.id async for i in async_client.items.list(limit=2)] == list("abcde")

        three_pages(server)
        first = await async_client.items.list(limit=2)
        assert isinstance(first, sdk._pagination.AsyncCursorPage)
        assert [i.id for i in first.items] == ["a", "b"]
        second = await first.get_next_page()
        assert [i.id for i in second.items] == ["c", "d"]
        pages = [page async for page in second.iter_pages()]
        assert [len(page.items) for page in pages] == [2, 1]
        await async_client.close()

    asyncio.run(run())
    assert cursors(server)[:3] == [
        [("limit", "2")],
        [("limit", "2"), ("after", "b")],
        [("limit", "2"), ("after", "d")],
    ]
    assert len(server.received) == 6
