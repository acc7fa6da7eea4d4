"""The runtime's modules, and which of them defines each name a generated module imports.

Read from the runtime's own source (`runtime/`), so that where a name lives is said in one place: a
name moved from one runtime module to another moves every import of it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

RUNTIME = Path(__file__).resolve().parent / "runtime"
RUNTIME_MODULES = (
    "_api_clients", "_base_client", "_exceptions", "_files", "_models", "_pagination", "_requests",
    "_resource", "_response", "_response_modes", "_retries", "_streaming", "_transport", "_types",
    "_utils",
)
# A module-level class, function or assignment (imports and indented code are not definitions).
_DEFINITION = re.compile(r"^(?:class|def|async def)\s+([A-Za-z]\w*)|^([A-Za-z]\w*)\s*(?::[^=\n]*)?=", re.M)


@lru_cache(maxsize=None)
def source(module: str) -> str:
    """A runtime module's source, read once per process (the render copies it, names are read in it)."""
    return (RUNTIME / f"{module}.py").read_bytes().decode("utf-8")


@lru_cache(maxsize=1)
def _defined_in() -> dict[str, str]:
    found: dict[str, str] = {}
    for module in RUNTIME_MODULES:
        for match in _DEFINITION.finditer(source(module)):
            found.setdefault(match.group(1) or match.group(2), module)
    return found


def module_of(name: str) -> str:
    """The runtime module that defines `name` (`Stream` -> `_streaming`)."""
    try:
        return _defined_in()[name]
    except KeyError:
        raise ValueError(f"the runtime defines no {name!r}") from None
