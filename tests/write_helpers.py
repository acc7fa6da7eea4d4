"""Helpers for the writing tests (test_writes.py, test_kill.py): run the real CLI in a subprocess,
look at an output folder without following links, and tell old from new trees by digest."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
GOOD_SPEC = ROOT / "tests" / "fixtures" / "specs" / "cov_shapes.yaml"
MANIFEST = ".sdkgen-manifest.json"
STAGE_PREFIX = ".sdkgen-stage-"

# The CLI, under an audit hook given as Python source in SDKGEN_TEST_HOOK (to inject an OSError at a
# chosen system call, or to record what the run opens for writing).
_WRAPPER = (
    "import os, sys\n"
    "exec(os.environ.get('SDKGEN_TEST_HOOK', ''))\n"
    "from generator.cli import main\n"
    "sys.argv[0] = 'sdkgen'\n"
    "main()\n"
)

Entry = Tuple[str, bytes]  # ("file", bytes) / ("link", target) / ("dir", b"") / ("other", b"")


# The runs of one test write into different folders, and compare what they wrote: each names this
# config, whose fixed regenerate command keeps the headers from naming each run's --out.
CONFIG = Path(tempfile.mkdtemp(prefix="sdkgen-write-tests-")) / "sdkgen.yaml"
CONFIG.write_text("regenerate: sdkgen generate\n", encoding="utf-8")
atexit.register(shutil.rmtree, CONFIG.parent, True)


def command(*args: str) -> List[str]:
    return [sys.executable, "-c", _WRAPPER, "generate", "--config", str(CONFIG), *args]


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def sdkgen(*args: str, hook: str = "", env: Optional[Dict[str, str]] = None, cwd: Path = ROOT) -> Done:
    environment = dict(os.environ, SDKGEN_TEST_HOOK=hook, **(env or {}))
    done = subprocess.run(command(*args), cwd=cwd, capture_output=True, text=True, timeout=600, env=environment)
    return Done(done.returncode, done.stdout, done.stderr)


def start(*args: str, env: Optional[Dict[str, str]] = None) -> "subprocess.Popen[str]":
    environment = dict(os.environ, SDKGEN_TEST_HOOK="", **(env or {}))
    return subprocess.Popen(command(*args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def tree(folder: Path) -> Optional[Dict[str, Entry]]:
    """Everything under `folder`, links and folders included, nothing followed (None: absent)."""
    if not os.path.lexists(folder):
        return None
    found: Dict[str, Entry] = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(top, name)
            relative = os.path.relpath(path, folder)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                found[relative] = ("link", os.readlink(path).encode())
            elif stat.S_ISDIR(mode):
                found[relative] = ("dir", b"")
            elif stat.S_ISREG(mode):
                found[relative] = ("file", Path(path).read_bytes())
            else:
                found[relative] = ("other", b"")
    return found


def digest(entries: Dict[str, Entry]) -> str:
    h = hashlib.sha256()
    for relative in sorted(entries):
        kind, data = entries[relative]
        h.update(f"{relative}\0{kind}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def trees_of(out: Path, ignore: frozenset = frozenset()) -> Dict[str, Optional[str]]:
    """The digest of each generated tree of `out` (python/, docs/, the manifest), minus `ignore`d
    paths (a user's files); None for a tree that is missing."""
    result: Dict[str, Optional[str]] = {}
    for name in ("python", "docs"):
        found = tree(out / name)
        if found is None:
            result[name] = None
            continue
        kept = {r: e for r, e in found.items() if f"{name}/{r}" not in ignore}
        result[name] = digest({r: e for r, e in kept.items() if e[0] != "dir" or any(k.startswith(r + "/") for k in kept)})
    manifest = out / MANIFEST
    result[MANIFEST] = hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.is_file() else None
    return result


def stages(out: Path) -> List[str]:
    try:
        return sorted(n for n in os.listdir(out) if n.startswith(STAGE_PREFIX))
    except OSError:
        return []
