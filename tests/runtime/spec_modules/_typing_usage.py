"""Never imported: mypy checks that calls through the contract have the types users expect."""

from __future__ import annotations

from typing import List

from ._client import AsyncClient, Client
from ._pagination import AsyncCursorPage, SyncCursorPage
from ._response import APIResponse, AsyncAPIResponse, BinaryResponse
from ._streaming import Stream
from .types import Event, Item


def sync_usage(client: Client) -> None:
    response: APIResponse[Item] = client.items.with_raw_response.create(name="x")
    item: Item = response.parse()
    page: SyncCursorPage[Item] = client.items.list(limit=2)
    items: List[Item] = [item, *page]
    raw_page: APIResponse[SyncCursorPage[Item]] = client.items.with_raw_response.list()
    events: Stream[Event] = client.items.events("item_1")
    del items, raw_page, events
    with client.items.with_streaming_response.download("item_1") as streamed:
        status: int = streamed.status_code
        chunks: List[bytes] = list(streamed.iter_bytes(1024))
        lines: List[str] = list(streamed.iter_lines())
        binary: BinaryResponse = streamed.parse()
        del status, chunks, lines, binary
    with client.items.with_streaming_response.list() as streamed_page:
        listed: SyncCursorPage[Item] = streamed_page.parse()
        del listed
    with client.with_options(max_retries=0) as other:
        other.items.retrieve("item_1", timeout=1.0)


async def async_usage(client: AsyncClient) -> None:
    response: AsyncAPIResponse[Item] = await client.items.with_raw_response.create(
        name="x"
    )
    item: Item = await response.parse()
    first_page: AsyncCursorPage[Item] = await client.items.list()
    items: List[Item] = [item, *first_page.items]
    async for each in client.items.list():
        items.append(each)
    raw_page: AsyncAPIResponse[AsyncCursorPage[Item]] = (
        await client.items.with_raw_response.list()
    )
    async with client.copy(default_headers={"X-Test": "1"}) as other:
        async for event in await other.items.events("item_1"):
            print(event.index, raw_page.status_code)


async def async_streaming_usage(client: AsyncClient) -> None:
    async with client.items.with_streaming_response.download("item_1") as streamed:
        chunks: List[bytes] = [chunk async for chunk in streamed.iter_bytes(1024)]
        texts: List[str] = [text async for text in streamed.iter_text()]
        binary: BinaryResponse = await streamed.parse()
        del chunks, texts, binary
    async with client.items.with_streaming_response.list() as streamed_page:
        page: AsyncCursorPage[Item] = await streamed_page.parse()
        del page
