"""Compiled templates beside the package (generator/template_cache.py): used only when they match the
template's source and sit where only this user can write, written only when bytecode may be."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Tuple

import jinja2
import pytest

from generator.template_cache import PackageBytecodeCache


def environment(templates: Path, cache: Path) -> Tuple[jinja2.Environment, List[str]]:
    """An environment over `templates` with the cache in `cache`, and the names it compiled."""
    compiled: List[str] = []
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=PackageBytecodeCache(cache))
    real = env.compile

    def counting(source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        compiled.append(str(name))
        return real(source, name, filename, raw, defer_init)

    env.compile = counting  # type: ignore[method-assign]
    return env, compiled


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tuple[Path, Path]:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.j2").write_text("hello {{ name }}")
    package = tmp_path / "package"
    package.mkdir(mode=0o755)
    package.chmod(0o755)
    return templates, package / "compiled"


def render(templates: Path, cache: Path) -> Tuple[str, List[str]]:
    env, compiled = environment(templates, cache)
    return env.get_template("t.j2").render(name="you"), compiled


def test_a_second_run_uses_the_compiled_template(folders: Tuple[Path, Path]) -> None:
    templates, cache = folders
    assert render(templates, cache) == ("hello you", ["t.j2"])
    assert render(templates, cache) == ("hello you", [])


def test_an_edited_template_is_compiled_again(folders: Tuple[Path, Path]) -> None:
    templates, cache = folders
    render(templates, cache)
    (templates / "t.j2").write_text("bye {{ name }}")
    assert render(templates, cache) == ("bye you", ["t.j2"])


def test_an_entry_others_may_write_is_not_used(folders: Tuple[Path, Path]) -> None:
    templates, cache = folders
    render(templates, cache)
    entry = next(cache.iterdir())
    entry.chmod(0o666)
    assert render(templates, cache)[1] == ["t.j2"]
    render(templates, cache)  # rewritten, by this user: trusted again
    cache.chmod(0o777)  # a folder others may write: neither read nor written
    assert render(templates, cache)[1] == ["t.j2"]
    assert render(templates, cache)[1] == ["t.j2"]


def test_a_link_in_place_of_an_entry_is_not_followed(folders: Tuple[Path, Path], tmp_path: Path) -> None:
    templates, cache = folders
    render(templates, cache)
    entry = next(cache.iterdir())
    elsewhere = tmp_path / "elsewhere"
    os.replace(entry, elsewhere)
    entry.symlink_to(elsewhere)
    assert render(templates, cache)[1] == ["t.j2"]


def test_nothing_is_written_under_dont_write_bytecode(folders: Tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    templates, cache = folders
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    render(templates, cache)
    assert not cache.exists()
