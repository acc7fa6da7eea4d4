"""`make bench`: time sdkgen against its peers and the official SDK; print and save a Markdown report.

    .venv/bin/python bench/run.py [--runs N | --quick] [--only sdkgen|peers|runtime ...]

A report, not a test: it exits 0 whether or not the targets are met (non-zero only for bad arguments).
See bench/README.md for what each row means.
"""

from __future__ import annotations

import argparse
import os
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

import import_bench
import machine
import peers
import runtime_bench
import scaling
import sdkgen_cases
from report import Report, Row, Target, _judge
from timing import Measurement, measure

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHARED = REPO.parent / "shared"
PROJECT_BIN = REPO / ".venv" / "bin"
GROUPS = ("sdkgen", "peers", "runtime", "imports")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--runs", type=int, default=5, help="timed runs of every command, round-robin (default 5)")
    p.add_argument("--quick", action="store_true", help="one run of everything (same as --runs 1)")
    p.add_argument("--only", action="append", choices=GROUPS,
                   help="run only this group (repeatable); default: all. `sdkgen` includes the YAML-load row")
    p.add_argument("--timeout", type=float, default=300.0, help="per-command timeout in seconds (default 300)")
    p.add_argument("--calls", type=int, default=2000, help="timed calls per runtime run (default 2000)")
    p.add_argument("--parses", type=int, default=10_000, help="timed parses per runtime run (default 10000)")
    p.add_argument("--openai-spec", type=Path, default=SHARED / "specs" / "openai-openapi.yaml")
    p.add_argument("--chatkit-spec", type=Path, default=REPO / "spec" / "chatkit.yaml")
    p.add_argument("--edit-schema", default="ChatSessionRateLimits",
                   help="component schema whose description the one-edit row changes")
    p.add_argument("--generated", type=Path, default=REPO / "generated",
                   help="output folder holding python/chatkit_client for the runtime part (default generated/)")
    p.add_argument("--results-dir", type=Path, default=BENCH / "results")
    p.add_argument("--no-scaling", action="store_true",
                   help="leave out the scaling rows (the OpenAI spec five times over, and with Java)")
    p.add_argument("--import-resource", default="chat",
                   help="the resource the import rows reach on our OpenAI client (default chat)")
    args = p.parse_args(argv)
    if args.quick:
        args.runs = 1
    if args.runs < 1:
        p.error("--runs must be at least 1")
    return args


