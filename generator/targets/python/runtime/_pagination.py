"""Cursor-paginated lists: a page knows how to fetch the next one.

A server that answers `has_more: true` without a way forward (no cursor, a cursor already used, or a
page with no items) would be paged through forever, or cut short without a word: that raises
`PaginationError` instead.
"""

from __future__ import annotations

import dataclasses
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    FrozenSet,
    Generator,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    TypeVar,
    cast,
)

from ._models import parse_response
from ._response import streamed_body
from ._response_modes import streaming_response_requested
from ._settings import ClientError
from ._types import is_list, is_mapping

if TYPE_CHECKING:
    from ._api_clients import AsyncAPIClient, SyncAPIClient
    from ._requests import RequestOptions

__all__ = [
    "AsyncCursorPage",
    "AsyncPaginator",
    "CursorPagination",
    "PaginationError",
    "SyncCursorPage",
]

T = TypeVar("T")


class PaginationError(ClientError):
    """The server said there are more pages but gave no way forward: no cursor, a repeated one, or
    no items."""


@dataclasses.dataclass(frozen=True)
class CursorPagination:
    """Where a list response keeps its items and has-more flag, and how to ask for the next page."""

    items: str = "data"
    has_more: str = "has_more"
    cursor_param: str = "after"
    # The response field holding the next cursor; None: the `id` of the last item.
    cursor_field: Optional[str] = None


class _BasePage(Generic[T]):
    items: List[T]
    has_more: bool
    body: Mapping[str, Any]
    """The whole decoded response, for fields beyond the items (`first_id`, `last_id`...)."""

    def __init__(
        self,
        body: object,
        *,
        client: Any,
        options: RequestOptions,
        item_type: Any,
        pagination: CursorPagination,
        seen_cursors: FrozenSet[str] = frozenset(),
    ) -> None:
        self.body = body if is_mapping(body) else {}
        raw_items = self.body.get(pagination.items)
        self.items = [
            parse_response(item_type, item)
            for item in (raw_items if is_list(raw_items) else [])
        ]
        self.has_more = self.body.get(pagination.has_more) is True
        self._client = client
        self._options = options
        self._item_type = item_type
        self._pagination = pagination
        # Every cursor that fetched this page or one before it (and the first request's own).
        first_cursor = options.query.get(pagination.cursor_param)
        if first_cursor is not None:
            seen_cursors = seen_cursors | {str(first_cursor)}
        self._seen_cursors = seen_cursors

    @property
    def data(self) -> List[T]:
        return self.items

    def has_next_page(self) -> bool:
        """Whether the server says there is more: then `get_next_page()` fetches it, or raises
        PaginationError when the server gave no way to it."""
        return self.has_more

    def _next_cursor(self) -> Optional[str]:
        if self._pagination.cursor_field is not None:
            cursor = self.body.get(self._pagination.cursor_field)
        elif not self.items:
            return None
        else:
            last: object = self.items[-1]
            cursor = last.get("id") if is_mapping(last) else getattr(last, "id", None)
        # An empty cursor would ask for the first page again.
        return None if cursor is None or cursor == "" else str(cursor)

    def _next_page_options(self) -> RequestOptions:
        """The next request; PaginationError when the server claims more but makes no progress."""
        if not self.has_more:
            raise RuntimeError("There is no next page: check has_next_page() first.")
        claim = f"The list response has `{self._pagination.has_more}: true`"
        if not self.items:
            raise PaginationError(
                f"{claim} but no items: stopping instead of asking for the same page again."
            )
        cursor = self._next_cursor()
        if cursor is None:
            field = self._pagination.cursor_field
            where = f"`{field}`" if field is not None else "the last item's `id`"
            raise PaginationError(
                f"{claim} but no cursor ({where}) to ask for the next page with: stopping"
                " instead of ending the list early."
            )
        if cursor in self._seen_cursors:
            raise PaginationError(
                f"The list response repeats the cursor {cursor!r} (`{self._pagination.cursor_param}`"
                " of an earlier page): stopping instead of looping."
            )
        query = {**self._options.query, self._pagination.cursor_param: cursor}
        return dataclasses.replace(self._options, query=query)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={self.items!r}, has_more={self.has_more})"


class SyncCursorPage(_BasePage[T]):
    _client: SyncAPIClient

    @classmethod
    def fetch(
        cls,
        client: SyncAPIClient,
        options: RequestOptions,
        *,
        item_type: Any,
        pagination: CursorPagination,
        seen_cursors: FrozenSet[str] = frozenset(),
    ) -> SyncCursorPage[T]:
        def build(body: object) -> SyncCursorPage[T]:
            return cls(
                body,
                client=client,
                options=options,
                item_type=item_type,
                pagination=pagination,
                seen_cursors=seen_cursors,
            )

        # Sent unread (httpx's stream mode) for `with_streaming_response`.
        unread = streaming_response_requested()
        page = client.request(None, options, stream=unread, page_builder=build)
        if unread:
            page = streamed_body(page, events=False)
        return cast("SyncCursorPage[T]", page)

    def get_next_page(self) -> SyncCursorPage[T]:
        return self.fetch(
            self._client,
            self._next_page_options(),
            item_type=self._item_type,
            pagination=self._pagination,
            seen_cursors=self._seen_cursors,
        )

    def iter_pages(self) -> Iterator[SyncCursorPage[T]]:
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncCursorPage(_BasePage[T]):
    _client: AsyncAPIClient

    @classmethod
    async def fetch(
        cls,
        client: AsyncAPIClient,
        options: RequestOptions,
        *,
        item_type: Any,
        pagination: CursorPagination,
        seen_cursors: FrozenSet[str] = frozenset(),
    ) -> AsyncCursorPage[T]:
        def build(body: object) -> AsyncCursorPage[T]:
            return cls(
                body,
                client=client,
                options=options,
                item_type=item_type,
                pagination=pagination,
                seen_cursors=seen_cursors,
            )

        # Sent unread (httpx's stream mode) for `with_streaming_response`.
        unread = streaming_response_requested()
        page = await client.request(None, options, stream=unread, page_builder=build)
        if unread:
            page = streamed_body(page, events=False)
        return cast("AsyncCursorPage[T]", page)

    async def get_next_page(self) -> AsyncCursorPage[T]:
        return await self.fetch(
            self._client,
            self._next_page_options(),
            item_type=self._item_type,
            pagination=self._pagination,
            seen_cursors=self._seen_cursors,
        )

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[T]]:
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[T]):
    """An async list call: `await` it for the first page, or `async for` over every item."""

    def __init__(
        self,
        client: AsyncAPIClient,
        options: RequestOptions,
        *,
        item_type: Any,
        pagination: CursorPagination,
    ) -> None:
        self._client = client
        self._options = options
        self._item_type = item_type
        self._pagination = pagination

    def __await__(self) -> Generator[Any, None, AsyncCursorPage[T]]:
        first_page = AsyncCursorPage[T].fetch(
            self._client,
            self._options,
            item_type=self._item_type,
            pagination=self._pagination,
        )
        return first_page.__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self
        async for item in page:
            yield item
