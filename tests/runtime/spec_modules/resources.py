from __future__ import annotations

from functools import cached_property
from typing import Dict, List, Optional, Union, cast

from ._pagination import AsyncPaginator, CursorPagination, SyncCursorPage
from ._resource import AsyncAPIResource, SyncAPIResource
from ._response import BinaryResponse
from ._response_modes import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ._streaming import AsyncStream, Stream
from ._types import FileTypes, Headers, NotGiven, Omit, Query, Timeout, not_given, omit
from .types import Event, Item, Message

_PAGINATION = CursorPagination(items="data", has_more="has_more", cursor_param="after")


class Items(SyncAPIResource):
    @cached_property
    def with_raw_response(self) -> ItemsWithRawResponse:
        return ItemsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ItemsWithStreamingResponse:
        return ItemsWithStreamingResponse(self)

    def create(
        self,
        *,
        name: str,
        note: Union[Optional[str], Omit] = omit,
        tags: Union[List[str], Omit] = omit,
        idempotency_key: Union[str, Omit] = omit,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[object] = None,
        timeout: Union[Timeout, NotGiven] = not_given,
        max_retries: Union[int, NotGiven] = not_given,
    ) -> Item:
        return cast(
            Item,
            self._request(
                "post",
                "/items",
                body={"name": name, "note": note, "tags": tags},
                headers={"Idempotency-Key": idempotency_key},
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
                cast_to=Item,
            ),
        )

    def retrieve(
        self,
        item_id: str,
        *,
        timeout: Union[Timeout, NotGiven] = not_given,
        max_retries: Union[int, NotGiven] = not_given,
    ) -> Item:
        return cast(
            Item,
            self._request(
                "get",
                "/items/{item_id}",
                path_params={"item_id": item_id},
                timeout=timeout,
                max_retries=max_retries,
                cast_to=Item,
            ),
        )

    def patch(self, item_id: str, *, name: Union[Optional[str], Omit] = omit) -> Item:
        return cast(
            Item,
            self._request(
                "patch",
                "/items/{item_id}",
                path_params={"item_id": item_id},
                body={"name": name},
                content_type="application/merge-patch+json",
                cast_to=Item,
            ),
        )

    def delete(self, item_id: str) -> None:
        self._request(
            "delete",
            "/items/{item_id}",
            path_params={"item_id": item_id},
            cast_to=None,
        )

    def list(
        self,
        *,
        limit: Union[int, Omit] = omit,
        after: Union[str, Omit] = omit,
        extra_query: Optional[Query] = None,
    ) -> SyncCursorPage[Item]:
        return cast(
            SyncCursorPage[Item],
            self._get_page(
                "/items",
                item_type=Item,
                pagination=_PAGINATION,
                query={"limit": limit, "after": after},
                extra_query=extra_query,
            ),
        )

    def search(
        self,
        *,
        ids: Union[List[str], Omit] = omit,
        tags: Union[List[str], Omit] = omit,
        fields: Union[List[str], Omit] = omit,
        words: Union[List[str], Omit] = omit,
        filter: Union[Dict[str, object], Omit] = omit,
        archived: Union[bool, Omit] = omit,
        owner: Union[Optional[str], Omit] = omit,
    ) -> List[Item]:
        return cast(
            List[Item],
            self._request(
                "get",
                "/items/search",
                query={
                    "ids": ids,
                    "tags": tags,
                    "fields": fields,
                    "words": words,
                    "filter": filter,
                    "archived": archived,
                    "owner": owner,
                },
                query_styles={
                    "tags": "pipe_delimited",
                    "fields": "form_no_explode",
                    "words": "space_delimited",
                    "filter": "deep_object",
                },
                cast_to=List[Item],
            ),
        )

    def message(self, message_id: str) -> Message:
        return cast(
            Message,
            self._request(
                "get",
                "/messages/{message_id}",
                path_params={"message_id": message_id},
                cast_to=Message,
            ),
        )

    def upload(
        self,
        *,
        file: FileTypes,
        purpose: str,
        labels: Union[List[str], Omit] = omit,
    ) -> Item:
        return cast(
            Item,
            self._request(
                "post",
                "/uploads",
                body={"purpose": purpose, "labels": labels},
                files={"file": file},
                content_type="multipart/form-data",
                cast_to=Item,
            ),
        )

    def rename_form(self, item_id: str, *, name: str, archived: bool) -> Item:
        return cast(
            Item,
            self._request(
                "post",
                "/items/{item_id}/rename",
                path_params={"item_id": item_id},
                body={"name": name, "archived": archived},
                content_type="application/x-www-form-urlencoded",
                cast_to=Item,
            ),
        )

    def put_content(self, item_id: str, *, content: bytes) -> Item:
        return cast(
            Item,
            self._request(
                "put",
                "/items/{item_id}/content",
                path_params={"item_id": item_id},
                body=content,
                content_type="application/octet-stream",
                cast_to=Item,
            ),
        )

    def download(self, item_id: str) -> BinaryResponse:
        return cast(
            BinaryResponse,
            self._request(
                "get",
                "/items/{item_id}/content",
                path_params={"item_id": item_id},
                cast_to=BinaryResponse,
            ),
        )

    def events(self, item_id: str) -> Stream[Event]:
        return cast(
            Stream[Event],
            self._request(
                "get",
                "/items/{item_id}/events",
                path_params={"item_id": item_id},
                cast_to=Event,
                stream=True,
            ),
        )


