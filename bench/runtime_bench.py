"""The runtime comparison: per-call overhead and response parsing, generated SDK vs the official one.

A mock server (bench/mock_server.py) runs in its own process; each client runs in its own subprocess
(bench/runtime_client.py: ours in the project venv, the official `openai` in the peers' venv), in
round-robin over the runs, and prints JSON.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
SEED = "000_e83197dccf7e12e2.txt"


def seed_payload(shared: Path) -> dict[str, Any]:
    """The example ChatSession response: the JSON object at the end of the seed document."""
    text = (shared / "seed" / SEED).read_text(encoding="utf-8")
    start = text.rstrip().rfind("\n{")
    if start < 0:
        raise ValueError(f"no JSON object at the end of {SEED}")
    data: dict[str, Any] = json.loads(text[start:])
    return data


@dataclass
class ImplResult:
    """Several runs of one client."""

    label: str
    call_means_us: list[float] = field(default_factory=list)
    parse_us: dict[str, list[float]] = field(default_factory=dict)
    failure: str | None = None
    version: str | None = None

    @property
    def call_us(self) -> float | None:
        return statistics.median(self.call_means_us) if self.call_means_us else None

    def parse_median_us(self, name: str) -> float | None:
        values = self.parse_us.get(name)
        return statistics.median(values) if values else None


class _Server:
    def __init__(self, python: Path, payload_file: Path) -> None:
        self.proc = subprocess.Popen(
            [str(python), str(BENCH / "mock_server.py"), str(payload_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.isdigit():
            self.stop()
            raise RuntimeError(f"mock server did not start (printed {line!r})")
        self.port = int(line)

    def stop(self) -> None:
        self.proc.kill()  # only the server process this object started
        self.proc.wait()


def _run_client(python: Path, args: list[str], timeout_s: float) -> tuple[dict[str, Any] | None, str | None]:
    try:
        out = subprocess.run([str(python), str(BENCH / "runtime_client.py"), *args], capture_output=True,
                             text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout_s:.0f} s"
    except OSError as exc:
        return None, str(exc)
    if out.returncode != 0:
        lines = [line.strip() for line in (out.stderr or out.stdout).splitlines() if line.strip()]
        return None, f"exit {out.returncode}: {lines[-1] if lines else '(no output)'}"
    try:
        result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None, f"no JSON on stdout: {out.stdout[-200:]!r}"
    return result, None


def run(
    *,
    generated: Path,
    shared: Path,
    project_python: Path,
    peers_python: Path | None,
    peers_problem: str | None,
    runs: int,
    calls: int,
    parses: int,
    timeout_s: float,
) -> dict[str, ImplResult]:
    """Time every client `runs` times, alternating; returns one result per client (failures included)."""
    results = {
        "ours": ImplResult("sdkgen ChatKit SDK (generated/python/chatkit_client)"),
        "official": ImplResult("official openai SDK"),
        "httpx": ImplResult("bare httpx.Client.post().json() (floor)"),
    }
    pythons: dict[str, Path | None] = {"ours": project_python, "official": peers_python, "httpx": project_python}
    if not (generated / "chatkit_client" / "__init__.py").exists():
        results["ours"].failure = f"not available yet (no {generated}/chatkit_client; run `make generate`)"
    if peers_python is None:
        results["official"].failure = f"peers' venv unavailable: {peers_problem}"
    with tempfile.TemporaryDirectory(prefix="bench-runtime-") as tmp:
        payload_file = Path(tmp) / "chat_session.json"
        payload_file.write_text(json.dumps(seed_payload(shared)))
        try:
            server = _Server(project_python, payload_file)
        except (OSError, RuntimeError) as exc:
            for r in results.values():
                r.failure = r.failure or f"mock server: {exc}"
            return results
        try:
            base_url = f"http://127.0.0.1:{server.port}/v1"
            for _ in range(runs):
                for key, result in results.items():
                    python = pythons[key]
                    if result.failure is not None or python is None:
                        continue
                    args = [key, base_url, str(payload_file), str(calls), str(parses)]
                    if key == "ours":
                        args.append(str(generated))
                    data, error = _run_client(python, args, timeout_s)
                    if data is None:
                        result.failure = error
                        continue
                    result.version = str(data.get("version"))
                    result.call_means_us.append(float(data["call"]["mean_us"]))
                    for name, figures in (data.get("parse") or {}).items():
                        result.parse_us.setdefault(name, []).append(float(figures["us_per_parse"]))
        finally:
            server.stop()
    return results


if __name__ == "__main__":  # a quick manual run: python bench/runtime_bench.py
    here = BENCH.parent
    res = run(generated=here / "generated" / "python", shared=here.parent / "shared", project_python=Path(sys.executable),
              peers_python=BENCH / ".peers" / "bin" / "python", peers_problem=None, runs=1, calls=500,
              parses=1000, timeout_s=300)
    for k, v in res.items():
        print(k, v)
