"""The imports of the generated Java: each file imports exactly the classes it uses (sorted, unique,
none of its own package or java.lang, no two of one simple name), and every golden Java tree
compiles with `javac --release 11 -Xlint:all -Werror`. A spec whose models are named like the
runtime's, the JDK's and Jackson's classes gets other names for them, and compiles.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.errors import Diagnostics
from generator.ir.build import build_api
from generator.spec.refs import open_spec
from generator.targets.java.imports import referenced, reserved
from generator.targets.java.render import RUNTIME_HEADER, render_target
from tests.golden_cases import ROOT, full_java
from java_tools import compile, require_java, sources_under

JAVA_CASES = ("cov_formats_files", "cov_names", "cov_streaming", "hostile_names", "hostile_text")
TREES = [ROOT / "generated" / "java" / "src" / "main" / "java"] + [
    ROOT / "tests" / "golden" / name / "java" / "src" / "main" / "java" for name in JAVA_CASES
]
_IMPORT = re.compile(r"^import (?:static )?([\w.]+);$", re.MULTILINE)
_PACKAGE = re.compile(r"^package ([\w.]+);$", re.MULTILINE)


def import_problems(path: Path, text: str) -> list[str]:
    """What is wrong with one file's imports; [] when nothing is."""
    imports = _IMPORT.findall(text)
    package_match = _PACKAGE.search(text)
    package = package_match.group(1) if package_match else ""
    body = _IMPORT.sub("", text)
    problems = []
    if imports != sorted(set(imports)):
        problems.append("imports not sorted and unique")
    simple = [name.rpartition(".")[2] for name in imports]
    if len(set(simple)) != len(simple):
        problems.append(f"two imports of one simple name: {imports}")
    for qualified, name in zip(imports, simple):
        owner = qualified.rpartition(".")[0]
        if owner in (package, "java.lang"):
            problems.append(f"{qualified} needs no import")
        if not re.search(rf"(?<![\w.$]){re.escape(name)}(?![\w$])", body):
            problems.append(f"{qualified} is imported and never used")
    return [f"{path}: {problem}" for problem in problems]


def generated_sources(tree: Path) -> list[Path]:
    """The files sdkgen lays out in a tree (the runtime's are copied as written)."""
    return [p for p in sources_under(tree) if not p.read_text(encoding="utf-8").startswith(RUNTIME_HEADER)]


def test_every_golden_java_file_imports_what_it_uses_and_nothing_else() -> None:
    files = [path for tree in TREES for path in generated_sources(tree)]
    assert len(files) > 100
    problems = [p for path in files for p in import_problems(path.relative_to(ROOT), path.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems[:20])


def test_the_check_sees_an_unused_a_clashing_and_a_needless_import() -> None:
    text = "package a.b;\n\nimport a.b.C;\nimport java.lang.String;\nimport x.List;\nimport y.List;\n\nclass D {}\n"
    problems = "\n".join(import_problems(Path("D.java"), text))
    for expected in ("a.b.C needs no import", "java.lang.String needs no import", "simple name", "x.List is imported"):
        assert expected in problems


def test_names_in_comments_and_strings_are_not_references() -> None:
    body = (
        '/** A List, {@link Headers} */ class X { String s = "Optional"; char c = \'M\'; a.Map m; '
        "Set<JsonValue> v; Optional<api_key> k; _b0 b; }"
    )
    found = referenced(body)
    assert {"Headers", "X", "String", "Set", "JsonValue", "Optional", "api_key", "_b0"} <= found
    assert not {"List", "M", "Map"} & found


def test_all_golden_java_trees_compile_without_warnings(tmp_path: Path) -> None:
    require_java()
    trees = [full_java(ROOT / "tests" / "golden" / name, tmp_path / name) for name in JAVA_CASES]
    compile([*sources_under(TREES[0], *trees)], tmp_path / "classes", junit=False)


def _spec(tmp_path: Path, document: dict[str, Any]) -> Any:
    import yaml

    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return build_api(open_spec(spec_path, "spec.yaml"), Diagnostics())


CLASHING = ("Headers", "Optional", "List", "JsonValue", "Check", "Builder", "PaginationException", "AuthKind", "Path")


def _clashing_spec() -> dict[str, Any]:
    schemas: dict[str, Any] = {
        name: {"type": "object", "properties": {"id": {"type": "string"}}} for name in CLASHING
    }
    schemas["Holder"] = {
        "type": "object",
        "properties": {name.lower(): {"$ref": f"#/components/schemas/{name}"} for name in CLASHING}
        | {"all": {"type": "array", "items": {"$ref": "#/components/schemas/List"}}},
    }
    ok = {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Holder"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Clash", "version": "1"},
        "paths": {
            "/holders": {
                "post": {
                    "operationId": "createHolder",
                    "parameters": [{"name": "X-Check", "in": "header", "schema": {"type": "string"}}],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Headers"}}},
                    },
                    "responses": {"200": ok},
                }
            }
        },
        "components": {"schemas": schemas},
    }


def test_models_named_like_imported_classes_get_other_names_and_compile(tmp_path: Path) -> None:
    files = render_target(_spec(tmp_path, _clashing_spec()))
    taken = reserved()
    names = {Path(path).stem for path, text in files.items() if path.endswith(".java") and "sdkgen from" in text}
    assert not names & taken, names & taken
    problems = [p for path, text in files.items() if "sdkgen from" in text for p in import_problems(Path(path), text)]
    assert not problems, "\n".join(problems)
    require_java()
    out = tmp_path / "out"
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    compile(sources_under(out / "java" / "src"), tmp_path / "classes", junit=False)


@pytest.mark.parametrize("name", ["Headers", "JsonValue", "PaginationException", "Path", "Duration", "AutoCloseable"])
def test_reserved_holds_the_runtime_the_jdk_and_java_lang_names(name: str) -> None:
    assert name in reserved()
