"""The memo (`generator/memo.py`): a run after an edit makes exactly what a cold run makes, reuses
what the edit did not touch, and never takes an entry it did not sign."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.spec.openapi_check  # noqa: F401  (the validation children inherit it: no import each)
from generator.errors import Diagnostics, SpecError
from generator.memo import Memo
from generator.pipeline import Options, build_files
from memo_blob import forge

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "specs").glob("*.yaml"))
SCHEMA_KEYS = ("type", "properties", "items", "allOf", "anyOf", "oneOf", "enum", "$ref")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))


def _generate(spec: Path, out: Path, use_cache: bool, check: bool = False) -> dict[str, str] | str:
    """The files of a run (not written), or the error it stopped with."""
    try:
        return build_files(Options(spec, out, skip_validation=True, use_cache=use_cache, check=check), Diagnostics())
    except SpecError as error:
        return f"error: {error}"


def _editable(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping of the document that reads as a schema or an operation (what the edits touch),
    in document order."""
    if isinstance(node, dict):
        if any(key in node for key in SCHEMA_KEYS) or "responses" in node:
            yield node
        for value in node.values():
            yield from _editable(value)
    elif isinstance(node, list):
        for value in node:
            yield from _editable(value)


def _mutate(node: dict[str, Any], how: str, salt: int) -> None:
    """One edit of the kind a user makes: prose, a type, a property, an enum value, a requirement."""
    if how == "description":
        node["description"] = f"Edited description {salt}."
    elif how == "summary":
        node["summary"] = f"Edited summary {salt}"
    elif how == "type":
        node["type"] = {"string": "integer", "integer": "string", "object": "string"}.get(str(node.get("type")), "boolean")
        node.pop("properties", None)
    elif how == "property" and isinstance(node.get("properties"), dict):
        node["properties"][f"added_{salt}"] = {"type": "string", "description": "Added."}
    elif how == "drop property" and isinstance(node.get("properties"), dict) and node["properties"]:
        node["properties"].pop(sorted(node["properties"])[salt % len(node["properties"])])
    elif how == "enum" and isinstance(node.get("enum"), list):
        node["enum"] = [*node["enum"], f"added_{salt}"]
    elif how == "required" and isinstance(node.get("properties"), dict) and node["properties"]:
        names = sorted(node["properties"])
        required = set(node.get("required") or []) ^ {names[salt % len(names)]}
        node["required"] = sorted(required)
    elif how == "nullable":
        node["nullable"] = not node.get("nullable", False)
    else:  # the edit does not apply to this node: edit its prose instead
        node["description"] = f"Edited {how} {salt}."


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fixture=st.sampled_from(FIXTURES),
    pick=st.integers(min_value=0, max_value=10_000),
    how=st.sampled_from(["description", "summary", "type", "property", "drop property", "enum", "required", "nullable"]),
    salt=st.integers(min_value=0, max_value=1_000),
)
def test_a_run_after_an_edit_makes_what_a_cold_run_makes(
    tmp_path_factory: pytest.TempPathFactory, fixture: Path, pick: int, how: str, salt: int
) -> None:
    """The memo's keys cover everything a step reads: after any edit, the files of a run that found
    the earlier run's entries are byte for byte those of a run with no memo at all."""
    work = tmp_path_factory.mktemp("edit")
    document = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    nodes = list(_editable(document))
    shutil.copytree(fixture.parent, work / "specs")  # with the files a spec refers to
    spec = work / "specs" / fixture.name
    out = work / "out"
    spec.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    _generate(spec, out, use_cache=True)  # the earlier run: fills the memo
    edited = copy.deepcopy(document)
    _mutate(list(_editable(edited))[pick % len(nodes)], how, salt)
    spec.write_text(json.dumps(edited, indent=1), encoding="utf-8")  # JSON is YAML
    with_memo = _generate(spec, out, use_cache=True)
    cold = _generate(spec, work / "cold", use_cache=False)
    if isinstance(cold, dict) and isinstance(with_memo, dict):
        assert sorted(with_memo) == sorted(cold)
        different = [path for path in cold if with_memo[path] != cold[path]]
        assert not different, f"{fixture.name}, {how} of node {pick % len(nodes)}: the memo's run differs in {different}"
    else:
        assert with_memo == cold


# ---- what is reused, and from where ------------------------------------------------------------

