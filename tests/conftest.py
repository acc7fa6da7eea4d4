"""Shared pytest fixtures, and the rule that marks the slow tests.

`make test-fast` runs `-m "not slow and not long"`: the edit loop's tier. `make test` runs everything
but the long checks (`LONG_FILES`: the whole OpenAI spec's Java compiled, Maven), which `make test-long`
runs. The rule is here, by file, by fixture and by name, so a new test in one of these places is slow
without a decorator, and test files need no marker of their own (an explicit `@pytest.mark.slow`
also works).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Union

import pytest

# tests/ has no __init__.py, so pytest puts it on sys.path and its modules import by plain name.
from prism import CHATKIT_SPEC, PRISM_BIN, ROOT, PrismServer, require_tool

SpecPath = Union[str, "os.PathLike[str]"]


def _require_prism() -> None:
    require_tool("Prism", PRISM_BIN)


@pytest.fixture(scope="session")
def prism_for() -> Iterator[Callable[[SpecPath], str]]:
    """`prism_for(spec_path) -> base URL` of a Prism mock of that spec: one server per spec per session."""
    servers: Dict[Path, PrismServer] = {}

    def url_for(spec: SpecPath) -> str:
        _require_prism()
        path = Path(spec).resolve()
        if path not in servers:
            servers[path] = PrismServer(path).start()
        return servers[path].url

    yield url_for
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def prism_url(prism_for: Callable[[SpecPath], str]) -> str:
    """Base URL of a Prism mock of spec/chatkit.yaml (no trailing slash)."""
    return prism_for(CHATKIT_SPEC)


# ---- the slow tier ---------------------------------------------------------------------------------

# Whole files that are slow: kills at random moments, long fuzz runs, the real command line in a
# subprocess per case, Prism servers, mypy and black over generated trees.
SLOW_FILES = frozenset({
    "test_kill.py",
    "test_fuzz.py",
    "test_cli_fuzz.py",
    "test_writes.py",
    "test_package_names.py",
    "test_validation_messages.py",
    "test_hostile.py",
    "test_walkthrough.py",
    "test_generated_quality.py",
    "test_sdk_prism.py",
    "test_prism_spec.py",
    "test_coverage_prism.py",
})
# Whole files of long checks, left out of `make test` (`make test-long`): javac over the Java of the
# whole OpenAI spec (half a minute), Maven building the generated pom.
LONG_FILES = frozenset({"test_java_openai.py", "test_java_maven.py"})
# Fixtures that start a server or a batch of command-line subprocesses: a test using one is slow.
SLOW_FIXTURES = frozenset({"prism_for", "prism_url", "runs", "previous_generation"})
# Test names (the function, parameters left out) that are slow wherever they are.
SLOW_NAMES = ("mypy", "black", "type_check", "random_specs", "huge_input", "forged_verdict", "no_cache_write")


def is_slow(item: pytest.Item) -> bool:
    """Whether a collected test belongs to the slow tier (see SLOW_FILES, SLOW_FIXTURES, SLOW_NAMES)."""
    if item.get_closest_marker("slow") is not None or item.path.name in SLOW_FILES:
        return True
    if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    name = getattr(item, "originalname", item.name)
    return any(part in name for part in SLOW_NAMES)


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    slow, long = pytest.mark.slow, pytest.mark.long
    for item in items:
        if is_slow(item):
            item.add_marker(slow)
        if item.path.name in LONG_FILES:
            item.add_marker(long)
