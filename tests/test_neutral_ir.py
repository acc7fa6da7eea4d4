"""The IR is language-neutral: names in it are words, and no Python rule shapes it.

Python's rules (keywords, builtins, what the generated modules import, trailing underscores, a prefix
for a leading digit, the `Param` suffix) belong to the Python target's namer. These tests fail when one
creeps back into the IR: a Python identifier where words belong, a module outside a target that
imports Python's tables or the target itself.
"""

from __future__ import annotations

import ast
import json
import dataclasses
import re
from pathlib import Path
from typing import Any, Iterator

import yaml

from generator.errors import Diagnostics
from generator.ir import model as ir
from generator.ir.build import build_api
from generator.spec.refs import open_spec
from generator.targets.python.naming import name_api

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
WORD = re.compile(r"[A-Za-z0-9]+")
# Modules only a target may import: a language's own tables, its formatter, and the targets themselves.
TARGET_ONLY = ("keyword", "builtins", "black", "generator.targets.python", "generator.targets.java")


def _imports(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_only_targets_import_a_languages_tables() -> None:
    offenders = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if (GENERATOR / "targets") in path.parents and path.parent != GENERATOR / "targets":
            continue  # inside a target's own folder
        for module in _imports(path):
            if any(module == banned or module.startswith(banned + ".") for banned in TARGET_ONLY):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not offenders, "\n".join(offenders)


def _walk(value: Any, where: str = "api") -> Iterator[tuple[str, Any]]:
    """Every (place, value) reachable from an IR object, once per object."""
    seen: set[int] = set()
    stack = [(where, value)]
    while stack:
        place, current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield place, current
        if dataclasses.is_dataclass(current) and not isinstance(current, type):
            stack.extend((f"{place}.{f.name}", getattr(current, f.name)) for f in dataclasses.fields(current))
        elif isinstance(current, dict):
            stack.extend((f"{place}[{k!r}]", v) for k, v in current.items())
        elif isinstance(current, (list, tuple)):
            stack.extend((f"{place}[{i}]", v) for i, v in enumerate(current))


HOSTILE = {
    "openapi": "3.1.0",
    "info": {"title": "class", "version": "1"},
    "paths": {
        # Actions on an item (the operationId starts with the last segment): their method names are
        # the segments, one starting with a digit, one an attribute every resource has.
        "/global/{id}/2fa_check": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "operationId": "2fa check",
                "tags": ["import"],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/str"}}}}},
            },
        },
        "/global/{id}/with_raw_response": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {
                "operationId": "with_raw_response",
                "tags": ["import"],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Client"}}}},
                "responses": {"204": {"description": "none"}},
            },
        }
    },
    "components": {
        "schemas": {
            "str": {"type": "object", "properties": {"class": {"type": "string"}}},
            "Client": {"type": "object", "properties": {"from": {"$ref": "#/components/schemas/1st"}}},
            "1st": {"type": "object", "properties": {"x": {"type": "integer"}}},
            "BaseModel": {"type": "string", "enum": ["a"]},
        }
    },
}


def _api(tmp_path: Path, document: dict[str, Any]) -> ir.Api:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return build_api(open_spec(path, "spec.yaml"), Diagnostics())


def test_ir_names_are_words_untouched_by_python(tmp_path: Path) -> None:
    api = _api(tmp_path, HOSTILE)
    names = [(place, value) for place, value in _walk(api) if isinstance(value, ir.Name)]
    assert names
    for place, name in names:
        assert name.words and all(WORD.fullmatch(w) for w in name.words), (place, name)
        assert name.spelling is None, f"{place}: only configuration spells a name ({name.spelling!r})"
    # No field holds an identifier: a str field whose name says "name" is a wire name, nothing else.
    for place, value in _walk(api):
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                if "name" in f.name and isinstance(getattr(value, f.name), str):
                    assert f.name in ("wire_name", "spec_name"), f"{place}.{f.name} = {getattr(value, f.name)!r}"
    schemas = "#/components/schemas/"
    candidates = {ident[len(schemas) :]: d.name_candidates[0].words for ident, d in api.definitions.items() if ident.startswith(schemas)}
    # As the spec says them: not `Str2`, `Client2`, `Model1st`, `BaseModel2`.
    assert candidates == {"str": ("Str",), "Client": ("Client",), "1st": ("1st",), "BaseModel": ("Base", "Model")}
    assert api.package.words == ("class",)
    [resource] = api.root.children  # named by the path, not the tag
    assert resource.path == (ir.Name(("global",)),)
    methods = {op.http_method: op.method.words for op in api.operations}
    # A member never starts with a digit in any language: the HTTP method goes first.
    assert methods == {"get": ("get", "2fa", "check"), "post": ("with", "raw", "response")}


def test_the_python_namer_applies_pythons_rules(tmp_path: Path) -> None:
    """The same spec through the Python namer: the rules the IR no longer applies are applied here."""
    api = _api(tmp_path, HOSTILE)
    names = name_api(api)
    schemas = "#/components/schemas/"
    assert names.models[schemas + "str"] == "Str"
    assert names.models[schemas + "Client"] != "Client"  # the generated package's own class
    assert names.models[schemas + "1st"] == "Model1st"
    assert names.models[schemas + "BaseModel"] != "BaseModel"
    assert names.package == "class_"
    assert names.attributes[(ir.Name(("global",)),)] == "global_"
    by_method = {op.http_method: names.methods[op.id] for op in api.operations}
    assert by_method["get"] == "get_2fa_check"
    assert by_method["post"] != "with_raw_response"  # every resource has that attribute


def test_configured_names_are_checked_by_the_target(tmp_path: Path) -> None:
    """A configured method `list items` is words to the IR (another language may take it); the Python
    target refuses it, and the CLI names the file, the line and the place (exit 2)."""
    import subprocess
    import sys

    from generator.errors import SpecError

    document = json.loads(json.dumps(HOSTILE))
    document["paths"]["/global/{id}/2fa_check"]["get"]["x-sdkgen"] = {"method": "list items"}
    api = _api(tmp_path, document)
    [op] = [op for op in api.operations if op.http_method == "get"]
    assert op.method.words == ("list", "items") and op.method.spelling == "list items"
    try:
        name_api(api)
    except SpecError as error:
        assert "method must be a valid identifier, not 'list items'" in error.message
    else:
        raise AssertionError("the Python namer took `list items`")
    result = subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", "generate", "--spec", str(tmp_path / "spec.yaml"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert re.match(r"spec\.yaml:\d+: #/paths/~1global~1\{id\}~12fa_check/get/x-sdkgen/method: method must be a valid identifier", line.split(str(tmp_path) + "/")[-1]), line
    assert not (tmp_path / "out").exists()


def test_no_stage_after_the_build_changes_the_ir() -> None:
    """Data flows one way: rendering every file of a spec (names, lowering, templates, docs) leaves the
    IR exactly as the build made it, for the repository's spec and every golden fixture."""
    import copy

    from generator.targets.java.render import render_target as render_java
    from generator.targets.python.render import render_all
    from tests.golden_cases import cases, open_case

    for case in cases():
        api = build_api(open_case(case), Diagnostics())
        before = copy.deepcopy(api)
        render_all(api)
        if "java" in api.targets:
            render_java(api)
        assert api == before, f"{case.name}: rendering changed the IR"
