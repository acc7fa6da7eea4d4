"""Targets: each one a folder under `generator/targets/` and one line in `REGISTRY`.

A target turns the finished, language-neutral IR into files under its own top folder of `--out`
(`python/`, ...). It owns everything language-specific: its namer (identifiers, reserved words,
collisions in its own namespaces), its lowering into a view the templates print, its templates under
`templates/<name>/`, its formatter, and the view the shared docs read. Nothing outside a target's
folder imports it except through this interface.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol

from ..docs.view import DocsView
from ..ir import model as ir
from ..memo import Memo


@dataclass(frozen=True)
class Rendered:
    """A target's files (path relative to `--out` -> text, not yet formatted) and the view the shared
    docs stage reads to speak of its SDK (None: the target has no docs of its own)."""

    files: dict[str, str]
    docs: DocsView | None = None


class Target(Protocol):
    """What the pipeline needs of a target."""

    name: str

    def render(self, api: ir.Api, memo: Memo | None = None) -> Rendered:
        """Every file of this target, and its docs view; `memo` holds what earlier runs computed."""

    def format(self, files: dict[str, str], *, use_cache: bool, read_only: bool, memo: Memo | None = None) -> dict[str, str]:
        """`files` (all of the run's) with this target's own files in their final layout."""


# name -> module whose `TARGET` is the target. Imported only when a run asks for it.
REGISTRY: dict[str, str] = {
    "python": "generator.targets.python",
    "java": "generator.targets.java",
}


def load(name: str) -> Target:
    target: Target = importlib.import_module(REGISTRY[name]).TARGET
    return target
