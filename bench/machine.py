"""Facts about the machine and the code the figures were taken on."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _git(repo: Path, *args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.stdout.strip() or "unknown"


def _python_version(python: Path) -> str:
    try:
        out = subprocess.run(
            [str(python), "-c", "import platform; print(platform.python_version())"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unavailable"
    return out.stdout.strip() or "unavailable"


def load_average() -> float | None:
    """The 1-minute load average, to flag figures taken on a busy machine."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def facts(repo: Path, project_python: Path, peers_python: Path | None) -> dict[str, object]:
    """Everything the report's header prints, as plain JSON-able values."""
    dirty = _git(repo, "status", "--porcelain", "--", "generator", "templates", "spec")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "load_average_1min_at_start": load_average(),
        "ram_gb": _ram_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python_project_venv": _python_version(project_python),
        "python_peers_venv": _python_version(peers_python) if peers_python else "not installed",
        "commit": _git(repo, "rev-parse", "--short", "HEAD"),
        "generator_dirty": dirty not in ("", "unknown"),
    }
