"""Kill sdkgen at random moments: every tree is always wholly the old or wholly the new generation.

Real generations into one folder alternate between two versions of a spec whose trees all differ.
Each is sent SIGKILL (or SIGINT) at a moment picked by a seeded random: a third of the kills at a
delay anywhere from 100 microseconds to the length of a whole run, the rest once the run has started
writing (its staging folder appeared) plus 0 to 20 ms, so that many land inside the write. After each
kill, `python/`, `docs/` and the manifest must each be byte for byte one of the two known outputs,
and a user's files in the trees must be there; then an uninterrupted run must clean up whatever was
left and produce exactly its generation. No timing is asserted: the delays only pick the moments.

SDKGEN_KILL_RUNS sets the number of kills (20 by default; `make fuzz` runs 300), SDKGEN_KILL_SEED the
seed. The figures (kills, kills during a write, mixed trees) are printed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
import yaml

from write_helpers import GOOD_SPEC, MANIFEST, sdkgen, stages, start, trees_of

KILLS = int(os.environ.get("SDKGEN_KILL_RUNS", "20"))
SEED = int(os.environ.get("SDKGEN_KILL_SEED", "7"))
USER_FILES = {"docs/my_notes.md": b"the user's notes\n", "python/mine.txt": b"the user's file\n"}
IGNORE = frozenset(USER_FILES)


def _versions(folder: Path) -> List[Path]:
    """Two versions of the spec: the second has one operation fewer and another description, so
    its python/ and docs/ trees and its manifest all differ from the first's."""
    first = folder / "v1.yaml"
    shutil.copy(GOOD_SPEC, first)
    document = yaml.safe_load(GOOD_SPEC.read_text(encoding="utf-8"))
    document["info"]["description"] = "The second version."
    del document["paths"][sorted(document["paths"])[0]]
    second = folder / "v2.yaml"
    second.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return [first, second]


def _user_files(out: Path) -> None:
    for relative, data in USER_FILES.items():
        (out / relative).write_bytes(data)


def _user_files_intact(out: Path) -> bool:
    return all((out / r).is_file() and (out / r).read_bytes() == d for r, d in USER_FILES.items())


def _kill_at(process: "subprocess.Popen[str]", out: Path, rng: random.Random, whole_run: float, number: int) -> Tuple[bool, str]:
    """Send `number` at a random moment: (whether the run was writing, i.e. a staging folder
    existed; its stderr)."""
    # Ctrl-C before sdkgen's own code runs is the interpreter's (a KeyboardInterrupt traceback while
    # importing); SIGINT is sent only once the run writes.
    if number == signal.SIGKILL and rng.random() < 1 / 3:
        delay = 1e-4 * (whole_run / 1e-4) ** rng.random()  # log-uniform, 100 µs .. a whole run
        time.sleep(delay)
    else:
        while process.poll() is None and not stages(out):
            time.sleep(0.0002)
        time.sleep(rng.uniform(0, 0.02))
    writing = bool(stages(out))
    if process.poll() is None:
        process.send_signal(number)
    _, stderr = process.communicate(timeout=600)
    return writing, stderr


def _kill_runs(tmp_path: Path, number: int, kills: int) -> Tuple[Dict[str, int], List[str]]:
    specs = _versions(tmp_path)
    references = []
    for index, spec in enumerate(specs):
        reference = tmp_path / f"ref{index}"
        assert sdkgen("--spec", str(spec), "--out", str(reference)).returncode == 0
        references.append(trees_of(reference))
    for name in references[0]:
        assert references[0][name] != references[1][name], f"the two versions' {name} do not differ"
    out = tmp_path / "out"
    started = time.perf_counter()
    assert sdkgen("--spec", str(specs[0]), "--out", str(out)).returncode == 0
    whole_run = time.perf_counter() - started
    _user_files(out)
    rng = random.Random(SEED)
    figures = {"kills": 0, "during a write": 0, "mixed trees": 0, "left a staging folder": 0}
    problems: List[str] = []
    for kill in range(kills):
        target = (kill + 1) % 2
        process = start("--spec", str(specs[target]), "--out", str(out))
        writing, stderr = _kill_at(process, out, rng, whole_run, number)
        figures["kills"] += 1
        figures["during a write"] += writing
        figures["left a staging folder"] += bool(stages(out))
        if number == signal.SIGINT:
            # -SIGINT: the signal came after the write, as the interpreter shut down (its default handler).
            allowed = (0, 130) if writing else (0, 130, -signal.SIGINT)
            if "Traceback" in stderr or process.returncode not in allowed:
                problems.append(f"kill {kill}: exit {process.returncode} after Ctrl-C: {stderr[-300:]}")
        found = trees_of(out, IGNORE)
        for name, digest in found.items():
            if digest not in (references[0][name], references[1][name]):
                figures["mixed trees"] += 1
                problems.append(f"kill {kill} (exit {process.returncode}, writing={writing}): {name} is neither generation")
        if not _user_files_intact(out):
            problems.append(f"kill {kill}: a user's file is gone or changed")
        done = sdkgen("--spec", str(specs[target]), "--out", str(out))
        if done.returncode != 0 or trees_of(out, IGNORE) != references[target] or stages(out):
            problems.append(f"kill {kill}: the next run did not restore generation {target}: {done.stderr[-500:]}")
    print(f"\n{signal.Signals(number).name}: {figures}")
    return figures, problems


def test_sigkill_at_random_moments_leaves_every_tree_old_or_new(tmp_path: Path) -> None:
    figures, problems = _kill_runs(tmp_path, signal.SIGKILL, KILLS)
    assert not problems, "\n".join(problems)
    assert figures["mixed trees"] == 0


def test_ctrl_c_at_random_moments_leaves_every_tree_old_or_new(tmp_path: Path) -> None:
    figures, problems = _kill_runs(tmp_path, signal.SIGINT, max(4, KILLS // 4))
    assert not problems, "\n".join(problems)
    assert figures["left a staging folder"] == 0, "Ctrl-C is handled in the process: nothing is left behind"
