"""The Jinja environment every template set is rendered with (`templates/`).

Templates receive only views whose every string is already decided and escaped: nothing from the
spec is ever template source, and nothing is escaped by Jinja itself (each context escapes its own).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import jinja2

# A link to the checkout's `templates/` folder; in an installed wheel, the copied folder itself.
TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment(filters: dict[str, Callable[..., Any]] | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(filters or {})
    return env
