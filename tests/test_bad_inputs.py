"""Odd but valid inputs generate (issue 7): exit 0, file names within 255 bytes, every module imports.

The refused ones (exit 2 with their place) are cases in test_bad_specs.py; these are the inputs from
the same hunt that are valid OpenAPI and must simply work: a byte-order mark, CRLF line ends, keys YAML
1.1 would read as dates or numbers, NaN and Infinity in JSON, a 3.1 `$ref` with siblings, NUL and
other control characters in text, names of 10,000 characters (tag, operationId, path, property,
schema, configured resource and method, title), a `%YAML` directive. Run through the real CLI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, Tuple

import pytest

SDKGEN = Path(sys.executable).with_name("sdkgen")
LONG = "x" * 10_000
YAML_HEAD = 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\n'
ONE_GET = "paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n"


def _json(paths: Dict[str, Any] | None = None, **extra: Any) -> str:
    return json.dumps({"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": paths or {}, **extra})


def _get(**operation: Any) -> Dict[str, Any]:
    schema = {"type": "object", "properties": {"id": {"type": "string"}}}
    response = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {"get": {"responses": {"200": response}, **operation}}


# name -> (file name, bytes)
CASES: Dict[str, Tuple[str, bytes]] = {
    "BOM (YAML)": ("spec.yaml", b"\xef\xbb\xbf" + (YAML_HEAD + ONE_GET).encode()),
    "BOM (JSON)": ("spec.json", b"\xef\xbb\xbf" + _json({"/a": _get()}).encode()),
    "CRLF": ("spec.yaml", (YAML_HEAD + ONE_GET).replace("\n", "\r\n").encode()),
    "%YAML directive": ("spec.yaml", ("%YAML 1.2\n---\n" + YAML_HEAD + ONE_GET).encode()),
    "dates and numbers as property keys": (
        "spec.yaml",
        (
            YAML_HEAD + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n"
            "        2001-12-14: {type: string}\n        12: {type: integer}\n        0x1F: {type: integer}\n"
            "        1e3: {type: integer}\n        .inf: {type: integer}\n        null: {type: string}\n"
            "        true: {type: string}\n      required: ['12', '2001-12-14']\n"
        ).encode(),
    ),
    "NaN and Infinity (JSON)": (
        "spec.json",
        b'{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}, "components": {"schemas": '
        b'{"A": {"type": "object", "properties": {"n": {"type": "number", "default": NaN, "example": Infinity}}}}}}',
    ),
    "3.1 $ref with siblings": (
        "spec.yaml",
        (
            YAML_HEAD + "paths: {}\ncomponents:\n  schemas:\n"
            "    A: {$ref: '#/components/schemas/B', description: sibling, type: object, properties: {z: {type: string}}}\n"
            "    B: {type: object, properties: {x: {type: string}}}\n"
        ).encode(),
    ),
    "NUL and control characters in text": (
        "spec.yaml",
        (
            'openapi: 3.1.0\ninfo: {title: "a\\0b\\x1b[31m", version: "1", description: "x\\0y"}\npaths:\n  /a:\n    get:\n'
            '      operationId: "op\\0x"\n      tags: ["t\\0g"]\n      summary: "s\\0"\n      responses: {"200": {description: "d\\0"}}\n'
        ).encode(),
    ),
    "10,000-character tag, operationId and property": (
        "spec.json",
        _json({"/a": {"get": {"operationId": LONG, "tags": [LONG], "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {LONG: {"type": "string"}}}}}}}}}}).encode(),
    ),
    "10,000-character path": ("spec.json", _json({"/" + LONG: _get()}).encode()),
    "10,000-character schema name": ("spec.json", _json(components={"schemas": {LONG: {"type": "object", "properties": {"a": {"type": "string"}}}}}).encode()),
    "10,000-character configured resource and method": (
        "spec.json",
        _json({"/a": _get(**{"x-sdkgen": {"resource": LONG + "." + LONG, "method": LONG}})}).encode(),
    ),
    "10,000-character title": ("spec.yaml", (f'openapi: 3.1.0\ninfo: {{title: {LONG}, version: "1"}}\n' + ONE_GET).encode()),
}

_IMPORT_ALL = (
    "import importlib, os, pkgutil\n"
    "[name] = [d for d in os.listdir('.') if os.path.isfile(os.path.join(d, '__init__.py'))]\n"
    "package = importlib.import_module(name)\n"
    "for info in pkgutil.walk_packages(package.__path__, name + '.'):\n"
    "    importlib.import_module(info.name)\n"
    "print('ok')\n"
)


def _generate_and_import(folder: Path, file: str, data: bytes) -> Tuple[int, str, Path, str]:
    folder.mkdir(parents=True)
    (folder / file).write_bytes(data)
    out = folder / "out"
    result = subprocess.run(
        [str(SDKGEN), "generate", "--spec", file, "--out", str(out), "--no-cache"],
        cwd=folder, capture_output=True, text=True, timeout=600,
    )
    imported = ""
    if result.returncode == 0:
        check = subprocess.run([sys.executable, "-c", _IMPORT_ALL], cwd=out / "python", capture_output=True, text=True, timeout=300)
        imported = check.stdout.strip() or check.stderr
    return result.returncode, result.stderr, out, imported


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Tuple[int, str, Path, str]]:
    work = tmp_path_factory.mktemp("odd")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(_generate_and_import, work / f"case{i}", *CASES[name]) for i, name in enumerate(CASES)}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_odd_but_valid_input_generates_and_imports(name: str, runs: Dict[str, Tuple[int, str, Path, str]]) -> None:
    code, stderr, out, imported = runs[name]
    assert code == 0, stderr
    assert "Traceback" not in stderr
    too_long = [p.name[:40] for p in out.rglob("*") if len(p.name.encode("utf-8")) > 255]
    assert not too_long, too_long
    assert imported == "ok", imported


def test_a_security_scheme_reached_through_a_chain_of_refs(tmp_path: Path) -> None:
    # `a: {$ref: b}`, `b: {$ref: c}`, `c: apiKey`: only one ref was followed, and the client sent
    # a bearer token instead of the X-Key header.
    from generator.ir.build import build_api
    from generator.errors import Diagnostics
    from generator.spec.refs import open_spec

    spec = tmp_path / "spec.yaml"
    spec.write_text(
        YAML_HEAD + "paths: {}\ncomponents:\n  securitySchemes:\n    a: {$ref: '#/components/securitySchemes/b'}\n"
        "    b: {$ref: '#/components/securitySchemes/c'}\n    c: {type: apiKey, in: header, name: X-Key}\n",
        encoding="utf-8",
    )
    api = build_api(open_spec(spec, "spec.yaml"), Diagnostics())
    assert (api.auth.kind, api.auth.name) == ("header", "X-Key")


@pytest.mark.parametrize("kind", ["a file", "under a file"])
def test_an_output_folder_that_cannot_be_written_is_exit_2(tmp_path: Path, kind: str) -> None:
    # `--out` naming a file (or a folder under one) was an internal error (exit 3, FileExistsError).
    spec = tmp_path / "spec.yaml"
    spec.write_text(YAML_HEAD + ONE_GET, encoding="utf-8")
    (tmp_path / "afile").write_text("mine\n", encoding="utf-8")
    out = "afile" if kind == "a file" else "afile/sub"
    result = subprocess.run(
        [str(SDKGEN), "generate", "--spec", "spec.yaml", "--out", out], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"sdkgen: error: {out}: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "mine\n"
