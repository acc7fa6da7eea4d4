"""The peers' virtual environment (bench/.peers/) and how each peer is run and its output read."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PEERS_DIR = BENCH / ".peers"
REQUIREMENTS = BENCH / "peers-requirements.txt"
_STAMP = PEERS_DIR / ".bench-installed"


class PeersUnavailable(Exception):
    """The peers' venv could not be created or installed; the message says why."""


def peers_bin() -> Path:
    return PEERS_DIR / "bin"


def peers_python() -> Path:
    return peers_bin() / "python"


def _requirements_digest() -> str:
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def ensure_peers_venv(log: bool = True) -> Path:
    """Create bench/.peers/ and install the pinned peers on first use; reuse it after.

    Reinstalls when bench/peers-requirements.txt changed since the last install. Returns the venv's python.
    """
    digest = _requirements_digest()
    if peers_python().exists() and _STAMP.exists() and _STAMP.read_text().strip() == digest:
        return peers_python()
    if log:
        print(f"bench: installing the peers into {PEERS_DIR} (first run, or {REQUIREMENTS.name} changed) ...",
              file=sys.stderr, flush=True)
    if not peers_python().exists():
        # The base interpreter, not this venv's, so the peers' venv does not depend on the project's one.
        base = getattr(sys, "_base_executable", sys.executable)
        created = subprocess.run([base, "-m", "venv", str(PEERS_DIR)], capture_output=True, text=True, check=False)
        if created.returncode != 0:
            shutil.rmtree(PEERS_DIR, ignore_errors=True)
            raise PeersUnavailable(f"python -m venv failed: {_last_line(created.stderr or created.stdout)}")
    installed = subprocess.run(
        [str(peers_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(REQUIREMENTS)],
        capture_output=True,
        text=True,
        check=False,
    )
    if installed.returncode != 0:
        raise PeersUnavailable(f"pip install -r {REQUIREMENTS.name} failed: "
                               f"{_last_line(installed.stderr or installed.stdout)}")
    _STAMP.write_text(digest + "\n")
    return peers_python()


def peer_env() -> dict[str, str]:
    """The environment peers run in: the peers' bin first on PATH (openapi-python-client's post-hooks
    call `ruff` by name), nothing of the project's venv."""
    env = dict(os.environ)
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = f"{peers_bin()}{os.pathsep}{env.get('PATH', '')}"
    return env


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


@dataclass(frozen=True)
class SpecTotals:
    """What a spec holds, for "N of M dropped"; None when the spec does not load."""

    operations: int | None = None
    schemas: int | None = None


@dataclass(frozen=True)
class Peer:
    key: str
    label: str

    def command(self, spec: Path, out_dir: Path) -> list[str]:
        raise NotImplementedError

    def notes(self, stdout: str, stderr: str, out_dir: Path, totals: SpecTotals) -> tuple[str, dict[str, object]]:
        """One line for the table, and the details for the JSON report."""
        raise NotImplementedError


@dataclass(frozen=True)
class OpenapiPythonClient(Peer):
    """`openapi-python-client generate`; its default post-hooks for `--meta none` are
    `ruff check . --fix-only --extend-select=I` and `ruff format .` (run from the peers' venv)."""

    def command(self, spec: Path, out_dir: Path) -> list[str]:
        return [str(peers_bin() / "openapi-python-client"), "generate", "--path", str(spec),
                "--output-path", str(out_dir / "client"), "--overwrite", "--meta", "none"]

    def notes(self, stdout: str, stderr: str, out_dir: Path, totals: SpecTotals) -> tuple[str, dict[str, object]]:
        return summarise_opc_log(stdout + "\n" + stderr, totals)


@dataclass(frozen=True)
class DatamodelCodegen(Peer):
    """`datamodel-codegen` to pydantic v2 models (models only, no client); default formatters (black, isort)."""

    def command(self, spec: Path, out_dir: Path) -> list[str]:
        return [str(peers_bin() / "datamodel-codegen"), "--input", str(spec), "--input-file-type", "openapi",
                "--output-model-type", "pydantic_v2.BaseModel", "--output", str(out_dir / "out.py")]

    def notes(self, stdout: str, stderr: str, out_dir: Path, totals: SpecTotals) -> tuple[str, dict[str, object]]:
        return summarise_dmc_log(stdout + "\n" + stderr, out_dir / "out.py")


PEERS: tuple[Peer, ...] = (
    OpenapiPythonClient("opc", "openapi-python-client 0.29.1"),
    DatamodelCodegen("dmc", "datamodel-code-generator 0.89.0"),
)

_OPC_WARNING = re.compile(r"^WARNING parsing (\S+) (\S+) within .*?\.( Endpoint will not be generated\.)?\s*$")
_OPC_SCHEMA = re.compile(r"^Unable to (?:parse|process) schema (/components/schemas/[^:\s]+)")
_OPC_REMOVAL = "Failure to process schema has resulted in the removal of:"


def opc_counts(log: str) -> dict[str, object]:
    """What openapi-python-client reported leaving out: operations, responses, schemas."""
    dropped_ops: list[str] = []
    partial_ops: list[str] = []
    schemas: set[str] = set()
    lines = log.splitlines()
    for i, line in enumerate(lines):
        m = _OPC_WARNING.match(line)
        if m:
            (dropped_ops if m.group(3) else partial_ops).append(f"{m.group(1)} {m.group(2)}")
            continue
        s = _OPC_SCHEMA.match(line)
        if s:
            schemas.add(s.group(1))
            continue
        if line.strip() == _OPC_REMOVAL:
            for follow in lines[i + 1:]:
                if not follow.startswith("/components/"):
                    break
                schemas.add(follow.strip())
    return {
        "endpoint_warnings": len(dropped_ops) + len(partial_ops),
        "dropped_operations": dropped_ops,
        "operations_with_omitted_responses": partial_ops,
        "omitted_responses": log.count("response will be omitted"),
        "dropped_schemas": sorted(name.rsplit("/", 1)[-1] for name in schemas),
    }


def _of(total: int | None) -> str:
    return f" of {total}" if total is not None else ""


def summarise_opc_log(log: str, totals: SpecTotals) -> tuple[str, dict[str, object]]:
    c = opc_counts(log)
    dropped = c["dropped_operations"]
    partial = c["operations_with_omitted_responses"]
    schemas = c["dropped_schemas"]
    assert isinstance(dropped, list) and isinstance(partial, list) and isinstance(schemas, list)
    named = ""
    if dropped:
        named = " (" + ", ".join(dropped[:3]) + (", ..." if len(dropped) > 3 else "") + ")"
    line = (f"{c['endpoint_warnings']} endpoint warnings: {len(dropped)}{_of(totals.operations)} operations "
            f"dropped{named}, {len(partial)} more with {c['omitted_responses']} responses omitted; "
            f"{len(schemas)}{_of(totals.schemas)} schemas dropped")
    return line, c


_PY_WARNING = re.compile(r"\b(\w+Warning): (.*)$")


def summarise_dmc_log(log: str, output: Path) -> tuple[str, dict[str, object]]:
    notes: list[str] = []
    warnings: list[str] = []
    classes = 0
    try:
        classes = sum(1 for line in output.read_text(encoding="utf-8", errors="replace").splitlines() if line.startswith("class "))
        notes.append(f"{classes} classes (models only, no client)")
    except OSError:
        pass
    for line in log.splitlines():
        m = _PY_WARNING.search(line)
        if m and m.group(1) != "FutureWarning":
            text = m.group(2)
            text = text.split(". Add --recommend-options")[0]
            notes.append(f"{m.group(1)}: {text}")
            warnings.append(f"{m.group(1)}: {m.group(2)}")
    return "; ".join(notes), {"classes": classes, "warnings": warnings}
