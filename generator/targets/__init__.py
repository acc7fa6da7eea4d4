"""Targets: each one a folder under `generator/targets/` and one line in `REGISTRY`.

A target turns the finished, language-neutral IR into files under its own top folder of `--out`
(`python/`, ...). It owns everything language-specific: its namer (identifiers, reserved words,
collisions in its own namespaces), its lowering into a view the templates print, its templates under
`templates/<name>/`, its formatter, and the view the shared docs read. Nothing outside a target's
folder imports it except through this interface.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from ..ir import model as ir


class Target(Protocol):
    """What the pipeline needs of a target."""

    name: str

    def render(self, api: ir.Api) -> dict[str, str]:
        """Every file of this target: path relative to `--out` -> text, not yet formatted."""

    def format(self, files: dict[str, str], *, use_cache: bool, read_only: bool) -> dict[str, str]:
        """`files` (all of the run's) with this target's own files in their final layout."""


# name -> module whose `TARGET` is the target. Imported only when a run asks for it.
REGISTRY: dict[str, str] = {
    "python": "generator.targets.python",
}


def load(name: str) -> Target:
    target: Target = importlib.import_module(REGISTRY[name]).TARGET
    return target
