"""Cursor pagination, sync and async: the next page is the same request with the cursor set.

On the generated ChatKit lists, whose cursor is the response's `last_id` field.
"""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any, Dict, List

import httpx
import pytest

from local_server import LocalServer
from runtime_package import THREAD


def thread(thread_id: str) -> Dict[str, Any]:
    return {**THREAD, "id": thread_id}


def page(*ids: str, has_more: Any = None, **extra: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {"object": "list", "data": [thread(i) for i in ids]}
    if ids:
        body.update(first_id=ids[0], last_id=ids[-1])
    if has_more is not None:
        body["has_more"] = has_more
    return {**body, **extra}


def three_pages(server: LocalServer) -> None:
    server.json(page("a", "b", has_more=True))
    server.json(page("c", "d", has_more=True))
    server.json(page("e", has_more=False))


def cursors(server: LocalServer) -> List[List[Any]]:
    return [received.query for received in server.received]


def test_iterating_a_page_walks_every_page(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    three_pages(server)
    first = client.beta.chatkit.threads.list(limit=2, extra_query={"order": "asc"})
    assert isinstance(first, sdk.SyncCursorPage)
    assert [t.id for t in first.items] == ["a", "b"] and first.data == first.items
    assert isinstance(first.items[0], sdk.types.models.ChatKitThread)
    assert first.has_more and first.has_next_page()
    assert first.body["first_id"] == "a"
    assert [t.id for t in first] == ["a", "b", "c", "d", "e"]
    assert cursors(server) == [
        [("limit", "2"), ("order", "asc")],
        [("limit", "2"), ("order", "asc"), ("after", "b")],
        [("limit", "2"), ("order", "asc"), ("after", "d")],
    ]
    assert {r.headers["openai-beta"] for r in server.received} == {"chatkit_beta=v1"}


def test_the_cursor_is_last_id_not_the_last_item(
    client: Any, server: LocalServer
) -> None:
    server.json(page("a", "b", has_more=True, last_id="cursor_b"))
    server.json(page("c", has_more=False))
    items = list(client.beta.chatkit.threads.list_items("cthr_1"))
    assert [i.id for i in items] == ["a", "b", "c"]
    assert cursors(server) == [[], [("after", "cursor_b")]]
    assert server.received[1].path == "/v1/chatkit/threads/cthr_1/items"


def test_pages_one_by_one(client: Any, server: LocalServer) -> None:
    three_pages(server)
    first = client.beta.chatkit.threads.list()
    pages = list(first.iter_pages())
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert not pages[-1].has_next_page()
    with pytest.raises(RuntimeError, match="no next page"):
        pages[-1].get_next_page()


@pytest.mark.parametrize(
    "last_page",
    [
        page("z"),  # has_more missing
        page("z", has_more=False),
    ],
)
def test_stop_conditions(client: Any, server: LocalServer, last_page: Any) -> None:
    server.json(page("a", has_more=True))
    server.json(last_page)
    list(client.beta.chatkit.threads.list())
    assert len(server.received) == 2


NO_CURSOR = [
    {"data": [thread("z")], "has_more": True},  # no last_id to continue from
    page("z", has_more=True, last_id=None),
    page("z", has_more=True, last_id=""),  # `after=` would ask for the first page again
]


@pytest.mark.parametrize("last_page", NO_CURSOR)
def test_has_more_without_a_cursor_raises(
    sdk: ModuleType, client: Any, server: LocalServer, last_page: Any
) -> None:
    server.json(page("a", has_more=True))
    server.json(last_page)
    seen: List[str] = []
    with pytest.raises(sdk.PaginationError, match="no cursor \\(`last_id`\\)"):
        for item in client.beta.chatkit.threads.list():
            seen.append(item.id)
    assert seen == ["a", "z"] and len(server.received) == 2
    # Page by page: the server's word is that there is more; getting it raises.
    server.reset()
    server.json(last_page)
    last = client.beta.chatkit.threads.list()
    assert last.has_next_page()
    with pytest.raises(sdk.PaginationError):
        last.get_next_page()
    assert len(server.received) == 1


@pytest.mark.parametrize("last_page", NO_CURSOR)
def test_async_has_more_without_a_cursor_raises(
    sdk: ModuleType, async_client: Any, server: LocalServer, last_page: Any
) -> None:
    seen: List[str] = []

    async def run() -> None:
        async with async_client:
            with pytest.raises(sdk.PaginationError, match="no cursor"):
                async for item in async_client.beta.chatkit.threads.list():
                    seen.append(item.id)
            first = await async_client.beta.chatkit.threads.list()
            with pytest.raises(sdk.PaginationError, match="no cursor"):
                [p async for p in first.iter_pages()]

    server.json(page("a", has_more=True))
    server.json(last_page)
    server.json(last_page)
    asyncio.run(run())
    assert seen == ["a", "z"] and len(server.received) == 3


def test_has_more_with_items_that_have_no_id_raises(
    sdk: ModuleType, client: Any, async_client: Any, server: LocalServer
) -> None:
    # Without cursor_field the cursor is the last item's `id`: items without one give none.
    by_id = sdk._pagination.CursorPagination(items="items", has_more="more")
    body = {"items": [{"name": "x"}], "more": True}
    server.json(body)
    threads = client.beta.chatkit.threads
    with pytest.raises(sdk.PaginationError, match="the last item's `id`"):
        list(threads._get_page("/things", item_type=dict, pagination=by_id))

    async def run() -> None:
        async with async_client:
            things = async_client.beta.chatkit.threads._get_page(
                "/things", item_type=dict, pagination=by_id
            )
            with pytest.raises(sdk.PaginationError, match="`id`"):
                [entry async for entry in things]

    server.json(body)
    asyncio.run(run())
    assert len(server.received) == 2


def test_cursor_from_another_response_field(sdk: ModuleType) -> None:
    bodies = [
        {"items": [thread("a")], "more": True, "next": "cur_2"},
        {"items": [thread("b")], "more": False, "next": None},
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
    threads = client.beta.chatkit.threads
    pages = threads._get_page("/things", item_type=dict, pagination=pagination)
    assert [entry["id"] for entry in pages] == ["a", "b"]
    assert queries == ["", "page_token=cur_2"]
    # Without cursor_field, the cursor is the id of the last item.
    queries.clear()
    by_id = sdk._pagination.CursorPagination(items="items", has_more="more")
    assert [e["id"] for e in threads._get_page("/x", item_type=dict, pagination=by_id)]
    assert queries == ["", "after=a"]


def test_async_pagination(
    sdk: ModuleType, async_client: Any, server: LocalServer
) -> None:
    async def run() -> None:
        threads = async_client.beta.chatkit.threads
        three_pages(server)
        assert [t.id async for t in threads.list(limit=2)] == list("abcde")

        three_pages(server)
        first = await threads.list(limit=2)
        assert isinstance(first, sdk.AsyncCursorPage)
        assert [t.id for t in first.items] == ["a", "b"]
        second = await first.get_next_page()
        assert [t.id for t in second.items] == ["c", "d"]
        pages = [p async for p in second.iter_pages()]
        assert [len(p.items) for p in pages] == [2, 1]
        await async_client.close()

    asyncio.run(run())
    assert cursors(server)[:3] == [
        [("limit", "2")],
        [("limit", "2"), ("after", "b")],
        [("limit", "2"), ("after", "d")],
    ]
    assert len(server.received) == 6


def stuck_pages(server: LocalServer, kind: str) -> None:
    """A server that claims more pages but makes no progress; 50 replies bound the old endless loop."""
    if kind == "same_cursor":
        server.json(page("a", "b", has_more=True))
        for _ in range(50):
            server.json(page("c", "b", has_more=True))  # last_id "b" again
    elif kind == "cursor_cycle":
        server.json(page("a", has_more=True))
        for _ in range(25):
            server.json(page("b", has_more=True))
            server.json(
                page("a", has_more=True)
            )  # a, b, a: not the last cursor, one seen before
    else:
        server.json(page("a", has_more=True))
        for _ in range(50):
            server.json(page(has_more=True))  # empty page, has_more true


STUCK = ["same_cursor", "cursor_cycle", "empty_page"]


@pytest.mark.parametrize("kind", STUCK)
def test_a_stuck_server_raises_instead_of_paging_forever(
    sdk: ModuleType, client: Any, server: LocalServer, kind: str
) -> None:
    stuck_pages(server, kind)
    seen: List[str] = []
    with pytest.raises(sdk.PaginationError, match="stopping") as caught:
        for item in client.beta.chatkit.threads.list():
            seen.append(item.id)
    assert isinstance(caught.value, sdk.ChatkitClientError)
    requests = {"same_cursor": 2, "cursor_cycle": 3, "empty_page": 2}[kind]
    assert len(server.received) == requests
    assert seen == {"same_cursor": list("abcb"), "cursor_cycle": list("aba")}.get(
        kind, ["a"]
    )


@pytest.mark.parametrize("kind", STUCK)
def test_a_stuck_server_raises_async_and_page_by_page(
    sdk: ModuleType, async_client: Any, client: Any, server: LocalServer, kind: str
) -> None:
    async def run() -> None:
        async with async_client:
            with pytest.raises(sdk.PaginationError):
                async for _ in async_client.beta.chatkit.threads.list():
                    pass

    stuck_pages(server, kind)
    asyncio.run(run())
    requests = len(server.received)
    assert requests <= 3
    # get_next_page() by hand runs into the same check.
    server.reset()
    stuck_pages(server, kind)
    page_ = client.beta.chatkit.threads.list()
    with pytest.raises(sdk.PaginationError):
        for _ in range(10):
            page_ = page_.get_next_page()
    assert len(server.received) == requests


def test_the_first_requests_cursor_counts_as_seen(
    sdk: ModuleType, client: Any, server: LocalServer
) -> None:
    server.json(page("x", has_more=True, last_id="start"))
    with pytest.raises(sdk.PaginationError, match="'start'"):
        list(client.beta.chatkit.threads.list(after="start"))
    assert len(server.received) == 1
