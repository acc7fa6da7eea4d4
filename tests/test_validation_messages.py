"""A spec that fails a `oneOf`/`anyOf` of the OpenAPI schema gets one line naming the file, line,
JSON pointer and the keyword or value at fault, through the real command line. Before, each of these
printed the whole node as JSON and "is not valid under any of the schemas listed in the 'oneOf'
keyword"."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

SDKGEN = Path(sys.executable).with_name("sdkgen")

HEAD_30 = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n'
HEAD_31 = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n'
OK = '      responses:\n        "200": {description: ok}\n'

CASES = {
    "const in 3.0": (
        HEAD_30 + "  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n"
        "          content:\n            application/json:\n              schema: {type: string, const: x}\n",
        "spec.yaml:11: #/paths/~1a/get/responses/200/content/application~1json/schema/const: "
        "`const` is not allowed in OpenAPI 3.0 (use a one-value `enum`)",
    ),
    "path parameter not required (3.0)": (
        HEAD_30 + "  /a/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n"
        "          schema: {type: string}\n" + OK,
        "spec.yaml:7: #/paths/~1a~1{id}/get/parameters/0: path parameter 'id' must have `required: true`",
    ),
    "path parameter not required (3.1)": (
        HEAD_31 + "  /a/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n"
        "          schema: {type: string}\n" + OK,
        "spec.yaml:7: #/paths/~1a~1{id}/get/parameters/0: path parameter 'id' must have `required: true`",
    ),
    "content with two media types": (
        HEAD_30 + "  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n"
        "          content:\n            application/json: {schema: {type: string}}\n"
        "            text/plain: {schema: {type: string}}\n" + OK,
        "spec.yaml:10: #/paths/~1a/get/parameters/0/content: `content` must have exactly one media type, found 2",
    ),
    "parameter location": (
        HEAD_30 + "  /a:\n    get:\n      parameters:\n        - {name: q, in: body, schema: {type: string}}\n" + OK,
        "spec.yaml:7: #/paths/~1a/get/parameters/0/in: `in` must be one of path, query, header, cookie, not body",
    ),
    "parameter without schema or content": (
        HEAD_30 + "  /a:\n    get:\n      parameters:\n        - {name: h, in: header}\n" + OK,
        "spec.yaml:7: #/paths/~1a/get/parameters/0: parameter 'h' must have `schema` or `content`",
    ),
    "response without description": (
        HEAD_30 + "  /a:\n    get:\n      responses:\n        \"200\": {content: {}}\n",
        "spec.yaml:7: #/paths/~1a/get/responses/200: response '200' is missing `description`",
    ),
    "security scheme missing a field": (
        HEAD_30 + "  /a:\n    get:\n" + OK + "components:\n  securitySchemes:\n    k: {type: apiKey, name: x}\n",
        "spec.yaml:10: #/components/securitySchemes/k: securityScheme 'k' is missing `in`",
    ),
    "a name with a control character is escaped": (
        HEAD_30 + '  /a/{id}:\n    get:\n      parameters:\n        - name: "id\\u001b[31m"\n          in: path\n'
        "          schema: {type: string}\n" + OK,
        "spec.yaml:7: #/paths/~1a~1{id}/get/parameters/0: path parameter 'id\\x1b[31m' must have `required: true`",
    ),
}


def _run(folder: Path, text: str) -> subprocess.CompletedProcess[str]:
    folder.mkdir()
    (folder / "spec.yaml").write_text(text, encoding="utf-8")
    return subprocess.run(
        [str(SDKGEN), "generate", "--spec", "spec.yaml", "--out", "out", "--no-cache"],
        cwd=folder, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Tuple[Path, subprocess.CompletedProcess[str]]]:
    """Every case's run, started together (each spends most of its time starting Python)."""
    work = tmp_path_factory.mktemp("messages")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(_run, work / f"case{i}", CASES[name][0]) for i, name in enumerate(sorted(CASES))}
        return {name: (work / f"case{i}", futures[name].result()) for i, name in enumerate(sorted(CASES))}


@pytest.mark.parametrize("name", sorted(CASES))
def test_message_names_the_keyword_at_fault(name: str, runs: Dict[str, Tuple[Path, subprocess.CompletedProcess[str]]]) -> None:
    expected = CASES[name][1]
    folder, run = runs[name]
    assert run.returncode == 2, run.stderr
    lines: List[str] = run.stderr.splitlines()
    assert lines[0] == f"sdkgen: error: {expected}", run.stderr
    assert "is not valid under any of" not in run.stderr
    if "escaped" not in name:  # (that spec's path template does not name its parameter: more errors)
        assert len(lines) == 2 and lines[1].startswith("1 validation error(s)")
    assert not (folder / "out").exists()
