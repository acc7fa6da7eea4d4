"""How sdkgen is run by the bench: CLI probing, cold caches, the one-edit spec copy, the black check."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class CliInfo:
    runnable: bool  # `sdkgen generate --help` worked
    skip_validation: bool  # the CLI has --skip-validation
    problem: str | None  # why not runnable, as one line


def probe_cli(sdkgen: Path) -> CliInfo:
    """Ask `sdkgen generate --help` what the CLI can do, without assuming the generator works yet."""
    if not sdkgen.exists():
        return CliInfo(False, False, f"{sdkgen} not found (run `make setup`)")
    try:
        out = subprocess.run([str(sdkgen), "generate", "--help"], capture_output=True, text=True,
                             timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return CliInfo(False, False, f"`sdkgen generate --help` failed: {exc}")
    text = out.stdout + out.stderr
    if out.returncode != 0:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return CliInfo(False, False, f"`sdkgen generate --help` exit {out.returncode}: "
                                     f"{lines[-1] if lines else '(no output)'}")
    return CliInfo(True, "--skip-validation" in text, None)


def generate_cmd(sdkgen: Path, spec: Path, out: Path, *, skip_validation: bool) -> list[str]:
    cmd = [str(sdkgen), "generate", "--spec", str(spec), "--out", str(out)]
    if skip_validation:
        cmd.append("--skip-validation")
    return cmd


def cache_env(cache_root: Path) -> dict[str, str]:
    """sdkgen's environment with every cache it may use pointed at ``cache_root`` (fresh = cold)."""
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(cache_root)
    env["BLACK_CACHE_DIR"] = str(cache_root / "black")
    return env


def count_totals(spec: Path) -> tuple[int | None, int | None]:
    """(operations, component schemas) in a spec, for "N of M dropped"; Nones if it does not load."""
    try:
        with open(spec, "rb") as f:
            doc = yaml.load(f, Loader=yaml.CSafeLoader)
        paths = doc.get("paths") or {}
        ops = sum(1 for item in paths.values() if isinstance(item, dict) for m in item if m in HTTP_METHODS)
        schemas = len((doc.get("components") or {}).get("schemas") or {})
        return ops, schemas
    except (OSError, yaml.YAMLError, AttributeError):
        return None, None


# --- the one-edit case -------------------------------------------------------------------------------

_SCHEMA_LINE = re.compile(r"^    ([^\s#][^:]*):\s*$")
_DESCRIPTION_LINE = re.compile(r"^      description:")


def _schema_spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Line ranges [start, end) of each `components.schemas.<name>` in a block-style YAML document."""
    spans: dict[str, tuple[int, int]] = {}
    try:
        first = next(i for i, line in enumerate(lines) if line.rstrip() == "components:")
        first = next(i for i in range(first + 1, len(lines)) if lines[i].rstrip() == "  schemas:")
    except StopIteration:
        return spans
    current: str | None = None
    current_start = 0
    end = len(lines)
    for i in range(first + 1, len(lines)):
        line = lines[i]
        stripped = line.lstrip(" ")
        if stripped.strip() == "" or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if indent > 4:
            continue
        if current is not None:
            spans[current] = (current_start, i)
            current = None
        if indent < 4:  # the end of `schemas:`
            end = i
            break
        m = _SCHEMA_LINE.match(line)
        if m is not None:
            current, current_start = m.group(1).strip().strip("'\""), i
    if current is not None:
        spans[current] = (current_start, end)
    return spans


def _description_span(lines: list[str], span: tuple[int, int]) -> tuple[int, int] | None:
    """The lines of the schema's own `description:` (the key and any continuation lines)."""
    for i in range(span[0] + 1, span[1]):
        if _DESCRIPTION_LINE.match(lines[i]):
            end = i + 1
            while end < span[1] and (lines[end].strip() == "" or lines[end].startswith("       ")):
                end += 1
            return i, end
    return None


class EditError(Exception):
    pass


@dataclass(frozen=True)
class SpecEditor:
    """Rewrites one component schema's description in the spec text, leaving every other byte alone."""

    lines: list[str]
    schema: str
    span: tuple[int, int]

    @classmethod
    def load(cls, spec_text: str, preferred: str) -> SpecEditor:
        lines = spec_text.splitlines(keepends=True)
        spans = _schema_spans(lines)
        if not spans:
            raise EditError("no `components: schemas:` block found (block-style YAML expected)")
        order = [preferred] + [name for name in spans if name != preferred]
        for name in order:
            if name in spans:
                desc = _description_span(lines, spans[name])
                if desc is not None:
                    return cls(lines, name, desc)
        raise EditError("no component schema has its own description")

    def text_with(self, description: str) -> str:
        start, end = self.span
        # A JSON string is a valid YAML double-quoted scalar.
        new = f"      description: {json.dumps(description)}\n"
        return "".join(self.lines[:start]) + new + "".join(self.lines[end:])

    def verify(self, text: str, description: str) -> None:
        """Check once (untimed) that the edited text still loads and carries the new description."""
        doc = yaml.load(text, Loader=yaml.CSafeLoader)
        got = doc["components"]["schemas"][self.schema].get("description")
        if got != description:
            raise EditError(f"edit of {self.schema} did not take: description is {got!r}")


# --- black --check over the output ---------------------------------------------------------------------

def black_check(black: Path, python_dir: Path, timeout_s: float) -> dict[str, object]:
    """Run `black --check` over the emitted python/ folder and count files black would change.

    Not `-q`: quiet mode hides the per-file "would reformat" lines the count comes from.
    """
    if not python_dir.is_dir():
        return {"ok": False, "summary": f"no {python_dir.name}/ folder in the output"}
    files = sum(1 for _ in python_dir.rglob("*.py"))
    try:
        out = subprocess.run([str(black), "--check", str(python_dir)], capture_output=True, text=True,
                             timeout=timeout_s, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"ok": False, "files": files, "summary": f"black failed to run: {exc}"}
    text = out.stdout + out.stderr
    would = [line.split(" ", 2)[2] for line in text.splitlines() if line.startswith("would reformat ")]
    errors = [line for line in text.splitlines() if line.startswith("error: ")]
    ok = out.returncode == 0 and not would and not errors
    summary = (f"{files} .py files: {len(would)} would be reformatted, {len(errors)} could not be parsed"
               if out.returncode in (0, 1, 123) else f"black exit {out.returncode}")
    return {
        "ok": ok,
        "files": files,
        "would_reformat": len(would),
        "errors": len(errors),
        "examples": [str(Path(p).relative_to(python_dir)) if p.startswith(str(python_dir)) else p
                     for p in would[:5]] + errors[:3],
        "summary": summary,
    }


# --- statements left to black ----------------------------------------------------------------------------

def black_fallbacks(python: Path, spec: Path, timeout_s: float) -> dict[str, object]:
    """How many statements of the spec's output the format stage gives black (bench/black_fallbacks.py)."""
    script = Path(__file__).resolve().parent / "black_fallbacks.py"
    try:
        out = subprocess.run([str(python), str(script), str(spec)], capture_output=True, text=True,
                             timeout=timeout_s, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"summary": f"could not count: {exc}"}
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        tail = (out.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"summary": f"could not count: exit {out.returncode}: {tail}"}
    found: dict[str, object] = json.loads(lines[-1])
    found["summary"] = (f"{found['statements']} statements in {found['files']} of {found['modules']} modules"
                        + (f" (e.g. {', '.join(str(e) for e in found['examples'])})"  # type: ignore[union-attr]
                           if found.get("examples") else ""))
    return found
