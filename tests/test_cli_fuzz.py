"""Fuzzing the whole CLI (`sdkgen generate`, in-process through click) on hostile trees.

Each example: a random spec (tests/fuzz_specs.py) written as a folder, maybe split over part files
with odd names and links pointing outside (`hostile_trees.write_spec_tree`); a clean run into an
empty folder with an empty cache (the reference); then the cache that run filled is tampered with
(`tamper_cache`), an output folder is pre-filled with hostile contents (`prefill_out`) and the CLI
runs again, writing or with `--check`. Invariants:

- the exit status is 0, 1 (only with `--check`) or 2: never 3, never an uncaught exception;
- nothing outside the output folder and the cache changes: the sentinel folder every hostile link
  points to, and the spec folder, keep their digests;
- exit 2: the output folder is exactly as it was; `--check`: the output folder and the cache are
  exactly as they were;
- exit 0 (writing): every file the clean run wrote is there with the same bytes (a regular file,
  not a link), the user's files are untouched, and nothing else is left but what was there before.

`make test` runs a few derandomized examples (SDKGEN_FUZZ_EXAMPLES unset); `make fuzz` a long
random run. Output-folder hostilities (links at file, temporary and staging names, manifests with `../` or
non-object JSON, folders where files go) have a test of their own, and one per kind alone.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

import hostile_trees as ht
from fuzz_specs import openapi_specs
from test_fuzz import FUZZ_SETTINGS, LONG_RUN
from generator import cache as cache_module
from generator.cli import main as cli_main

EXAMPLES = int(os.environ.get("SDKGEN_FUZZ_EXAMPLES", "3"))
# test_fuzz's settings (derandomized short run, long random run under `make fuzz`), fewer examples.
CLI_SETTINGS = settings(FUZZ_SETTINGS, max_examples=EXAMPLES, suppress_health_check=list(HealthCheck))


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    old = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    cache_module._key_at.cache_clear()
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        cache_module._key_at.cache_clear()


def _cli(args: List[str]) -> Any:
    result = CliRunner().invoke(cli_main, ["generate", *args], catch_exceptions=True)
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        raise AssertionError(f"uncaught {type(exception).__name__}: {exception}\n{result.output}")
    return result


def _files(root: Path) -> Dict[str, bytes]:
    return {k: v for k, (kind, v) in ht.snapshot(root).items() if kind == "file"}


def run_case(data: st.DataObject, spec: Dict[str, Any], out_kinds: List[str]) -> None:
    work = Path(tempfile.mkdtemp(prefix="sdkgen-clifuzz-"))
    try:
        _case(work, data, spec, out_kinds)
    finally:
        for folder, dirs, _ in os.walk(work):  # a test made read-only folders? put them back
            for name in dirs:
                path = Path(folder) / name
                if not path.is_symlink():
                    path.chmod(0o700)
        shutil.rmtree(work, ignore_errors=True)


def _case(work: Path, data: st.DataObject, spec: Dict[str, Any], out_kinds: List[str]) -> None:
    sentinel = ht.make_sentinel(work / "outside")
    spec = {**spec, "x-sdkgen": {**spec.get("x-sdkgen", {}), "package-name": "fuzzpkg"}}
    tree = ht.write_spec_tree(work / "spec", spec, data.draw, sentinel)
    note(f"spec tree: {tree.notes}")
    cache, state = work / "cache", work / "state"
    clean = work / "clean"
    # Both runs name one regenerate command: the headers would otherwise name each run's --out.
    config = work / "sdkgen.yaml"
    config.write_text("regenerate: sdkgen generate\n")
    with _environment(XDG_CACHE_HOME=str(cache), XDG_STATE_HOME=str(state)):
        first = _cli(["--config", str(config), "--spec", str(tree.root), "--out", str(clean)])
    note(f"clean run: {first.exit_code} {first.output[-400:]}")
    event(f"clean run exit {first.exit_code}")
    assert first.exit_code in (0, 2), first.output
    if tree.expect_refusal:
        assert first.exit_code == 2, first.output
    generated = sorted(_files(clean)) if first.exit_code == 0 else ["python/fuzzpkg/__init__.py", "docs/README.md"]
    out = work / "out"
    cache_kinds = data.draw(st.lists(st.sampled_from(ht.CACHE_KINDS), max_size=4), label="cache")
    note(f"cache tampered: {ht.tamper_cache(cache, cache_kinds, data.draw, sentinel)}")
    if data.draw(st.booleans(), label="previous generation in out"):
        shutil.copytree(clean, out, symlinks=True) if clean.exists() else None
    user = ht.prefill_out(out, generated, out_kinds, data.draw, sentinel)
    check = data.draw(st.booleans(), label="--check")
    before_out, before_cache = ht.snapshot(out), ht.snapshot(cache)
    before_outside, before_spec = ht.tree_digest(sentinel), ht.tree_digest(work / "spec")
    with _environment(XDG_CACHE_HOME=str(cache), XDG_STATE_HOME=str(state)):
        result = _cli(["--config", str(config), "--spec", str(tree.root), "--out", str(out), *(["--check"] if check else [])])
    note(f"hostile run ({'--check' if check else 'write'}): {result.exit_code} {result.output[-600:]}")
    event(f"hostile run {'--check' if check else 'write'} exit {result.exit_code}")
    assert result.exit_code in ((0, 1, 2) if check else (0, 2)), result.output
    assert ht.tree_digest(sentinel) == before_outside, "a file outside --out and the cache changed"
    assert ht.tree_digest(work / "spec") == before_spec, "the spec folder changed"
    if result.exit_code == 2 or check:
        assert ht.snapshot(out) == before_out, "the output folder changed"
    if check:
        assert ht.snapshot(cache) == before_cache, "--check changed the cache"
    if first.exit_code == 2:
        assert result.exit_code == 2, "a spec refused on a clean run was accepted on a hostile one"
        return
    assert result.exit_code != 2 or out_kinds, "a clean spec was refused because of the cache"
    if result.exit_code == 0 and not check:
        after = ht.snapshot(out)
        for relative, data_bytes in _files(clean).items():
            assert after.get(relative) == ("file", data_bytes), f"{relative} differs from a clean run's"
        for relative in user:
            assert after.get(relative) == before_out.get(relative), f"the user's {relative} changed"
        extra = sorted(set(after) - set(ht.snapshot(clean)) - set(before_out))
        assert not extra, f"left behind: {extra}"


@CLI_SETTINGS
@given(data=st.data(), spec=openapi_specs(), out_kinds=st.lists(st.sampled_from(ht.OUT_BENIGN), max_size=2))
def test_cli_on_hostile_specs_and_caches(data: st.DataObject, spec: Dict[str, Any], out_kinds: List[str]) -> None:
    run_case(data, spec, out_kinds)


@settings(CLI_SETTINGS, max_examples=EXAMPLES if LONG_RUN else 2)
@given(data=st.data(), spec=openapi_specs(), out_kinds=st.lists(st.sampled_from(ht.OUT_WRITER), min_size=1, max_size=3))
def test_cli_on_hostile_output_folders(data: st.DataObject, spec: Dict[str, Any], out_kinds: List[str]) -> None:
    run_case(data, spec, out_kinds)


@pytest.mark.parametrize("kind", ht.OUT_WRITER)
def test_each_output_hostility_alone(kind: str, tmp_path: Path) -> None:
    """One hostile output folder per kind, on a minimal spec: which writer cases fail (`-rxX`)."""
    spec = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok"}}}}}}

    @settings(max_examples=1, database=None, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        run_case(data, spec, [kind])

    one()
