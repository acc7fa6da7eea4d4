"""Sound package names (issue 7).

A configured `x-sdkgen.package-name` that cannot work is refused at its place (exit 2, one line with
file, line and pointer, nothing written): too long, not an identifier, not lowercase, a keyword, or the
name of a module the package or its users import (the standard library, the SDK's dependencies). A
name derived from `info.title` is made safe instead: capped at 100 bytes, and a name that would
shadow a module gets `_sdk` appended (`Email` -> `email_sdk`). Every generated module then imports.
"""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Tuple

import pytest

from generator.targets.python.identifiers import (
    MAX_PACKAGE_NAME,
    SDK_DEPENDENCIES,
    SHADOWING_NAMES,
    derived_package_name,
    package_name_problem,
)

SDKGEN = Path(sys.executable).with_name("sdkgen")
HEAD = 'openapi: 3.1.0\ninfo: {title: TITLE, version: "1"}\n'
PATHS = "paths:\n  /things:\n    get:\n      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}}\n"


def _spec(title: str = "T", package: str | None = None) -> str:
    text = HEAD.replace("TITLE", title) + PATHS
    if package is not None:
        text += f"x-sdkgen:\n  package-name: {package}\n"
    return text


def _generate(folder: Path, text: str) -> Tuple[int, str, Path]:
    folder.mkdir(parents=True)
    (folder / "spec.yaml").write_text(text, encoding="utf-8")
    out = folder / "out"
    result = subprocess.run(
        [str(SDKGEN), "generate", "--spec", "spec.yaml", "--out", str(out), "--no-cache"],
        cwd=folder, capture_output=True, text=True, timeout=600,
    )
    return result.returncode, result.stderr, out


# ---- configured names: refused at their place --------------------------------------------------

REFUSED = {
    "httpx": r"is the name of a module the SDK depends on",
    "pydantic_core": r"is the name of a module the SDK depends on",
    "typing": r"is the name of a standard-library module",
    "email": r"is the name of a standard-library module",
    "MyClient": r"must be lowercase \(PEP 8\): 'myclient'",
    "class": r"is a Python keyword",
    "'my-client'": r"must be a valid identifier",
    "'2fast'": r"must be a valid identifier",
    "__": r"must have a letter or digit in it",
    "x" * 101: r"is 101 bytes long; a package name has at most 100",
}


@pytest.fixture(scope="module")
def refused_runs(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Tuple[int, str, Path]]:
    work = tmp_path_factory.mktemp("refused")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            name: pool.submit(_generate, work / f"case{i}", _spec(package=name)) for i, name in enumerate(REFUSED)
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_configured_package_name_that_cannot_work_is_refused(name: str, refused_runs: Dict[str, Tuple[int, str, Path]]) -> None:
    code, stderr, out = refused_runs[name]
    assert code == 2, stderr
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("sdkgen: error: spec.yaml:8: #/x-sdkgen/package-name: package-name "), stderr
    assert re.search(REFUSED[name], stderr), stderr
    assert not out.exists()


# ---- derived names: made safe, and the package imports ---------------------------------------------

DERIVED = {
    "Email": "email_sdk",
    "JSON": "json_sdk",
    "Types": "types_sdk",
    "httpx": "httpx_sdk",
    "Typing Extensions": "typing_extensions_sdk",
    "class": "class_",
    "x" * 10_000: "x" * (MAX_PACKAGE_NAME - 1),
}


@pytest.fixture(scope="module")
def derived_runs(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Tuple[int, str, Path]]:
    work = tmp_path_factory.mktemp("derived")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {title: pool.submit(_generate, work / f"case{i}", _spec(title=title)) for i, title in enumerate(DERIVED)}
        return {title: future.result() for title, future in futures.items()}


_IMPORT_ALL = (
    "import importlib, pkgutil, sys\n"
    "name = sys.argv[1]\n"
    "package = importlib.import_module(name)\n"
    "for info in pkgutil.walk_packages(package.__path__, name + '.'):\n"
    "    importlib.import_module(info.name)\n"
    "import email.message, json, types, typing, httpx, pydantic\n"  # the modules it might have shadowed
    "assert not any(getattr(m, '__file__', '') and sys.argv[2] in m.__file__ for m in (email, json, types, typing, httpx, pydantic))\n"
    "client = package.Client(api_key='k', base_url='http://127.0.0.1:9')\n"
    "print('ok')\n"
)


@pytest.mark.parametrize("title", list(DERIVED), ids=lambda t: t[:20])
def test_a_package_name_from_the_title_is_made_safe_and_imports(title: str, derived_runs: Dict[str, Tuple[int, str, Path]]) -> None:
    code, stderr, out = derived_runs[title]
    assert code == 0, stderr
    package = DERIVED[title]
    python = out / "python"
    assert (python / package / "__init__.py").is_file(), sorted(p.name for p in python.iterdir())
    assert all(len(p.name.encode()) <= 255 for p in out.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, package, str(python)], cwd=python, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


# ---- the rules themselves ---------------------------------------------------------------------------


def test_every_derived_name_passes_the_checks() -> None:
    titles = ["Email", "", "___", "4o", "Ünïcode API", "日本", "class", "None", "x" * 500, "sys", "Annotated Types", "certifi"]
    for title in titles:
        name = derived_package_name(title)
        assert package_name_problem(name) is None, (title, name)
    for module in sorted(SHADOWING_NAMES):
        name = derived_package_name(module)
        assert name not in SHADOWING_NAMES and package_name_problem(name) is None, (module, name)


def test_the_shadowed_modules_include_the_sdk_dependencies_and_the_modules_it_imports() -> None:
    for name in ("httpx", "httpcore", "h11", "idna", "certifi", "sniffio", "anyio", "pydantic", "pydantic_core", "typing_extensions", "annotated_types"):
        assert name in SDK_DEPENDENCIES
    # What the templates import by absolute name must all be covered.
    root = Path(__file__).resolve().parent.parent / "templates" / "python"
    imported = set()
    for template in root.rglob("*.j2"):
        for match in re.finditer(r"^\s*(?:from|import) ([A-Za-z_][A-Za-z0-9_]*)", template.read_text(encoding="utf-8"), re.M):
            imported.add(match.group(1))
    assert imported - {"__future__"} <= SHADOWING_NAMES, imported - SHADOWING_NAMES
    # Stable whatever Python runs sdkgen: modules later Pythons removed are still shadowed.
    assert {"distutils", "imp", "asyncore", "cgi", "telnetlib"} <= SHADOWING_NAMES


def test_the_base_error_of_a_package_named_with_a_digit_is_a_class_name(tmp_path: Path) -> None:
    """A configured package `_0` has no title words to name its error after: the package's words
    start with a digit, so the class takes a prefix (it was `class 0Error`, which does not parse)."""
    from generator.errors import Diagnostics
    from generator.ir.build import build_api
    from generator.spec.refs import open_spec
    from generator.targets.python.naming import client_error_name

    spec = tmp_path / "spec.yaml"
    spec.write_text(_spec(package="_0"), encoding="utf-8")
    api = build_api(open_spec(spec, "spec.yaml"), Diagnostics())
    name = client_error_name(api, "_0")
    assert name.isidentifier() and name.endswith("0Error"), name
