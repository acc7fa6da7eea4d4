"""Hostile text and bendy specs (issue 3).

Hostile text (`tests/fixtures/specs/hostile_text.yaml`, and `tests/fixtures/lenient/hostile_names.yaml`
for component names OpenAPI forbids): the generated SDK compiles, imports, passes `mypy --strict` and
`black --check` (with every golden tree, in test_generated_quality.py); nothing from the spec runs at generation or import time; the text survives, readable,
in docstrings (read back through `__doc__` and the AST) and in the docs.

Bendy specs (`tests/fixtures/lenient/bendy_*.yaml`): strict mode refuses each bend with its place;
with --skip-validation each is a warning with its place and the SDK is sound (its golden tree is
compiled, imported and type-checked here too).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main as cli_main
from tests.golden_cases import full_python

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "specs" / "hostile_text.yaml"
GOLDEN = ROOT / "tests" / "golden"
TREES = {
    "hostile_text": "hostile_text",
    "hostile_names": "hostile_names",
    "bendy_refs_and_fields": "bendy_refs",
    "bendy_schemas": "bendy_schemas",
}
MARKER = "/tmp/pwned"  # what the hostile descriptions try to create


def _spec() -> Dict[str, Any]:
    return yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))


def _collapse(text: str) -> str:
    """Text with line breaks normalised and runs of whitespace as one space (wrapping changes them)."""
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split())


def _python(tree: str) -> Path:
    """The tree's package folder, with the runtime (see tests/golden_cases.py)."""
    return full_python(GOLDEN / tree)


def _run_python(script: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-I", "-c", script], cwd=path, capture_output=True, text=True, timeout=120
    )


# ---- nothing runs ---------------------------------------------------------------------------------


def test_nothing_from_the_spec_runs_at_generation_or_import(tmp_path: Path) -> None:
    """The hostile spec, with its `os.system("touch ...")` aimed at a file of this test, through the
    real CLI; then every generated module imported in a fresh interpreter. The file never appears."""
    marker = tmp_path / "pwned"
    spec = tmp_path / "hostile_text.yaml"
    spec.write_text(HOSTILE.read_text(encoding="utf-8").replace(MARKER, str(marker)), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("sdkgen")), "generate", "--spec", str(spec), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    imported = _import_all(out / "python", "hostile_text")
    assert imported.returncode == 0, imported.stderr
    assert not marker.exists(), "text from the spec ran"
    assert any(str(marker) in p.read_text(encoding="utf-8") for p in (out / "python" / "hostile_text" / "types").glob("*.py"))


def _import_all(python: Path, package: str) -> subprocess.CompletedProcess[str]:
    script = (
        "import importlib, pkgutil, sys\n"
        f"sys.path.insert(0, {str(python)!r})\n"
        f"package = importlib.import_module({package!r})\n"
        "for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print('ok')\n"
    )
    return _run_python(script, python)


@pytest.mark.parametrize("tree", sorted(TREES))
def test_generated_code_runs_nothing_it_should_not(tree: str) -> None:
    """Every module compiles; no `.system(...)`, `exec`, `eval` or `subprocess` anywhere in its code, and
    no `import os` in the modules made from the spec (types, resources, client): the spec's attempts
    stay inside string constants. (The runtime, the same for every spec, reads env vars with os.)"""
    package = _python(tree) / TREES[tree]
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        module = ast.parse(compile(source, str(path), "exec", ast.PyCF_ONLY_AST, dont_inherit=True))
        from_spec = path.parent.name in ("types", "resources") or path.name in ("_client.py", "__init__.py")
        for node in ast.walk(module):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
                assert "subprocess" not in names, f"{path}: {ast.dump(node)}"
                assert not (from_spec and "os" in names), f"{path}: {ast.dump(node)}"
            if isinstance(node, ast.Attribute):
                assert node.attr != "system", f"{path}:{node.lineno}"
            if isinstance(node, ast.Name):
                assert node.id not in ("exec", "eval", "__import__"), f"{path}:{node.lineno}"


@pytest.mark.parametrize("tree", sorted(TREES))
def test_every_module_imports(tree: str) -> None:
    result = _import_all(_python(tree), TREES[tree])
    assert result.returncode == 0, result.stderr


# ---- the text survives ------------------------------------------------------------------------------


def _docs_of(python: Path, package: str) -> Dict[str, Any]:
    """`__doc__` of every model class and every resource method, read in a fresh interpreter."""
    script = (
        "import importlib, inspect, json, pkgutil, sys\n"
        f"sys.path.insert(0, {str(python)!r})\n"
        f"models = importlib.import_module({package + '.types.models'!r})\n"
        "out = {'models': {}, 'methods': {}}\n"
        "for name in models.__all__:\n"
        "    value = getattr(models, name)\n"
        "    if inspect.isclass(value):\n"
        "        out['models'][name] = value.__doc__\n"
        f"resources = importlib.import_module({package + '.resources'!r})\n"
        "for info in pkgutil.iter_modules(resources.__path__):\n"
        "    module = importlib.import_module(resources.__name__ + '.' + info.name)\n"
        "    for cls_name, cls in vars(module).items():\n"
        "        if inspect.isclass(cls) and cls.__module__ == module.__name__:\n"
        "            for name, member in vars(cls).items():\n"
        "                if inspect.isfunction(member) and not name.startswith('_') and member.__doc__:\n"
        "                    out['methods'][cls_name + '.' + name] = member.__doc__\n"
        "print(json.dumps(out))\n"
    )
    result = _run_python(script, python)
    assert result.returncode == 0, result.stderr
    docs: Dict[str, Any] = json.loads(result.stdout)
    return docs