def progress(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``folder``: (mtime_ns, content hash), to count what a regeneration wrote."""
    out: dict[str, tuple[int, str]] = {}
    if folder.is_dir():
        for path in folder.rglob("*"):
            if path.is_file():
                out[str(path.relative_to(folder))] = (path.stat().st_mtime_ns,
                                                      hashlib.sha1(path.read_bytes()).hexdigest())
    return out


def written_details(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> dict[str, object]:
    """What a regeneration did to the output folder: files written, files whose content changed."""
    return {
        "files": len(after),
        "written": sorted(k for k, v in after.items() if before.get(k, (None, None))[0] != v[0]),
        "changed": sorted(k for k, v in after.items() if before.get(k, (None, None))[1] != v[1]),
        "removed": sorted(k for k in before if k not in after),
    }


def _span(values: list[int]) -> str:
    return str(values[0]) if min(values) == max(values) else f"{min(values)}-{max(values)}"


def written_note(runs: list[dict[str, object]]) -> str:
    """The note for a row over all its runs so far, e.g. "wrote 2 of 62 files, 2 with new content (a, b)"."""
    def lists(key: str) -> list[list[str]]:
        return [[str(x) for x in v] for r in runs if isinstance(v := r.get(key), list)]

    written, changed, removed = lists("written"), lists("changed"), lists("removed")
    files = [int(str(r.get("files", 0))) for r in runs]
    names = sorted({name for run in changed for name in run})
    shown = (" (" + ", ".join(names[:4]) + (", ..." if len(names) > 4 else "") + ")") if names else ""
    note = (f"wrote {_span([len(w) for w in written])} of {_span(files)} files, "
            f"{_span([len(c) for c in changed])} with new content{shown}")
    if any(removed):
        note += f", removed {_span([len(r) for r in removed])}"
    return note


class Bench:
    def __init__(self, args: argparse.Namespace, report: Report, groups: set[str]) -> None:
        self.args = args
        self.report = report
        self.groups = groups
        self.sdkgen = PROJECT_BIN / "sdkgen"
        self.python = PROJECT_BIN / "python"
        self.cli = sdkgen_cases.CliInfo(False, False, None)
        self.peers_python: Path | None = None
        self.peers_problem: str | None = None
        self.openai_text = ""
        self.editor: sdkgen_cases.SpecEditor | None = None
        self.totals: dict[str, peers.SpecTotals] = {}
        self.scale_specs: dict[int, Path] = {}
        self.scale_stages = scaling.StageTimes()
        self.scale_folder = Path(tempfile.mkdtemp(prefix="sdkgen-bench-scaling-"))

    # -- set-up ---------------------------------------------------------------------------------------

    def setup(self) -> None:
        a, r = self.args, self.report
        if not a.openai_spec.exists():
            r.problems.append(f"OpenAI spec not found at {a.openai_spec}: its rows fail")
        else:
            self.openai_text = a.openai_spec.read_text(encoding="utf-8")
        if not a.chatkit_spec.exists():
            r.problems.append(f"ChatKit spec not found at {a.chatkit_spec} (pass --chatkit-spec): its rows fail")
        if self.groups & {"peers", "runtime", "imports"}:
            try:
                self.peers_python = peers.ensure_peers_venv()
            except peers.PeersUnavailable as exc:
                self.peers_problem = str(exc)
                r.problems.append(f"peers' venv unavailable: {exc}")
        if self.groups & {"sdkgen", "imports"}:
            self.cli = sdkgen_cases.probe_cli(self.sdkgen)
            if self.cli.problem:
                r.problems.append(f"sdkgen CLI not usable yet: {self.cli.problem}")
            elif not self.cli.skip_validation:
                r.problems.append("`sdkgen generate` has no --skip-validation flag: the OpenAI spec rows run "
                                  "without it (the spec fails strict validation, so they may fail)")
            if self.openai_text:
                try:
                    self.editor = sdkgen_cases.SpecEditor.load(self.openai_text, a.edit_schema)
                    self.editor.verify(self.editor.text_with(self._edit_text(0)), self._edit_text(0))
                    if self.editor.schema != a.edit_schema:
                        r.problems.append(f"schema {a.edit_schema} has no description of its own; "
                                          f"the one-edit row edits {self.editor.schema}")
                except sdkgen_cases.EditError as exc:
                    r.problems.append(f"cannot make the one-edit spec: {exc}")
        if "sdkgen" in self.groups and self.openai_text and not a.no_scaling:
            progress("writing the OpenAI spec once and five times over (bench/synthetic.py) ...")
            self.scale_specs = scaling.prepare(self.python, a.openai_spec, self.scale_folder)
        if "peers" in self.groups:
            for name, spec in (("openai", a.openai_spec), ("chatkit", a.chatkit_spec)):
                if spec.exists():
                    self.totals[name] = peers.SpecTotals(*sdkgen_cases.count_totals(spec))

    @staticmethod
    def _edit_text(n: int) -> str:
        return f"Benchmark edit number {n}: a new description for this schema."

    # -- one timed command ----------------------------------------------------------------------------

    def _time(self, row: Row, cmd: list[str], *, env: dict[str, str] | None = None,
              cwd: Path | None = None, need: Path | None = None) -> Measurement | None:
        row.runs_attempted += 1
        if need is not None and not need.exists():
            row.summary.failures.append(f"{need} not found")
            return None
        m = measure(cmd, env=env, cwd=cwd or REPO, timeout_s=self.args.timeout)
        row.summary.add(m)
        progress(f"  {row.label}: " + (f"{m.wall_s:.2f} s, {m.peak_rss_kb / 1024:.0f} MB" if m.ok
                                       else f"FAILED ({m.failure_line()})"))
        return m

    def _skip(self, row: Row, why: str) -> None:
        row.runs_attempted += 1
        row.summary.failures.append(why)

    # -- one round: every command once ----------------------------------------------------------------

    def sdkgen_round(self, n: int, work: Path) -> None:
        a, r = self.args, self.report
        flag = " (--skip-validation)" if self.cli.skip_validation else ""
        cold = r.row("sdkgen_cold_openai", f"sdkgen cold · OpenAI spec{flag}")
        noop = r.row("sdkgen_noop", f"sdkgen no-op · OpenAI spec{flag}")
        edit = r.row("sdkgen_edit", f"sdkgen one edit · OpenAI spec{flag}")
        chatkit = r.row("sdkgen_cold_chatkit", "sdkgen cold · ChatKit spec")
        if not self.cli.runnable:
            for row in (cold, noop, edit, chatkit):
                self._skip(row, f"sdkgen CLI not usable: {self.cli.problem}")
            return
        # A copy of the spec under the same name, so that the one-edit run differs from the no-op by the
        # edited description only.
        spec = work / "spec" / a.openai_spec.name
        out, cache = work / "openai-out", work / "openai-cache"
        spec.parent.mkdir(parents=True)
        if self.openai_text:
            spec.write_text(self.openai_text, encoding="utf-8")
        env = sdkgen_cases.cache_env(cache)
        cmd = sdkgen_cases.generate_cmd(self.sdkgen, spec, out, skip_validation=self.cli.skip_validation)
        m = self._time(cold, cmd, env=env, need=spec)
        if m is not None and m.ok:
            if r.black is None:  # once, after the first cold run that worked
                progress("  black --check over the cold output's python/ ...")
                r.black = sdkgen_cases.black_check(PROJECT_BIN / "black", out / "python", a.timeout)
                progress("  statements the emitter leaves to black ...")
                r.fallbacks = sdkgen_cases.black_fallbacks(PROJECT_BIN / "python", spec, a.timeout)
            before = snapshot(out)
            m = self._time(noop, cmd, env=env)
            after = snapshot(out)
            if m is not None and m.ok:
                noop.run_details.append(written_details(before, after))
                noop.notes[:] = [written_note(noop.run_details)]
            if self.editor is None:
                self._skip(edit, "no editable schema description (see Problems)")
            else:
                text = self._edit_text(n + 1)
                spec.write_text(self.editor.text_with(text), encoding="utf-8")
                m = self._time(edit, cmd, env=env)
                if m is not None and m.ok:
                    edit.run_details.append(written_details(after, snapshot(out)))
                    edit.notes[:] = [f"`{self.editor.schema}` description; {written_note(edit.run_details)}"]
        else:
            self._skip(noop, "skipped: the cold run failed")
            self._skip(edit, "skipped: the cold run failed")
        ck_out, ck_cache = work / "chatkit-out", work / "chatkit-cache"
        self._time(chatkit, sdkgen_cases.generate_cmd(self.sdkgen, a.chatkit_spec, ck_out, skip_validation=False),
                   env=sdkgen_cases.cache_env(ck_cache), need=a.chatkit_spec)

    def peers_round(self, work: Path) -> None:
        a, r = self.args, self.report
        for peer in peers.PEERS:
            for name, spec, title in (("openai", a.openai_spec, "OpenAI spec"), ("chatkit", a.chatkit_spec, "ChatKit spec")):
                row = r.row(f"{peer.key}_{name}", f"{peer.label} · {title}")
                if self.peers_python is None:
                    self._skip(row, f"peers' venv unavailable: {self.peers_problem}")
                    continue
                out = work / f"{peer.key}-{name}"
                out.mkdir()
                m = self._time(row, peer.command(spec, out), env=peers.peer_env(), cwd=out, need=spec)
                if m is not None and m.ok:
                    note, details = peer.notes(m.stdout, m.stderr, out, self.totals.get(name, peers.SpecTotals()))
                    row.notes[:] = [note]
                    row.details = details

    def yaml_round(self) -> None:
        row = self.report.row("yaml_load", "reference: yaml.load(OpenAI spec, CSafeLoader), fresh process")
        code = "import sys, yaml\nwith open(sys.argv[1], 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)"
        self._time(row, [str(self.python), "-c", code, str(self.args.openai_spec)], need=self.args.openai_spec)

    def run(self) -> None:
        a = self.args
        for n in range(a.runs):
            progress(f"round {n + 1} of {a.runs}")
            work = Path(tempfile.mkdtemp(prefix=f"sdkgen-bench-{n + 1}-"))
            try:
                if "sdkgen" in self.groups:
                    self.sdkgen_round(n, work)
                    if self.scale_specs and self.cli.runnable:
                        scaling.run_round(self, n, work, self.scale_specs, self.scale_stages)
                if "peers" in self.groups:
                    self.peers_round(work)
                if "sdkgen" in self.groups:
                    self.yaml_round()
            finally:
                shutil.rmtree(work, ignore_errors=True)
        if "runtime" in self.groups:
            progress(f"runtime: {a.runs} run(s) of {a.calls} calls and {a.parses} parses per client ...")
            self.report.parses = a.parses
            self.report.runtime = runtime_bench.run(
                generated=a.generated / "python", shared=SHARED, project_python=self.python, peers_python=self.peers_python,
                peers_problem=self.peers_problem, runs=a.runs, calls=a.calls, parses=a.parses,
                timeout_s=a.timeout)
        if "imports" in self.groups:
            progress(f"imports: {a.runs} run(s) of each SDK's import ...")
            self.report.imports = import_bench.run(
                sdkgen=self.sdkgen, repo=REPO, spec=a.openai_spec, skip_validation=self.cli.skip_validation,
                resource=a.import_resource, project_python=self.python, peers_python=self.peers_python,
                peers_problem=self.peers_problem, runs=a.runs, timeout_s=a.timeout)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    # Every command runs as an installed tool does, from compiled bytecode: pip compiled the peers'
    # modules when it installed them; the editable sdkgen's (and its compiled templates, see
    # generator/template_cache.py) are written by its first run, as after any install. A
    # PYTHONDONTWRITEBYTECODE in the environment would make sdkgen alone compile its modules and
    # templates on every timed run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    groups = set(args.only or GROUPS)
    config: dict[str, object] = {
        "runs": args.runs, "timeout_s": args.timeout, "groups": sorted(groups), "calls": args.calls,
        "parses": args.parses, "openai_spec": str(args.openai_spec), "chatkit_spec": str(args.chatkit_spec),
        "peers": [p.label for p in peers.PEERS] + ["openai 3.57.0"],
    }
    report = Report({}, config)
    bench = Bench(args, report, groups)
    bench.setup()  # creates the peers' venv if needed, so the facts come after it
    report.facts = machine.facts(REPO, PROJECT_BIN / "python",
                                 peers.peers_python() if peers.peers_python().exists() else None)
    try:
        bench.run()
        operations = {copies: sdkgen_cases.count_totals(spec)[0] for copies, spec in bench.scale_specs.items()}
    finally:
        shutil.rmtree(bench.scale_folder, ignore_errors=True)
    if bench.scale_specs:
        report.sections.append(scaling.markdown(report, bench.scale_stages, operations.get))
        report.extra_targets += [Target(name, measured, _judge(ok)) for name, measured, ok in scaling.linear_targets(report)]
    report.facts["load_average_1min_at_end"] = machine.load_average()
    text = report.markdown()
    print(text)
    md, js = report.write(args.results_dir)
    progress(f"wrote {md.relative_to(REPO) if md.is_relative_to(REPO) else md} and {js.name} "
             "(also latest.md, latest.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
