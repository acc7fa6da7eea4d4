"""pyright in strict mode over every generated package: `generated/python` and each golden tree (with
the runtime put back, see golden_cases.py), in one pyright process (it is slow to start).

pyright is a test-only npm package (package.json, installed by `make setup`). Without it the test
skips, except in CI (`CI` set), where a missing pyright is a failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from prism import require_tool
from tests.golden_cases import ROOT, cases, full_python

PYRIGHT_BIN = ROOT / "node_modules" / ".bin" / "pyright"


def _require_pyright() -> None:
    require_tool("pyright", PYRIGHT_BIN)


def minimum_python() -> str:
    """The oldest Python the generated package supports (its pyproject's `requires-python`)."""
    text = (ROOT / "generated" / "python" / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^requires-python = ">=(\d+\.\d+)"$', text, re.MULTILINE)
    assert found, "no requires-python in generated/python/pyproject.toml"
    return found.group(1)


def _shown(diagnostic: Dict[str, Any]) -> str:
    start = diagnostic.get("range", {}).get("start", {})
    where = f"{diagnostic.get('file')}:{start.get('line', 0) + 1}:{start.get('character', 0) + 1}"
    rule = f" ({diagnostic['rule']})" if diagnostic.get("rule") else ""
    return f"{where} - {diagnostic.get('severity')}: {diagnostic.get('message')}{rule}"


def test_pyright_strict(tmp_path: Path) -> None:
    _require_pyright()
    folders = [full_python(case.out) for case in cases()]
    expected = sum(1 for folder in folders for _ in folder.rglob("*.py"))
    config = {
        "typeCheckingMode": "strict",
        "pythonVersion": minimum_python(),
        # Paths in `include` are relative to the config's folder.
        "include": [os.path.relpath(folder, tmp_path) for folder in folders],
    }
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config, indent=1))
    command = [
        str(PYRIGHT_BIN), "--outputjson", "--project", str(tmp_path / "pyrightconfig.json"),
        # The interpreter whose site-packages (httpx, pydantic) the SDKs import.
        "--pythonpath", sys.executable,
    ]  # fmt: skip
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    try:
        report: Dict[str, Any] = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"pyright did not answer in JSON (exit status {result.returncode}):\n{result.stdout}{result.stderr}")
    problems: List[str] = [
        _shown(d) for d in report.get("generalDiagnostics", []) if d.get("severity") in ("error", "warning")
    ]
    assert not problems, f"pyright --strict: {len(problems)} problem(s)\n" + "\n".join(problems)
    assert result.returncode == 0, result.stdout + result.stderr
    assert report["summary"]["filesAnalyzed"] >= expected, report["summary"]