SPEC = ROOT / "tests" / "fixtures" / "specs" / "cov_composition.yaml"
STEPS = """
import sys
from pathlib import Path
from generator.errors import Diagnostics
from generator.docs.stage import docs_files
from generator.ir.build import build_api
from generator.memo import Memo
from generator.spec.refs import open_spec
from generator.targets.python.docs_view import PythonDocsView
from generator.targets.python.lower import lower
from generator.targets.python.render import render_target

def steps(spec_path, out):
    api = build_api(open_spec(spec_path, spec_path.name), Diagnostics())
    memo = Memo(out)
    view = lower(api, memo)
    files = {**render_target(api, view, memo), **docs_files(api, PythonDocsView(api, view), "docs", memo)}
    memo.save()
    return memo, files
"""
exec(STEPS)  # the same steps in this process as in the hash-seed test's children


def _first_description(document: dict[str, Any]) -> str:
    """The name of a component schema with a description that no other schema refers to."""
    schemas = document["components"]["schemas"]
    text = json.dumps(document)
    for name, schema in schemas.items():
        if isinstance(schema, dict) and "description" in schema and f"/schemas/{name}\"" not in text:
            return str(name)
    raise AssertionError("the fixture has no such schema")


def test_an_edit_recomputes_only_what_reads_the_edited_schema(tmp_path: Path) -> None:
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    spec, out = tmp_path / "spec.json", tmp_path / "out"
    spec.write_text(json.dumps(document), encoding="utf-8")
    first, _ = steps(spec, out)  # type: ignore[name-defined]  # noqa: F821
    again, _ = steps(spec, out)  # type: ignore[name-defined]  # noqa: F821
    assert first.computed == len(first.asked) > 20 and again.computed == 0
    name = _first_description(document)
    document["components"]["schemas"][name]["description"] = "Edited."
    spec.write_text(json.dumps(document), encoding="utf-8")
    edited, files = steps(spec, out)  # type: ignore[name-defined]  # noqa: F821
    # Its type, the module that holds it, and the docs pages of the operations that reach it (none
    # refers to it: at most the pages that name it in a response) are all that is computed again.
    assert 1 <= edited.computed <= 6, edited.computed
    assert any("Edited." in text for text in files.values())


