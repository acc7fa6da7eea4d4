"""The bench's scaling rows: the OpenAI spec one and five times over (bench/synthetic.py), cold and
no-op, with each stage's wall time per operation (sdkgen's SDKGEN_STAGE_TIMES), and the OpenAI spec
with the Java target on beside it, for the Java target's share of time and memory."""

from __future__ import annotations

import json
import statistics
import subprocess
from pathlib import Path
from typing import Any, Callable

import sdkgen_cases

COPIES = 5
TARGET_LINEAR = 5.5  # issue 12: five copies within 5.5x the time of one, cold and no-op
SYNTHETIC = Path(__file__).resolve().parent / "synthetic.py"


def prepare(python: Path, openai_spec: Path, folder: Path) -> dict[int, Path]:
    """The one-copy and five-copy specs, written once per bench run with the same YAML dumper."""
    specs: dict[int, Path] = {}
    for copies in (1, COPIES):
        target = folder / f"x{copies}" / openai_spec.name
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(python), str(SYNTHETIC), str(openai_spec), str(copies), str(target)], check=True, timeout=600)
        specs[copies] = target
    return specs


class StageTimes:
    """Stage seconds of every timed run of a row, by stage."""

    def __init__(self) -> None:
        self.runs: dict[str, list[dict[str, float]]] = {}

    def add(self, key: str, path: Path) -> None:
        try:
            self.runs.setdefault(key, []).append(json.loads(path.read_text()))
        except (OSError, ValueError):
            pass

    def medians(self, key: str) -> dict[str, float]:
        runs = self.runs.get(key, [])
        stages = sorted({stage for run in runs for stage in run})
        return {stage: statistics.median(run.get(stage, 0.0) for run in runs) for stage in stages}


def run_round(bench: Any, n: int, work: Path, specs: dict[int, Path], stages: StageTimes) -> None:
    """Cold and no-op runs of each copy count; the one-copy OpenAI spec with Python and Java."""
    r = bench.report
    skip = bench.cli.skip_validation
    for copies, spec in specs.items():
        cold = r.row(f"scale_cold_x{copies}", f"sdkgen cold · OpenAI ×{copies} (synthetic)")
        noop = r.row(f"scale_noop_x{copies}", f"sdkgen no-op · OpenAI ×{copies} (synthetic)")
        out, cache = work / f"scale-x{copies}-out", work / f"scale-x{copies}-cache"
        cmd = sdkgen_cases.generate_cmd(bench.sdkgen, spec, out, skip_validation=skip)
        for row in (cold, noop):
            times = work / f"{row.key}-stages.json"
            env = sdkgen_cases.cache_env(cache) | {"SDKGEN_STAGE_TIMES": str(times)}
            m = bench._time(row, cmd, env=env, need=spec)
            if m is None or not m.ok:
                break
            stages.add(row.key, times)
    both = r.row("java_share", "sdkgen cold · OpenAI spec, targets python + java")
    out, cache = work / "java-share-out", work / "java-share-cache"
    cmd = sdkgen_cases.generate_cmd(bench.sdkgen, bench.args.openai_spec, out, skip_validation=skip)
    times = work / "java-share-stages.json"
    m = bench._time(both, cmd + ["--target", "python", "--target", "java"],
                    env=sdkgen_cases.cache_env(cache) | {"SDKGEN_STAGE_TIMES": str(times)}, need=bench.args.openai_spec)
    if m is not None and m.ok:
        stages.add(both.key, times)


def markdown(report: Any, stages: StageTimes, operations: Callable[[int], int | None]) -> list[str]:
    lines = ["## Scaling", ""]
    for mode in ("cold", "noop"):
        one, five = report.median(f"scale_{mode}_x1"), report.median(f"scale_{mode}_x{COPIES}")
        ratio = None if not one or five is None else five / one
        lines.append(f"- {mode}: ×{COPIES} takes " + ("—" if ratio is None else f"{ratio:.2f}x") + " the time of ×1")
    lines += ["", "Wall ms per operation of each stage (median of the runs; cold rows):", "",
              "| stage | ×1 | ×5 | python + java, ×1 |", "|---|---:|---:|---:|"]
    columns = [("scale_cold_x1", operations(1)), (f"scale_cold_x{COPIES}", operations(COPIES)), ("java_share", operations(1))]
    medians = [stages.medians(key) for key, _ in columns]
    for stage in sorted({s for m in medians for s in m}):
        cells = []
        for (key, ops), found in zip(columns, medians):
            cells.append("—" if stage not in found or not ops else f"{found[stage] * 1000 / ops:.2f}")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    python_only, both = report.median("sdkgen_cold_openai"), report.median("java_share")
    row_py, row_both = report.rows.get("sdkgen_cold_openai"), report.rows.get("java_share")
    if python_only and both:
        lines += ["", f"Java target's share of the cold OpenAI run: {(both - python_only) / both:.0%} of the wall time "
                  f"({python_only:.2f} s Python alone, {both:.2f} s with Java)"
                  + (f"; peak memory {row_py.summary.peak_mb:.0f} MB → {row_both.summary.peak_mb:.0f} MB"
                     if row_py and row_both and row_py.summary.peak_mb and row_both.summary.peak_mb else "")]
    lines.append("")
    return lines


def linear_targets(report: Any) -> list[tuple[str, str, bool | None]]:
    out = []
    for mode in ("cold", "noop"):
        one, five = report.median(f"scale_{mode}_x1"), report.median(f"scale_{mode}_x{COPIES}")
        ratio = None if not one or five is None else five / one
        out.append((f"{mode}: OpenAI ×{COPIES} within {TARGET_LINEAR}x of ×1",
                    "not measured" if ratio is None else f"{ratio:.2f}x ({five:.2f} s / {one:.2f} s)",
                    None if ratio is None else ratio <= TARGET_LINEAR))
    return out