def test_descriptions_survive_in_docstrings() -> None:
    spec = _spec()
    docs = _docs_of(_python("hostile_text"), "hostile_text")
    schemas = spec["components"]["schemas"]
    item = docs["models"]["Item"]
    assert item is not None
    assert _collapse(item) == _collapse(schemas["Item"]["description"])
    for text in ('"""; import os; os.system(', "'''", "<script>alert(1)</script>", "\u202eRTL override\u202c", "\\"):
        assert text in item, text
    receipt = docs["models"]["Receipt"]
    assert _collapse(receipt) == _collapse(schemas["Receipt"]["description"])

    operation = spec["paths"]["/items/{item_id}"]["get"]
    get_docs = [doc for name, doc in docs["methods"].items() if name.endswith("ItemsResource.retrieve")]
    assert len(get_docs) == 2, docs["methods"].keys()  # the sync and the async method
    for doc in get_docs:
        assert _collapse(operation["summary"]) in _collapse(doc)
        assert _collapse(operation["description"]) in _collapse(doc)
        assert "\x00NUL" in doc and "\x0bvertical tab" in doc and "\u2028line separator" in doc
        assert doc.rstrip().endswith("a backslash \\")
    post = spec["paths"]["/items/{item_id}"]["post"]
    assert any(_collapse(doc) == _collapse(post["summary"]) for doc in docs["methods"].values())


def test_field_docstrings_and_enum_values_survive() -> None:
    """Attribute docstrings are not in `__doc__`: read them, and the Literal values, from the AST."""
    spec = _spec()
    properties = spec["components"]["schemas"]["Item"]["properties"]
    models = "".join(p.read_text(encoding="utf-8") for p in sorted((_python("hostile_text") / "hostile_text" / "types").glob("*.py")))
    tree = ast.parse(models)
    item = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Item")
    docs: Dict[str, str] = {}
    for previous, node in zip(item.body, item.body[1:]):
        if isinstance(previous, ast.AnnAssign) and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            alias = _alias_of(previous)
            docs[alias] = node.value.value
    for wire, schema in properties.items():
        if "description" in schema:
            assert wire in docs, f"no docstring for {wire!r}: {sorted(docs)}"
            assert docs[wire].strip() == schema["description"].strip(), wire
    status = next(
        node for node in ast.walk(item) if isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "Literal"
    )
    values = [element.value for element in status.slice.elts]  # type: ignore[attr-defined]
    assert values == properties["status"]["enum"]


def _alias_of(assignment: ast.AnnAssign) -> str:
    """The wire name of a model field: its `Field(alias=...)`, else its Python name."""
    value = assignment.value
    if isinstance(value, ast.Call):
        for keyword in value.keywords:
            if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
    assert isinstance(assignment.target, ast.Name)
    return assignment.target.id


_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_text_survives_readable_in_the_docs() -> None:
    docs = GOLDEN / "hostile_text" / "docs"
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(docs.glob("*.md"))}
    text = "\n".join(pages.values())
    for readable in ('"""; import os; os.system("touch /tmp/pwned"); """', "{{ 7*7 }}", "{% raw %}", "&lt;script&gt;alert(1)&lt;/script&gt;", "日本語の説明"):
        assert readable in text, readable
    for name, page in pages.items():
        bad = sorted({f"U+{ord(ch):04X}" for ch in page if (unicodedata.category(ch) == "Cc" and ch != "\n") or ch in _BIDI})
        assert not bad, f"docs/{name} holds raw control or bidi characters: {bad}"


# ---- bendy specs --------------------------------------------------------------------------------------

BENDS = {
    "bendy_refs_and_fields.yaml": [
        (r":6: #/info: ", r'"version" is a required property'),
        (r":12: #/paths/~1pets~1\{petId\}/get/summery: ", r"'summery' was unexpected"),
        (r":7: #/frobnicate: ", r"'frobnicate' was unexpected"),
        (r":36: #/components/schemas/Pet/properties/name/description: ", r'is not of type "string"'),
    ],
    "bendy_schemas.yaml": [
        (r":36: #/components/schemas/Order/properties/quantity/exclusiveMinimum: ", r'true is not of type "number"'),
        (r":39: #/components/schemas/Order/properties/shipping/default: ", r"the default does not fit the schema"),
        (r":29: #/components/schemas/Order/required/2: ", r"'id' is listed twice in `required`"),
    ],
}


@pytest.mark.parametrize("name", sorted(BENDS))
def test_bendy_spec_strict_refuses_lenient_warns(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    spec = f"tests/fixtures/lenient/{name}"
    out = tmp_path / "out"
    strict = CliRunner().invoke(cli_main, ["generate", "--spec", spec, "--out", str(out)])
    assert strict.exit_code == 2, strict.output
    assert "Traceback" not in strict.output and not out.exists()
    lines = strict.stderr.splitlines()
    assert lines[0].startswith(f"sdkgen: error: {spec}:")
    for place, message in BENDS[name]:
        # A default that does not fit its schema is a warning even in strict mode: not among the errors.
        found = any(re.search(re.escape(spec) + place + ".*" + message, line) for line in lines)
        assert found is ("default does not fit" not in message), (place, strict.stderr)
    lenient = CliRunner().invoke(cli_main, ["generate", "--spec", spec, "--out", str(out), "--skip-validation"])
    assert lenient.exit_code == 0, lenient.output
    warnings = [line for line in lenient.stderr.splitlines() if line.startswith("warning: ")]
    for place, message in BENDS[name]:
        assert any(re.search(re.escape(spec) + place + "spec validation: .*" + message, w) for w in warnings), (place, warnings)
    assert f"{len(warnings)} warning(s)" in lenient.stdout
