"""The golden cases: each spec and the folder that holds exactly what sdkgen makes of it.

`make generate` regenerates every one (`python -m tests.golden_cases`); `make check` runs the same with
`--check`; `tests/test_golden.py` compares every one byte for byte. Specs under tests/fixtures/lenient/
bend the standard and are generated with --skip-validation.

`generated/` holds the whole ChatKit package (users vendor it). The trees under tests/golden/ hold
everything but the runtime modules, which are the same in every package: test_golden.py compares
those once with their source, and `full_python` puts them back for the tests that import a golden
package.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Optional, Tuple

if TYPE_CHECKING:  # the generator is imported when a case is generated
    from generator.output.writer import Changes
    from generator.spec.document import Spec

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Case:
    spec: Path
    out: Path
    skip_validation: bool = False
    with_runtime: bool = False  # the runtime modules are stored too (generated/ only)
    config: Optional[Path] = None  # the case's sdkgen.yaml, read as the command line reads it

    @property
    def name(self) -> str:
        return self.out.relative_to(ROOT).as_posix()


def cases() -> list[Case]:
    spec = ROOT / "spec"
    found = [Case(spec / "chatkit.yaml", ROOT / "generated", with_runtime=True, config=spec / "sdkgen.yaml")]
    for spec in sorted((ROOT / "tests" / "fixtures" / "specs").glob("*.yaml")):
        found.append(Case(spec, ROOT / "tests" / "golden" / spec.stem))
    for spec in sorted((ROOT / "tests" / "fixtures" / "lenient").glob("*.yaml")):
        found.append(Case(spec, ROOT / "tests" / "golden" / spec.stem, skip_validation=True))
    return found


def open_case(case: Case, shown: Optional[str] = None) -> "Spec":
    """The case's spec as a run reads it: loaded, bundled and with its sdkgen.yaml applied."""
    from generator.project.apply import apply_config
    from generator.project.config_file import read_config
    from generator.spec.refs import open_spec

    spec = open_spec(case.spec, shown or case.spec.name)
    if case.config is not None:
        apply_config(spec, read_config(case.config, case.config.relative_to(ROOT).as_posix()))
    return spec


def chatkit_case() -> Case:
    return cases()[0]


def _runtime() -> Dict[str, str]:
    from generator.targets.python.render import runtime_files

    return runtime_files()


def _java_runtime() -> Dict[str, str]:
    """The Java runtime's files by their path below the base package, as its source has them."""
    from generator.targets.java.render import runtime_files

    return {path.split("/", 6)[6]: text for path, text in runtime_files(("sdkgen", "runtime")).items()}


_JAVA_SOURCES = "java/src/main/java/"


def is_runtime(path: str, text: str) -> bool:
    """Whether an output file is one of the runtime modules (`python/<package>/_x.py`, as emitted), or
    one of the Java runtime's files (`java/src/main/java/<base>/core/...`, relocated to the base package)."""
    parts = path.split("/")
    if path.startswith(_JAVA_SOURCES) and path.endswith(".java"):
        return _is_java_runtime(path[len(_JAVA_SOURCES):], text)
    runtime = _runtime()
    return len(parts) == 3 and parts[0] == "python" and runtime.get(parts[2]) == text


def _is_java_runtime(relative: str, text: str) -> bool:
    for below, source in _java_runtime().items():
        if relative.endswith("/" + below):
            base = relative[: -len(below) - 1].replace("/", ".")
            if source.replace("sdkgen.runtime", base) == text:
                return True
    return False


def stored_files(case: Case, files: Dict[str, str]) -> Dict[str, str]:
    """What the case's tree holds of sdkgen's output: all of it, or all but the runtime modules."""
    if case.with_runtime:
        return files
    return {path: text for path, text in files.items() if not is_runtime(path, text)}


def generate(case: Case, out: Path, check: bool = False) -> Tuple[Dict[str, str], "Changes"]:
    """sdkgen's output for the case, as the case stores it, written to `out` (or planned: `check`).
    The working folder must be ROOT (the headers name the spec by its path from there)."""
    from generator.errors import Diagnostics
    from generator.output import writer
    from generator.pipeline import Options, build_files

    from generator.project.invocation import Given, resolve

    # As `sdkgen generate --config ...` would run it (the ChatKit case), or `--spec ...`; the headers
    # name the command a reader of this repository runs.
    config = case.config.relative_to(ROOT) if case.config is not None else None
    spec = None if config is not None else case.spec.relative_to(ROOT)
    run = resolve(Given(spec, out, config, (), case.skip_validation, ()), ROOT)
    options = Options(
        run.spec, out, check=check, skip_validation=run.skip_validation, config=run.config,
        regenerate="make generate", overlays=run.overlays,
    )
    files = stored_files(case, build_files(options, Diagnostics()))
    changes = writer.plan(out, files) if check else writer.write(out, files)
    return files, changes


_assembled: Dict[Path, Path] = {}
_scratch: Optional[Path] = None


def full_python(tree: Path) -> Path:
    """The folder to import a tree's packages from (its `python/`, with the runtime in every package).

    `generated/python` is that already; a golden tree is copied to a temporary folder (removed when
    the process ends) and the runtime modules are written into each of its packages.
    """
    global _scratch
    tree = tree.resolve()
    if tree == (ROOT / "generated").resolve():
        return tree / "python"
    if tree not in _assembled:
        if _scratch is None:
            _scratch = Path(tempfile.mkdtemp(prefix="sdkgen-golden-"))
            atexit.register(shutil.rmtree, _scratch, True)
        folder = _scratch / tree.relative_to(ROOT) / "python"
        shutil.copytree(tree / "python", folder, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
        for package in folder.iterdir():
            if (package / "__init__.py").is_file():
                for name, text in _runtime().items():
                    (package / name).write_bytes(text.encode("utf-8"))
        _assembled[tree] = folder
    return _assembled[tree]


def full_java(tree: Path, out: Path) -> Path:
    """A golden tree's Java sources with the runtime put back (in `out`), for the tests that compile it."""
    from generator.targets.java.render import runtime_files

    sources = tree / "java" / "src" / "main" / "java"
    shutil.copytree(sources, out)
    client = next(sources.rglob("client/okhttp"))  # <base>/client/okhttp: the base package is its parent's parent
    base = tuple(client.parent.parent.relative_to(sources).parts)
    for path, text in runtime_files(base).items():
        target = out / path[len(_JAVA_SOURCES):]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    os.chdir(ROOT)
    stale = 0
    for case in cases():
        files, changes = generate(case, case.out.relative_to(ROOT), check=check)
        if check and changes.any:
            stale += 1
            print(f"{case.name} is stale:")
            for line in changes.lines():
                print(f"  {line}")
        elif not check:
            written = len(changes.added) + len(changes.modified) + len(changes.removed)
            print(f"{case.name}: {len(files)} files, {written} changed")
    if stale:
        print("run `make generate`, read the diff, and commit it")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