def test_an_entry_this_user_did_not_sign_is_not_used(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first, expected = steps(SPEC, out)  # type: ignore[name-defined]  # noqa: F821
    [entry] = list(first.store.path.iterdir())
    forge(entry, lambda name, data: b"forged" if name.startswith("python module:") else data)
    second, files = steps(SPEC, out)  # type: ignore[name-defined]  # noqa: F821
    assert second.computed == first.computed and files == expected
    assert "forged" not in "".join(files.values())


def test_a_check_run_leaves_no_memo(tmp_path: Path) -> None:
    files = _generate(SPEC, tmp_path / "out", use_cache=True, check=True)
    assert isinstance(files, dict) and files
    assert not Memo(tmp_path / "out").entries
    assert not (Path(os.environ["XDG_CACHE_HOME"]) / "sdkgen" / "memo").exists()


def test_the_keys_are_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Keys are digests of values, never of sets (whose order follows the hash seed): a run in a
    process with another seed finds every entry the first one made."""
    script = STEPS + "\nmemo, _ = steps(Path(sys.argv[1]), Path(sys.argv[2]))\nprint(memo.computed, len(memo.asked))\n"
    counts = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        done = subprocess.run([sys.executable, "-c", script, str(SPEC), str(tmp_path / "out")],
                              capture_output=True, text=True, timeout=300, env=env, check=False)
        assert done.returncode == 0, done.stderr
        counts.append([int(n) for n in done.stdout.split()])
    assert counts[0][0] == counts[0][1] > 20 and counts[1] == [0, counts[0][1]], counts


KINDS = ["description", "type", "property", "drop property", "enum", "required", "nullable", "summary"]
FAST_SWEEP = {"cov_composition.yaml", "cov_recursion.yaml", "cov_recursive_aliases.yaml", "cov_responses.yaml"}


@pytest.mark.parametrize(
    "fixture", [pytest.param(f, id=f.stem, marks=() if f.name in FAST_SWEEP else pytest.mark.slow) for f in FIXTURES]
)
def test_every_node_edited_in_turn_renders_as_without_the_memo(tmp_path: Path, fixture: Path) -> None:
    """Each schema and operation of the fixture edited in turn (the kinds of edit in turn), each run
    after the previous one's memo: the lowered types, modules and docs pages are those made with no
    memo. A key that missed something a step reads (a referenced schema's text) fails here."""
    original = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    shutil.copytree(fixture.parent, tmp_path / "specs")  # with the files a spec refers to
    spec, out = tmp_path / "specs" / f"{fixture.stem}.json", tmp_path / "out"
    spec.write_text(json.dumps(original), encoding="utf-8")
    steps(spec, out)  # type: ignore[name-defined]  # noqa: F821
    count = len(list(_editable(original)))
    for index in range(count):
        edited = copy.deepcopy(original)
        how = KINDS[index % len(KINDS)]
        _mutate(list(_editable(edited))[index], how, index)
        spec.write_text(json.dumps(edited), encoding="utf-8")
        try:
            _, with_memo = steps(spec, out)  # type: ignore[name-defined]  # noqa: F821
        except SpecError:
            continue  # an edit the IR refuses (the memo played no part)
        cold = _cold(spec)
        different = sorted(path for path in cold if with_memo.get(path) != cold[path])
        assert sorted(with_memo) == sorted(cold) and not different, f"{how} of node {index}: {different}"


def _cold(spec: Path) -> dict[str, str]:
    """The same steps with no memo."""
    from generator.docs.stage import docs_files
    from generator.ir.build import build_api
    from generator.spec.refs import open_spec
    from generator.targets.python.docs_view import PythonDocsView
    from generator.targets.python.lower import lower
    from generator.targets.python.render import render_target

    api = build_api(open_spec(spec, spec.name), Diagnostics())
    view = lower(api)
    return {**render_target(api, view), **docs_files(api, PythonDocsView(api, view), "docs")}


def test_the_code_identity_reads_the_versions_importlib_reads() -> None:
    """The memo's and the unchanged-run entry's name carry each library's version, read from its
    metadata's `Version:` line without the e-mail parser."""
    from importlib.metadata import version

    from generator.identity import LIBRARIES, library_version

    assert [library_version(name) for name in LIBRARIES] == [version(name) for name in LIBRARIES]
    assert library_version("no-such-distribution-here") == "-"


def test_another_sdkgen_s_memo_is_not_used_and_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A memo made by other code (another version, an edited checkout) answers nothing; the run's own
    takes its place, so an output folder has one memo file whatever versions wrote it."""
    import generator.memo as memo_module

    out = tmp_path / "out"
    first, expected = steps(SPEC, out)  # type: ignore[name-defined]  # noqa: F821
    real = memo_module.code_identity
    monkeypatch.setattr(memo_module, "code_identity", lambda: b"another sdkgen")
    other, files = steps(SPEC, out)  # type: ignore[name-defined]  # noqa: F821
    assert other.computed == first.computed and files == expected
    assert len(list(first.store.path.iterdir())) == 1
    monkeypatch.setattr(memo_module, "code_identity", real)
    again, _ = steps(SPEC, out)  # type: ignore[name-defined]  # noqa: F821
    assert again.computed == first.computed  # the other version's file replaced this one's
    assert steps(SPEC, out)[0].computed == 0  # type: ignore[name-defined]  # noqa: F821


TWO_RESOURCES = """\
openapi: 3.1.0
info: {title: Two, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
  /b:
    get:
      operationId: getB
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/%s"}}}}
components:
  schemas:
    Thing: {type: object, properties: {id: {type: string}}}
    Other: {type: object, properties: {name: {type: string}}}
"""


def test_a_resource_whose_types_moved_imports_them_from_their_new_module(tmp_path: Path) -> None:
    """An edit of one operation can move a type another resource uses to a shared module (`b` now
    returns `Thing` too): that resource's module is made again, though nothing of its own changed."""
    spec, out = tmp_path / "two.yaml", tmp_path / "out"
    spec.write_text(TWO_RESOURCES % "Other", encoding="utf-8")
    before = _generate(spec, out, use_cache=True)
    spec.write_text(TWO_RESOURCES % "Thing", encoding="utf-8")
    with_memo, cold = _generate(spec, out, use_cache=True), _generate(spec, tmp_path / "cold", use_cache=False)
    assert isinstance(before, dict) and isinstance(with_memo, dict) and isinstance(cold, dict)
    module = next(path for path in cold if path.endswith("/resources/a.py"))
    assert module in before and before[module] != cold[module]  # the type's module is another now
    assert with_memo == cold
