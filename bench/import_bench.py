"""Import time: the generated OpenAI SDK against the official `openai` package (issue 12's target).

Ours: `import <package>; client = <package>.Client(api_key=...); client.<resource>` in the project venv,
the package generated once (untimed) from the OpenAI spec by this checkout's sdkgen. The official one:
`import openai; openai.OpenAI(api_key=...).chat.completions` in the peers' venv. Each is a fresh
interpreter, start-up included, run round-robin after one untimed run each (that one writes the
bytecode caches, as installing a package does). One more run of each counts the modules it loaded.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from report import Row
from timing import measure

OFFICIAL = "import openai; openai.OpenAI(api_key='sk-bench').chat.completions"
COUNT = "; import sys; print(len(sys.modules))"


def ours_code(package: str, resource: str) -> str:
    return f"import {package}; client = {package}.Client(api_key='sk-bench'); client.{resource}"


@dataclass
class ImportResult:
    ours: Row
    official: Row
    package: str = ""
    resource: str = ""
    modules: dict[str, int] = field(default_factory=dict)  # "ours", "official": modules loaded


def _generate(sdkgen: Path, repo: Path, spec: Path, out: Path, skip_validation: bool, timeout_s: float) -> tuple[Path | None, str]:
    """The OpenAI SDK from this checkout's generator: (its python/ folder, package name) or (None, why)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(repo)  # this checkout's generator, whatever the venv has installed
    cmd = [str(sdkgen), "generate", "--spec", str(spec), "--out", str(out)] + (["--skip-validation"] if skip_validation else [])
    m = measure(cmd, env=env, cwd=repo, timeout_s=timeout_s)
    python = out / "python"
    packages = sorted(p.name for p in python.iterdir() if (p / "__init__.py").exists()) if python.is_dir() else []
    if not m.ok or len(packages) != 1:
        return None, f"generating the OpenAI SDK failed: {m.failure_line() if not m.ok else packages}"
    return python, packages[0]


def _count(python: Path, code: str, cwd: Path, timeout_s: float) -> int | None:
    m = measure([str(python), "-c", code + COUNT], cwd=cwd, timeout_s=timeout_s)
    try:
        return int(m.stdout.strip().splitlines()[-1]) if m.ok else None
    except (ValueError, IndexError):
        return None


def run(
    *,
    sdkgen: Path,
    repo: Path,
    spec: Path,
    skip_validation: bool,
    resource: str,
    project_python: Path,
    peers_python: Path | None,
    peers_problem: str | None,
    runs: int,
    timeout_s: float,
) -> ImportResult:
    result = ImportResult(
        Row("import_ours", f"sdkgen's OpenAI SDK: import, Client(...), client.{resource}"),
        Row("import_official", "official openai: import, OpenAI(...), client.chat.completions"),
        resource=resource,
    )
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        python_dir, package = _generate(sdkgen, repo, spec, Path(tmp) / "out", skip_validation, timeout_s)
        commands: dict[str, tuple[Row, list[str]] | None] = {"ours": None, "official": None}
        if python_dir is None:
            result.ours.runs_attempted, result.ours.summary.failures = runs, [package] * runs
        else:
            result.package = package
            commands["ours"] = (result.ours, [str(project_python), "-c", ours_code(package, resource)])
        if peers_python is None:
            result.official.runs_attempted = runs
            result.official.summary.failures = [f"peers' venv unavailable: {peers_problem}"] * runs
        else:
            commands["official"] = (result.official, [str(peers_python), "-c", OFFICIAL])
        # Ours runs from its python/ folder; the official one elsewhere, since with no configuration
        # ours is named `openai` too and would shadow it.
        cwds = {"ours": python_dir or Path(tmp), "official": Path(tmp)}
        for key, command in commands.items():
            if command is not None:
                cwd = cwds[key]
                measure(command[1], cwd=cwd, timeout_s=timeout_s)  # warm-up: writes __pycache__
                count = _count(Path(command[1][0]), command[1][2], cwd, timeout_s)
                if count is not None:
                    result.modules[key] = count
        for _ in range(runs):
            for key, command in commands.items():
                if command is not None:
                    row, cmd = command
                    row.runs_attempted += 1
                    row.summary.add(measure(cmd, cwd=cwds[key], timeout_s=timeout_s))
    for key, row in (("ours", result.ours), ("official", result.official)):
        if key in result.modules:
            row.notes.append(f"{result.modules[key]} modules loaded")
    return result
