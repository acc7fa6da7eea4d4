from __future__ import annotations

from functools import cached_property

from ._api_clients import AsyncAPIClient, SyncAPIClient
from .resources import AsyncItems, Items


class Client(SyncAPIClient):
    @cached_property
    def items(self) -> Items:
        return Items(self)


class AsyncClient(AsyncAPIClient):
    @cached_property
    def items(self) -> AsyncItems:
        return AsyncItems(self)
