"""The Python target: a typed SDK on httpx and pydantic v2, and the Markdown reference."""

from __future__ import annotations

from ...ir import model as ir
from ...memo import Memo
from .. import Rendered


class PythonTarget:
    name = "python"

    def render(self, api: ir.Api, memo: Memo | None = None) -> Rendered:
        from .docs_view import PythonDocsView
        from .lower import lower
        from .render import render_target

        view = lower(api, memo)
        return Rendered(render_target(api, view, memo), PythonDocsView(api, view))

    def format(self, files: dict[str, str], *, use_cache: bool, read_only: bool, memo: Memo | None = None) -> dict[str, str]:
        from .format import format_files
        from .render import runtime_files

        runtime = set(runtime_files().values())  # in black's layout already
        return format_files(files, use_cache=use_cache, read_only=read_only, stable=runtime, memo=memo)


TARGET = PythonTarget()
