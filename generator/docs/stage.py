"""The docs stage: the Markdown reference of an API, rendered from a target's docs view.

The pipeline runs it after the targets have rendered, once per target that has a docs view
(`Target.render` returns it beside the files): the first one's pages in `docs/`, the others' in
`docs/<target>/`. Its templates are `templates/docs/`, compiled once per
process by an environment of its own: nothing of a target's template set is needed.
"""

from __future__ import annotations

from functools import lru_cache
import jinja2

from .. import templating
from ..ir import model as ir
from ..memo import Memo
from .pages import render_docs
from .text import html_comment
from .view import DocsView

@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return templating.environment()


def docs_files(api: ir.Api, view: DocsView, folder: str = "docs", memo: Memo | None = None) -> dict[str, str]:
    """`<folder>/index.md` and a page per operation, each opening with the view's notice."""
    return render_docs(api, view, environment(), html_comment(view.notice), folder, memo)


def docs_folders(names: list[str]) -> list[str]:
    """Where each target's docs go, in the run's order of targets: the first one's in `docs/`, each
    further one's in `docs/<target>/`."""
    return ["docs" if index == 0 else f"docs/{name}" for index, name in enumerate(names)]
