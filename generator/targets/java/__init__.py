"""The Java target: a Maven project of plain Java 11 (immutable models with builders, sync and async
services, OkHttp clients) on the runtime in `runtime/` (see its CONTRACT.md)."""

from __future__ import annotations

from ...ir import model as ir
from ...memo import Memo
from .. import Rendered


class JavaTarget:
    name = "java"

    def render(self, api: ir.Api, memo: Memo | None = None) -> Rendered:
        """The Java target renders in a fraction of the Python one's time: it does not use the memo."""
        from .docs_view import docs_view
        from .plan import plan
        from .render import render_target

        the_plan = plan(api)
        return Rendered(render_target(api, the_plan), docs_view(api, the_plan))

    def format(self, files: dict[str, str], *, use_cache: bool, read_only: bool, memo: Memo | None = None) -> dict[str, str]:
        """The templates print the final layout: nothing to do."""
        return files


TARGET = JavaTarget()
