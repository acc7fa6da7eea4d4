"""Type and format checks of generated Python: `mypy --strict` for a target Python, and `black --check`.

Shared by the tests (import by plain name: tests/ is on sys.path under pytest):

    from typecheck import mypy_strict, black_check
    result = mypy_strict(ROOT / "generated" / "python", python_version="3.9")
    assert result.ok, result.report()

`mypy_strict(folder)` checks every package in `folder` (a folder that would be on `sys.path`: its
subfolders with an `__init__.py`), plus any extra `files`, in one mypy run. The config targets the given
Python: generated code must type-check for 3.9 (the oldest the SDK supports) as well as the running one.
httpx pulls in click and anyio, whose sources use `match`, which mypy cannot parse for 3.9; only they
are skipped (`follow_imports = skip`). pydantic is pinned to 2.13.5, which parses as 3.9, so pydantic
and httpx themselves are followed and checked against.

mypy's incremental cache lives under `.mypy_cache/typecheck/` (one folder per target Python), so a
second run over an unchanged tree takes well under a second.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Union

ROOT = Path(__file__).resolve().parent.parent
RUNNING_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
OLDEST_PYTHON = "3.9"
BLACK_LINE_LENGTH = 88  # generator/targets/python/format.py
BLACK_TARGET = "py39"
CACHE_ROOT = ROOT / ".mypy_cache" / "typecheck"

MYPY_CONFIG = """\
[mypy]
strict = True
python_version = {python_version}
[mypy-click.*,anyio.*]
follow_imports = skip
"""

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class CheckResult:
    command: List[str]
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def report(self) -> str:
        """The command and everything it printed, for an assertion message."""
        return f"$ {' '.join(self.command)}\n(exit status {self.returncode})\n{self.output}"


def packages_in(folder: PathLike) -> List[str]:
    """The importable packages directly in `folder`, sorted."""
    return sorted(
        child.name
        for child in Path(folder).iterdir()
        if child.is_dir() and (child / "__init__.py").is_file()
    )


def _run(
    command: Sequence[PathLike],
    cwd: PathLike,
    timeout: float,
    env: Optional[Dict[str, str]] = None,
) -> CheckResult:
    argv = [str(part) for part in command]
    try:
        completed = subprocess.run(
            argv,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired as error:
        return CheckResult(
            argv, -1, f"timed out after {timeout:.0f} s\n{error.stdout or ''}"
        )
    return CheckResult(argv, completed.returncode, completed.stdout + completed.stderr)


def mypy_strict(
    folder: PathLike,
    *,
    python_version: str = OLDEST_PYTHON,
    packages: Optional[Sequence[str]] = None,
    files: Sequence[PathLike] = (),
    cache_dir: Optional[PathLike] = None,
    timeout: float = 300.0,
) -> CheckResult:
    """`mypy --strict` over the packages in `folder` (default: all of them) and `files`, one run.

    `folder` is the working directory, so its packages import by name (as with `folder` on sys.path).
    """
    folder = Path(folder).resolve()
    names = list(packages) if packages is not None else packages_in(folder)
    if not names and not files:
        raise ValueError(f"nothing to check in {folder}")
    return _mypy([folder], [folder / name for name in names], files, folder, python_version, cache_dir, timeout)


def mypy_strict_trees(
    folders: Sequence[PathLike],
    *,
    python_version: str = OLDEST_PYTHON,
    files: Sequence[PathLike] = (),
    timeout: float = 600.0,
) -> CheckResult:
    """`mypy --strict` over every package in each of `folders` (all on the import path; no two may
    hold a package of the same name) and `files`, in one run: mypy's start-up and the stubs the trees
    share (httpx, pydantic, the standard library) cost more than a tree. Paths in the output are
    absolute, so each error can be told to the tree it is in."""
    roots = [Path(folder).resolve() for folder in folders]
    targets = [root / name for root in roots for name in packages_in(root)]
    if len({target.name for target in targets}) != len(targets):
        raise ValueError("two trees hold a package of the same name: check them in separate runs")
    return _mypy(roots, targets, files, ROOT, python_version, None, timeout, ["--show-absolute-path"])


def _mypy(
    roots: Sequence[Path],
    targets: Sequence[Path],
    files: Sequence[PathLike],
    cwd: Path,
    python_version: str,
    cache_dir: Optional[PathLike],
    timeout: float,
    options: Sequence[str] = (),
) -> CheckResult:
    cache = (
        Path(cache_dir) if cache_dir is not None else CACHE_ROOT / f"py{python_version}"
    )
    cache.mkdir(parents=True, exist_ok=True)
    config = cache / "mypy.ini"
    text = MYPY_CONFIG.format(python_version=python_version)
    if not config.exists() or config.read_text() != text:
        # Written aside and moved into place: another test run may be reading it.
        temporary = config.with_name(f"mypy.ini.{os.getpid()}")
        temporary.write_text(text)
        os.replace(temporary, config)
    command: List[PathLike] = [
        sys.executable, "-m", "mypy",
        "--config-file", config,
        "--cache-dir", cache,
        *options,
    ]  # fmt: skip
    # Packages as paths, not `-p` (mypy takes one or the other): it names the modules by walking up
    # the `__init__.py` files, so each root is theirs, also for imports from `files` (MYPYPATH).
    command += list(targets)
    command += [Path(f).resolve() for f in files]
    return _run(command, cwd, timeout, env={"MYPYPATH": os.pathsep.join(str(root) for root in roots)})


def black_check(*paths: PathLike, timeout: float = 300.0) -> CheckResult:
    """`black --check` with the generator's settings (line length 88, Python 3.9 target).

    The output has a `would reformat <path>` line for each file black would change, then the diff
    of those files. (The first run is without `--diff`, so black's own cache of files already in
    its layout is used and filled: an unchanged file is not formatted again on the next run.)
    """
    if not paths:
        raise ValueError("no paths to check")
    options: List[PathLike] = [
        sys.executable, "-m", "black",
        "--line-length", str(BLACK_LINE_LENGTH), "--target-version", BLACK_TARGET,
    ]  # fmt: skip
    result = _run(
        [*options, "--check", *[Path(p).resolve() for p in paths]], ROOT, timeout
    )
    if result.returncode != 1:
        return result
    prefix = "would reformat "
    changed = [
        line[len(prefix) :]
        for line in result.output.splitlines()
        if line.startswith(prefix)
    ]
    diff = _run([*options, "--diff", "--quiet", *changed], ROOT, timeout)
    return CheckResult(result.command, result.returncode, result.output + diff.output)


def main(argv: Sequence[str]) -> int:
    """`python tests/typecheck.py FOLDER...`: mypy (3.9 and the running Python) and black on each."""
    status = 0
    for folder in argv or [str(ROOT / "generated" / "python")]:
        for result in (
            mypy_strict(folder, python_version=OLDEST_PYTHON),
            mypy_strict(folder, python_version=RUNNING_PYTHON),
            black_check(folder),
        ):
            print(
                result.report() if not result.ok else f"ok: {' '.join(result.command)}"
            )
            status |= 0 if result.ok else 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
