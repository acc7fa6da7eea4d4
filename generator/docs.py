"""Stage 5b: the Markdown API reference (placeholder until the docs stage lands: index only)."""

from __future__ import annotations

import jinja2

from . import ir
from .python.lower import PythonView


def render_docs(api: ir.Api, view: PythonView, env: jinja2.Environment, md_header: str) -> dict[str, str]:
    lines = [md_header, f"# {api.title}", ""]
    for op in api.operations:
        lines.append(f"- `{op.http_method.upper()} {op.path}`")
    return {"docs/index.md": "\n".join(lines) + "\n"}