class ItemsWithRawResponse:
    def __init__(self, items: Items) -> None:
        self.create = to_raw_response_wrapper(items.create)
        self.list = to_raw_response_wrapper(items.list)
        self.events = to_raw_response_wrapper(items.events)


class ItemsWithStreamingResponse:
    def __init__(self, items: Items) -> None:
        self.create = to_streamed_response_wrapper(items.create)
        self.list = to_streamed_response_wrapper(items.list)
        self.download = to_streamed_response_wrapper(items.download)
        self.events = to_streamed_response_wrapper(items.events)


class AsyncItems(AsyncAPIResource):
    @cached_property
    def with_raw_response(self) -> AsyncItemsWithRawResponse:
        return AsyncItemsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncItemsWithStreamingResponse:
        return AsyncItemsWithStreamingResponse(self)

    async def create(
        self,
        *,
        name: str,
        note: Union[Optional[str], Omit] = omit,
        max_retries: Union[int, NotGiven] = not_given,
    ) -> Item:
        return cast(
            Item,
            await self._request(
                "post",
                "/items",
                body={"name": name, "note": note},
                max_retries=max_retries,
                cast_to=Item,
            ),
        )

    def list(self, *, limit: Union[int, Omit] = omit) -> AsyncPaginator[Item]:
        return cast(
            AsyncPaginator[Item],
            self._get_page(
                "/items",
                item_type=Item,
                pagination=_PAGINATION,
                query={"limit": limit},
            ),
        )

    async def download(self, item_id: str) -> BinaryResponse:
        return cast(
            BinaryResponse,
            await self._request(
                "get",
                "/items/{item_id}/content",
                path_params={"item_id": item_id},
                cast_to=BinaryResponse,
            ),
        )

    async def events(self, item_id: str) -> AsyncStream[Event]:
        return cast(
            AsyncStream[Event],
            await self._request(
                "get",
                "/items/{item_id}/events",
                path_params={"item_id": item_id},
                cast_to=Event,
                stream=True,
            ),
        )


class AsyncItemsWithRawResponse:
    def __init__(self, items: AsyncItems) -> None:
        self.create = async_to_raw_response_wrapper(items.create)
        self.list = async_to_raw_response_wrapper(items.list)


class AsyncItemsWithStreamingResponse:
    def __init__(self, items: AsyncItems) -> None:
        self.create = async_to_streamed_response_wrapper(items.create)
        self.list = async_to_streamed_response_wrapper(items.list)
        self.download = async_to_streamed_response_wrapper(items.download)
        self.events = async_to_streamed_response_wrapper(items.events)
