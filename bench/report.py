"""The report: rows and targets as Markdown (stdout and bench/results/*.md) and JSON."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runtime_bench import ImplResult
from timing import Summary

if TYPE_CHECKING:
    from import_bench import ImportResult

MB = 1024.0
TARGET_PEAK_MB = 250.0  # issue 12


@dataclass
class Row:
    """One line of the generation table."""

    key: str
    label: str
    summary: Summary = field(default_factory=Summary)
    notes: list[str] = field(default_factory=list)
    runs_attempted: int = 0
    details: dict[str, object] = field(default_factory=dict)  # JSON only
    run_details: list[dict[str, object]] = field(default_factory=list)  # JSON only, one per run

    def set_note(self, note: str) -> None:
        if note and note not in self.notes:
            self.notes.append(note)

    def ok(self) -> bool:
        return self.summary.median is not None


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}" if value < 10 else f"{value:.2f}"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _ratio(num: float | None, den: float | None) -> float | None:
    if num is None or den is None or den <= 0:
        return None
    return num / den


def _x(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}x"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@dataclass
class Target:
    name: str
    measured: str
    status: str  # PASS, MISS, n/a

    def as_dict(self) -> dict[str, str]:
        return {"target": self.name, "measured": self.measured, "status": self.status}


def _judge(ok: bool | None) -> str:
    return "n/a" if ok is None else "PASS" if ok else "MISS"


class Report:
    def __init__(self, facts: dict[str, object], config: dict[str, object]) -> None:
        self.facts = facts
        self.config = config
        self.rows: dict[str, Row] = {}
        self.black: dict[str, object] | None = None
        self.fallbacks: dict[str, object] | None = None  # statements the emitter left to black
        self.runtime: dict[str, ImplResult] | None = None
        self.imports: ImportResult | None = None  # import time, ours against the official SDK
        self.parses = 0
        self.problems: list[str] = []
        self.sections: list[list[str]] = []  # further Markdown sections (bench/scaling.py), after Generation
        self.extra_targets: list[Target] = []

    def row(self, key: str, label: str) -> Row:
        if key not in self.rows:
            self.rows[key] = Row(key, label)
        return self.rows[key]

    def median(self, key: str) -> float | None:
        row = self.rows.get(key)
        return row.summary.median if row else None

    # -- derived figures ------------------------------------------------------------------------------

    def ratio_text(self, key: str) -> str:
        """The ratio column: a peer over sdkgen cold on the same spec; no-op over the CSafeLoader load."""
        pairs = {
            "opc_openai": "sdkgen_cold_openai", "dmc_openai": "sdkgen_cold_openai",
            "opc_chatkit": "sdkgen_cold_chatkit", "dmc_chatkit": "sdkgen_cold_chatkit",
        }
        if key in pairs:
            value = _ratio(self.median(key), self.median(pairs[key]))
            return "—" if value is None else f"{value:.2f}x sdkgen"
        if key == "sdkgen_noop":
            value = _ratio(self.median(key), self.median("yaml_load"))
            return "—" if value is None else f"{value:.2f}x load"
        return ""

    def targets(self) -> list[Target]:
        out: list[Target] = []
        # Issue 12's targets: peers' medians over sdkgen's cold one on the same spec.
        for key, ours, spec, name, need in (
                ("opc_openai", "sdkgen_cold_openai", "OpenAI", "openapi-python-client", 3.0),
                ("dmc_openai", "sdkgen_cold_openai", "OpenAI", "datamodel-code-generator", 5.0),
                ("opc_chatkit", "sdkgen_cold_chatkit", "ChatKit", "openapi-python-client", 2.0)):
            peer, mine = self.median(key), self.median(ours)
            r = _ratio(peer, mine)
            measured = ("not measured" if r is None or peer is None or mine is None
                        else f"{r:.2f}x ({name} {peer:.2f} s / sdkgen {mine:.2f} s)")
            out.append(Target(f"{spec} spec, cold: >= {need}x faster than {name}", measured,
                              _judge(None if r is None else r >= need)))
        load = self.median("yaml_load")
        for key, label, limit in (("sdkgen_noop", "no-op", 1.5), ("sdkgen_edit", "one edit", 2.0)):
            took = self.median(key)
            r = _ratio(took, load)
            out.append(Target(f"{label} within {limit}x of the CSafeLoader load",
                              "not measured" if r is None or took is None or load is None
                              else f"{r:.2f}x ({label} {took:.2f} s / load {load:.2f} s)",
                              _judge(None if r is None else r <= limit)))
        peaks = [row.summary.peak_mb for key, row in self.rows.items()
                 if key.startswith("sdkgen_") and row.summary.peak_mb is not None]
        peak = max(peaks) if peaks else None
        out.append(Target(f"sdkgen peak memory < {TARGET_PEAK_MB:.0f} MB (largest of the sdkgen rows)",
                          "not measured" if peak is None else f"{peak:.0f} MB",
                          _judge(None if peak is None else peak < TARGET_PEAK_MB)))
        if self.black is not None:
            ok = self.black.get("ok")
            out.append(Target("every emitted .py file is black's layout (OpenAI output, python/)",
                              str(self.black.get("summary")), _judge(None if "files" not in self.black else bool(ok))))
        else:
            out.append(Target("every emitted .py file is black's layout (OpenAI output, python/)",
                              "not measured", "n/a"))
        left = None if self.fallbacks is None else self.fallbacks.get("statements")
        out.append(Target("statements the emitter leaves to black (OpenAI output): 0",
                          "not measured" if self.fallbacks is None else str(self.fallbacks.get("summary")),
                          _judge(left == 0 if isinstance(left, int) else None)))
        ours = self.runtime.get("ours") if self.runtime else None
        official = self.runtime.get("official") if self.runtime else None
        a = ours.call_us if ours else None
        b = official.call_us if official else None
        out.append(Target("per-call overhead <= the official SDK's",
                          "not measured" if a is None or b is None else f"{a:.0f} µs vs {b:.0f} µs",
                          _judge(None if a is None or b is None else a <= b)))
        out.append(self._import_target())
        return out + self.extra_targets

    def _import_target(self) -> Target:
        name = "import + Client(...) + one resource of the OpenAI SDK <= the official SDK's"
        if self.imports is None:
            return Target(name, "not measured", "n/a")
        a, b = self.imports.ours.summary.median, self.imports.official.summary.median
        return Target(name, "not measured" if a is None or b is None else f"{a:.3f} s vs {b:.3f} s ({a / b:.2f}x)",
                      _judge(None if a is None or b is None else a <= b))

    def _imports_markdown(self) -> list[str]:
        assert self.imports is not None
        lines = [
            "## Import",
            "",
            "A fresh interpreter (start-up included) importing the SDK, making a client and reaching one "
            "resource; ours from the OpenAI spec, generated by this checkout (project venv), the official "
            "package in the peers' venv; round-robin, after one untimed run each.",
            "",
            "| row | median s | min s | max s | CPU s | vs official | notes |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        official = self.imports.official.summary.median
        for row in (self.imports.ours, self.imports.official):
            s = row.summary
            notes = list(row.notes) + ([f"**FAILED {len(s.failures)} of {row.runs_attempted} runs**: {s.failures[0]}"]
                                       if s.failures else [])
            cells = [_s(s.median), _s(s.min), _s(s.max), _s(s.cpu_median)] if row.ok() else ["FAIL", "—", "—", "—"]
            lines.append(f"| {_cell(row.label)} | " + " | ".join(cells)
                         + f" | {_x(_ratio(s.median, official))} | {_cell('; '.join(notes))} |")
        lines.append("")
        return lines

    # -- rendering ------------------------------------------------------------------------------------

    def markdown(self) -> str:
        f = self.facts
        lines = [
            "# sdkgen benchmark",
            "",
            f"{f.get('date')} · {f.get('cpu')} · {f.get('cores')} cores · {f.get('ram_gb')} GB RAM · "
            f"{f.get('os')} · Python {f.get('python_project_venv')} (project venv), "
            f"{f.get('python_peers_venv')} (peers' venv) · commit {f.get('commit')}"
            + (" + uncommitted generator/templates/spec changes" if f.get("generator_dirty") else ""),
            "",
            f"Runs per row: {self.config.get('runs')} (round-robin), per-command timeout "
            f"{self.config.get('timeout_s')} s. Times are wall seconds of the whole command (interpreter "
            "start-up included); peak RSS is of the command's whole process tree.",
            "",
        ]
        load = [f.get("load_average_1min_at_start"), f.get("load_average_1min_at_end")]
        cores = f.get("cores")
        if isinstance(cores, int) and any(isinstance(x, float) and x > cores / 2 for x in load):
            lines += [f"**Busy machine:** 1-minute load average {load[0]} at the start, {load[1]} at the end, "
                      f"on {cores} cores: other work competed for the CPU, so wall times are noisy (compare "
                      "CPU s, or rerun on an idle machine).", ""]
        if self.problems:
            lines += ["**Problems:**", ""] + [f"- {_cell(p)}" for p in self.problems] + [""]
        if self.rows:
            lines += [
                "## Generation",
                "",
                "| row | median s | min s | max s | CPU s | peak RSS MB | ratio | notes |",
                "|---|---:|---:|---:|---:|---:|---:|---|",
            ]
            for key, row in self.rows.items():
                s = row.summary
                notes = list(row.notes)
                if s.failures:
                    counts = Counter(s.failures)
                    fails = "; ".join(f"{line}" + (f" (x{n})" if n > 1 else "") for line, n in counts.items())
                    notes.insert(0, f"**FAILED {len(s.failures)} of {row.runs_attempted} runs**: {fails}")
                if row.ok():
                    cells = [_s(s.median), _s(s.min), _s(s.max), _s(s.cpu_median), _mb(s.peak_mb)]
                else:
                    cells = ["FAIL", "—", "—", "—", "—"]
                lines.append(f"| {_cell(row.label)} | " + " | ".join(cells)
                             + f" | {self.ratio_text(key)} | {_cell('; '.join(notes))} |")
            lines += [
                "",
                "Ratio: a peer's median over sdkgen cold's on the same spec (above 1: sdkgen is faster); the "
                "no-op's median over the CSafeLoader load's. CPU s: median user + system seconds of the "
                "command and its children (steadier than wall time on a busy machine; above the wall time when "
                "work runs in parallel).",
                "",
            ]
        for section in self.sections:
            lines += section
        if self.black is not None:
            examples = self.black.get("examples") or []
            lines += ["## Black check", "", f"`black --check` over the OpenAI output's python/: "
                      f"{self.black.get('summary')}"
                      + (f" (e.g. {', '.join(str(e) for e in examples)})" if isinstance(examples, list)
                         and examples else ""), ""]
        if self.fallbacks is not None:
            lines += ["Statements of the OpenAI output the format stage still gives black (the layout module "
                      f"declined them): {self.fallbacks.get('summary')}", ""]
        if self.runtime is not None:
            lines += self._runtime_markdown()
        if self.imports is not None:
            lines += self._imports_markdown()
        lines += ["## Targets", "", "| target | measured | result |", "|---|---|---|"]
        for t in self.targets():
            lines.append(f"| {_cell(t.name)} | {_cell(t.measured)} | **{t.status}** |")
        lines.append("")
        return "\n".join(lines)

    def _runtime_markdown(self) -> list[str]:
        assert self.runtime is not None
        ours, official, floor = self.runtime["ours"], self.runtime["official"], self.runtime["httpx"]
        calls = self.config.get("calls")
        lines = [
            "## Runtime",
            "",
            f"`client.beta.chatkit.sessions.create(user=\"u\", workflow={{\"id\": \"wf\"}})` against a local "
            f"keep-alive HTTP/1.1 server (own process) answering the seed's ChatSession at once: mean µs per "
            f"call over {calls} calls after warm-up (median of the runs' means).",
            "",
            "| client | µs per call | above bare httpx | vs official |",
            "|---|---:|---:|---:|",
        ]
        for r in (ours, official, floor):
            if r.call_us is None:
                lines.append(f"| {_cell(r.label)} | {_cell(r.failure or 'not measured')} | | |")
                continue
            above = r.call_us - floor.call_us if floor.call_us is not None and r is not floor else None
            vs = _ratio(r.call_us, official.call_us)
            version = f" {r.version}" if r.version and r.version not in r.label else ""
            lines.append(f"| {_cell(r.label + version)} | {r.call_us:.0f} | "
                         f"{'—' if above is None else f'{above:+.0f}'} | {_x(vs)} |")
        lines += [
            "",
            f"Parsing the ChatSession payload, µs per parse over {self.parses:,} parses after warm-up:",
            "",
            "| parser | µs per parse | total s | vs official construct_type |",
            "|---|---:|---:|---:|",
        ]
        base = official.parse_median_us("construct_type")
        for r, name, label in (
            (ours, "parse_response", "ours: `_models.parse_response(ChatSession, data)`"),
            (ours, "model_validate", "ours: `ChatSession.model_validate(data)`"),
            (official, "construct_type", "official: `openai._models.construct_type(type_=ChatSession, value=data)`"),
            (official, "model_validate", "official: `ChatSession.model_validate(data)`"),
        ):
            us = r.parse_median_us(name)
            if us is None:
                lines.append(f"| {_cell(label)} | {_cell(r.failure or 'not measured')} | | |")
            else:
                lines.append(f"| {_cell(label)} | {us:.1f} | {us * self.parses / 1e6:.3f} | "
                             f"{_x(_ratio(us, base))} |")
        lines.append("")
        return lines

    def as_json(self) -> dict[str, Any]:
        rows = []
        for key, row in self.rows.items():
            s = row.summary
            rows.append({
                "key": key, "label": row.label, "runs_attempted": row.runs_attempted,
                "median_s": s.median, "min_s": s.min, "max_s": s.max, "cpu_median_s": s.cpu_median,
                "cpu_s": s.cpus, "peak_rss_mb": s.peak_mb,
                "walls_s": s.walls, "peaks_rss_kb": s.peaks_kb,
                "largest_process_maxrss_kb": s.max_rss_kb, "sampled_tree_rss_kb": s.tree_rss_kb, "failures": s.failures,
                "ratio": self.ratio_text(key), "notes": row.notes, "details": row.details,
                "run_details": row.run_details,
            })
        runtime = None
        if self.runtime is not None:
            runtime = {k: {"label": r.label, "version": r.version, "failure": r.failure,
                           "call_us_median_of_means": r.call_us, "call_means_us": r.call_means_us,
                           "parse_us": r.parse_us} for k, r in self.runtime.items()}
        imports = None
        if self.imports is not None:
            imports = {"package": self.imports.package, "resource": self.imports.resource, "modules": self.imports.modules,
                       **{key: {"label": row.label, "walls_s": row.summary.walls, "cpu_s": row.summary.cpus,
                                "median_s": row.summary.median, "failures": row.summary.failures}
                          for key, row in (("ours", self.imports.ours), ("official", self.imports.official))}}
        return {"machine": self.facts, "config": self.config, "problems": self.problems, "rows": rows, "imports": imports,
                "black_check": self.black, "black_fallbacks": self.fallbacks, "runtime": runtime,
                "targets": [t.as_dict() for t in self.targets()]}

    def write(self, results_dir: Path) -> tuple[Path, Path]:
        results_dir.mkdir(parents=True, exist_ok=True)
        stamp = str(self.facts.get("date", "now")).replace(":", "").replace("+0000", "Z")
        md, js = results_dir / f"bench-{stamp}.md", results_dir / f"bench-{stamp}.json"
        text, data = self.markdown(), json.dumps(self.as_json(), indent=2) + "\n"
        for path, content in ((md, text), (js, data), (results_dir / "latest.md", text),
                              (results_dir / "latest.json", data)):
            path.write_text(content)
        return md, js
