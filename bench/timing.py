"""Run one command, measuring wall time and peak memory of its whole process tree.

Each command runs under bench/rusage_wrapper.py (a tiny process, see its docstring for why), which times
it and reports ``ru_maxrss`` from ``wait4``. Memory is measured two ways:

* ``max_rss_kb``: ``ru_maxrss`` of the command, which the kernel reports as the largest peak RSS of the
  command or any descendant it reaped (exact, but one process at a time);
* ``tree_rss_kb``: the largest *sum* of the RSS of every process in the command's session (the wrapper
  excluded), sampled every ``SAMPLE_INTERVAL_S`` from ``/proc`` (catches parallel workers, may miss very
  short spikes; pages shared between forked workers count once per process).

``peak_rss_kb`` is the larger of the two, the figure the report prints.
"""

from __future__ import annotations

import os
import signal
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

SAMPLE_INTERVAL_S = 0.02
MAX_OUTPUT_BYTES = 64 * 1024 * 1024  # what is kept of a command's stdout/stderr (its end)
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
WRAPPER = Path(__file__).resolve().parent / "rusage_wrapper.py"


@dataclass
class Measurement:
    """One run of one command."""

    wall_s: float
    returncode: int | None
    timed_out: bool
    max_rss_kb: int
    tree_rss_kb: int
    stdout: str
    stderr: str
    error: str | None = None  # the command could not be started at all
    cpu_s: float = 0.0  # user + system time of the command and every descendant it waited for

    @property
    def peak_rss_kb(self) -> int:
        return max(self.max_rss_kb, self.tree_rss_kb)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out and self.returncode == 0

    def failure_line(self) -> str:
        """A one-line reason for a failed run: the last line of its error output that is not indented
        (a traceback's exception line, not its context) and not a known sign-off."""
        if self.error is not None:
            return self.error
        if self.timed_out:
            return f"timed out after {self.wall_s:.0f} s"
        for text in (self.stderr, self.stdout):
            lines = [line.rstrip() for line in text.splitlines()
                     if line.strip() and not any(line.startswith(b) for b in _BOILERPLATE)]
            if lines:
                unindented = [line for line in lines if not line[0].isspace()]
                return f"exit {self.returncode}: {(unindented or lines)[-1].strip()}"
        return f"exit {self.returncode} (no output)"


# Lines tools print after every failure, which say nothing about it.
_BOILERPLATE = ("If you believe this was a mistake",)


def _session_members(sid: int, known_other: set[int]) -> list[int]:
    """Pids in session ``sid``. ``known_other`` caches pids seen to be outside it (skipped next time)."""
    members: list[int] = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return members
    for name in entries:
        if not name.isdigit():
            continue
        pid = int(name)
        if pid in known_other:
            continue
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # Fields after the command name, which is in parentheses and may contain spaces.
        rest = stat[stat.rfind(b")") + 2 :].split()
        # rest[0]=state, rest[1]=ppid, rest[2]=pgrp, rest[3]=session
        if len(rest) > 3 and int(rest[3]) == sid:
            members.append(pid)
        else:
            known_other.add(pid)
    return members


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


class _Sampler(threading.Thread):
    """Samples the child's session RSS sum and enforces the timeout."""

    def __init__(self, pid: int, timeout_s: float) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.deadline = time.monotonic() + timeout_s
        self.stop = threading.Event()
        self.peak_kb = 0
        self.timed_out = False
        self._known_other: set[int] = set()

    def run(self) -> None:
        while not self.stop.is_set():
            members = _session_members(self.pid, self._known_other)
            total = sum(_rss_kb(p) for p in members if p != self.pid)  # not the wrapper itself
            self.peak_kb = max(self.peak_kb, total)
            if time.monotonic() > self.deadline:
                self.timed_out = True
                try:
                    os.killpg(self.pid, signal.SIGKILL)
                except OSError:
                    pass
                return
            self.stop.wait(SAMPLE_INTERVAL_S)


def _read_tail(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    if len(data) > MAX_OUTPUT_BYTES:
        data = data[-MAX_OUTPUT_BYTES:]
    return data.decode("utf-8", "replace")


def measure(
    cmd: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout_s: float = 300.0,
) -> Measurement:
    """Run ``cmd`` to completion (or until ``timeout_s``) and measure it. Never raises for a failing command."""
    with tempfile.TemporaryDirectory(prefix="bench-out-") as tmp:
        out_path = Path(tmp) / "stdout"
        err_path = Path(tmp) / "stderr"
        result_path = Path(tmp) / "result.json"
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            start = time.perf_counter()
            try:
                proc = subprocess.Popen(
                    [sys.executable, "-I", "-S", str(WRAPPER), str(result_path), *cmd],
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    env=dict(env) if env is not None else None,
                    cwd=cwd,
                    start_new_session=True,  # own session: the sampler finds the whole tree by sid
                )
            except OSError as exc:
                return Measurement(0.0, None, False, 0, 0, "", "", error=f"could not start the wrapper: {exc}")
            sampler = _Sampler(proc.pid, timeout_s)
            sampler.start()
            os.wait4(proc.pid, 0)
            outer_wall = time.perf_counter() - start
            sampler.stop.set()
            sampler.join()
            proc.returncode = 0  # reaped above; keeps Popen from waiting again
            # Kill anything the command left behind in its session (e.g. a daemonised helper).
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            result = json.loads(result_path.read_text())
        except (OSError, ValueError):
            result = {}  # killed on timeout, or the wrapper itself failed
        stderr = _read_tail(err_path)
        if "error" in result:
            return Measurement(0.0, None, False, 0, 0, "", stderr, error=str(result["error"]))
        if not result and not sampler.timed_out:
            return Measurement(outer_wall, None, False, 0, sampler.peak_kb, _read_tail(out_path), stderr,
                               error=f"the rusage wrapper reported nothing: {stderr.strip()[-300:]}")
        return Measurement(
            wall_s=float(result.get("wall_s", outer_wall)),
            returncode=result.get("returncode"),
            timed_out=sampler.timed_out,
            max_rss_kb=int(result.get("max_rss_kb", 0)),
            tree_rss_kb=sampler.peak_kb,
            stdout=_read_tail(out_path),
            stderr=stderr,
            cpu_s=float(result.get("cpu_s", 0.0)),
        )


@dataclass
class Summary:
    """Several runs of one row, as printed."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    max_rss_kb: list[int] = field(default_factory=list)  # the two parts of each peak, for the JSON
    tree_rss_kb: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, m: Measurement) -> None:
        if m.ok:
            self.walls.append(m.wall_s)
            self.cpus.append(m.cpu_s)
            self.peaks_kb.append(m.peak_rss_kb)
            self.max_rss_kb.append(m.max_rss_kb)
            self.tree_rss_kb.append(m.tree_rss_kb)
        else:
            self.failures.append(m.failure_line())

    @property
    def median(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus else None

    @property
    def min(self) -> float | None:
        return min(self.walls) if self.walls else None

    @property
    def max(self) -> float | None:
        return max(self.walls) if self.walls else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.peaks_kb) / 1024 if self.peaks_kb else None
