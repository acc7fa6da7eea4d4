"""Docs pages from the memo (`generator/memo.py`): a page is named by its operation, the definitions
that operation reaches, its file, the API's own settings and what the target's docs view reads of
the whole SDK (`DocsView.memo_scope`). A view that cannot say that (None) has its pages built anew."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from ..ir import model as ir
from ..ir.digests import Digests
from ..memo import Memo, digest
from .view import DocsView, OperationDoc


@dataclass(frozen=True)
class PageText:
    """A page as the index lists it, and its text."""

    file: str
    text: str
    method_cell: str
    http_cell: str
    index_summary: str


def _encode(page: PageText) -> Any:
    return [page.file, page.text, page.method_cell, page.http_cell, page.index_summary]


def _decode(data: Any) -> PageText:
    if not isinstance(data, list) or len(data) != 5 or not all(isinstance(part, str) for part in data):
        raise TypeError("not a page")
    return PageText(*data)


class PageMemo:
    def __init__(self, api: ir.Api, view: DocsView, memo: Memo, *context: str):
        scope = view.memo_scope() if memo.active else None
        self.memo = memo if scope is not None else Memo.off()
        self.digests = memo.shared("ir digests", lambda: Digests(api)) if self.memo.active else None
        # Everything of the API but its definitions and operations (each page's key has its own).
        settings = replace(api, definitions={}, operations=[], root=ir.Resource(()))
        self.scope = digest(scope, settings, context) if self.memo.active else ""

    def page(self, doc: OperationDoc, path: str, build: Callable[[], PageText]) -> PageText:
        key = ""
        if self.digests is not None:
            key = digest(self.scope, path, doc, self.digests.operation(doc.operation))
        return self.memo.recall("docs page", key, build, _encode, _decode)
