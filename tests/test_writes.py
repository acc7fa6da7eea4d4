"""Writing the output folder, through the real command line (a subprocess per case).

Contained writes: nothing sdkgen writes, renames or deletes is outside `--out`, whatever links,
manifests or leftovers the folder holds. A link, folder or device where sdkgen writes is refused with
exit status 2 and one line naming the path; a bad `--out`, a full disk or a read-only file system
likewise; and in every refused case the output folder is exactly as it was. Failures that cannot be
staged for real (a full disk, a read-only file system) are injected with an audit hook that raises
the OSError at the chosen system call. All runs start at once; each test reads its own result.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional

import pytest

from write_helpers import GOOD_SPEC, MANIFEST, Done, sdkgen, stages, start, tree, trees_of

PACKAGE = "python/cov_shapes"


def _fail_at(event: str, errno_name: str, nth: int = 1) -> str:
    """Audit-hook source: the `nth` call of `event` ("open" for writing, "os.mkdir", ...) on a path
    inside SDKGEN_TEST_OUT raises OSError(errno_name)."""
    return (
        "import errno, os, sys\n"
        "_OUT = os.path.abspath(os.environ['SDKGEN_TEST_OUT'])\n"
        "_SEEN = [0]\n"
        "def _hook(event, args):\n"
        f"    if event != {event!r} or not isinstance(args[0], (str, bytes, os.PathLike)):\n"
        "        return\n"
        "    path = os.path.abspath(os.fsdecode(args[0]))\n"
        "    if not (path == _OUT or path.startswith(_OUT + os.sep)):\n"
        "        return\n"
        "    if event == 'open' and not (args[2] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)):\n"
        "        return\n"
        "    _SEEN[0] += 1\n"
        f"    if _SEEN[0] == {nth}:\n"
        f"        raise OSError(errno.{errno_name}, os.strerror(errno.{errno_name}), path)\n"
        "sys.addaudithook(_hook)\n"
    )


# Every call that could change the output folder, logged to SDKGEN_TEST_LOG when inside SDKGEN_TEST_OUT.
_RECORD_WRITES = (
    "import os, sys\n"
    "_OUT = os.path.abspath(os.environ['SDKGEN_TEST_OUT'])\n"
    "_LOG = open(os.environ['SDKGEN_TEST_LOG'], 'w')\n"
    "_EVENTS = {'os.mkdir', 'os.rename', 'os.remove', 'os.rmdir', 'os.link', 'os.symlink', 'shutil.rmtree',\n"
    "           'os.truncate', 'os.chmod', 'os.utime', 'ctypes.call_function'}\n"
    "def _hook(event, args):\n"
    "    if event == 'ctypes.call_function':\n"
    "        _LOG.write(event + '\\n'); _LOG.flush(); return\n"
    "    if event != 'open' and event not in _EVENTS or not args or not isinstance(args[0], (str, bytes, os.PathLike)):\n"
    "        return\n"
    "    path = os.path.abspath(os.fsdecode(args[0]))\n"
    "    if not (path == _OUT or path.startswith(_OUT + os.sep)):\n"
    "        return\n"
    "    if event == 'open' and not (args[2] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC)):\n"
    "        return\n"
    "    _LOG.write(event + ' ' + path + '\\n'); _LOG.flush()\n"
    "sys.addaudithook(_hook)\n"
)


@dataclass
class Case:
    # Prepares the case folder (the output folder `out` already holds a previous generation, unless
    # `fresh`) and returns the --out to pass (default: `out`).
    setup: Callable[[Path, Path], Optional[str]]
    hook: str = ""
    fresh: bool = False
    extra: tuple = ()


def _stale(out: Path) -> None:
    """Make both trees need writing: a generated file of each edited."""
    for relative in ("docs/index.md", f"{PACKAGE}/types/models.py"):
        path = out / relative
        path.write_bytes(path.read_bytes() + b"# edited\n")


def _victim(case: Path) -> Path:
    victim = case / "outside" / "victim.txt"
    victim.parent.mkdir(exist_ok=True)
    victim.write_text("not sdkgen's\n")
    return victim


def _link_at_temp_name(case: Path, out: Path) -> None:
    _stale(out)
    (out / "docs" / ".index.md.sdkgen-tmp").symlink_to(_victim(case))


def _link_at_manifest_temp_name(case: Path, out: Path) -> None:
    _stale(out)
    (out / MANIFEST).write_text((out / MANIFEST).read_text().replace('"sdkgen"', '"sdkgen" '))
    (out / f".{MANIFEST}.sdkgen-tmp").symlink_to(_victim(case))


def _link_at_file(case: Path, out: Path) -> None:
    (out / "docs" / "index.md").unlink()
    (out / "docs" / "index.md").symlink_to(_victim(case))


def _link_at_folder(case: Path, out: Path) -> None:
    _victim(case)
    shutil.rmtree(out / "docs")
    (out / "docs").symlink_to(case / "outside", target_is_directory=True)


def _manifest_entry(entry: Callable[[Path], str]) -> Callable[[Path, Path], None]:
    def setup(case: Path, out: Path) -> None:
        _stale(out)
        victim = _victim(case)
        text = (out / MANIFEST).read_text()
        listed = f'"{entry(case)}": "{hashlib.sha256(victim.read_bytes()).hexdigest()}",\n'
        (out / MANIFEST).write_text(text.replace('"files": {\n', '"files": {\n' + listed, 1))

    return setup


def _manifest_through_link(case: Path, out: Path) -> None:
    _victim(case)
    (out / "docs" / "elsewhere").symlink_to(case / "outside", target_is_directory=True)
    _manifest_entry(lambda c: "docs/elsewhere/victim.txt")(case, out)


def _manifest_body(body: str) -> Callable[[Path, Path], None]:
    def setup(case: Path, out: Path) -> None:
        _stale(out)
        (out / MANIFEST).write_text(body)

    return setup


def _edited_stale_file(case: Path, out: Path) -> None:
    """A file the manifest lists, that the new generation lacks, that a user edited since."""
    notes = out / "docs" / "old_page.md"
    notes.write_text("written by sdkgen once, edited since\n")
    _manifest_entry(lambda c: "docs/old_page.md")(case, out)
    notes.write_text("edited by the user\n")


def _out_file(case: Path, out: Path) -> str:
    (case / "a_file").write_text("a file\n")
    return str(case / "a_file")


def _out_dangling(case: Path, out: Path) -> str:
    (case / "dangling").symlink_to(case / "nowhere")
    return str(case / "dangling")


def _folder_at_file(case: Path, out: Path) -> None:
    (out / "docs" / "index.md").unlink()
    (out / "docs" / "index.md").mkdir()
    (out / "docs" / "index.md" / "mine.txt").write_text("mine\n")


def _file_at_folder(case: Path, out: Path) -> None:
    shutil.rmtree(out / PACKAGE / "types")
    (out / PACKAGE / "types").write_text("a file where a folder goes\n")


def _nothing(case: Path, out: Path) -> None:
    return None


def _read_only_sys(case: Path, out: Path) -> str:
    return "/sys/sdkgen-test-out"


CASES: Dict[str, Case] = {
    "link at a temp file name": Case(_link_at_temp_name),
    "link at the manifest's temp name": Case(_link_at_manifest_temp_name),
    "link where a generated file goes": Case(_link_at_file),
    "link where a generated folder goes": Case(_link_at_folder),
    "manifest lists ../victim": Case(_manifest_entry(lambda c: "../outside/victim.txt")),
    "manifest lists an absolute path": Case(_manifest_entry(lambda c: str(c / "outside" / "victim.txt"))),
    "manifest entry through a link": Case(_manifest_through_link),
    "manifest is a list": Case(_manifest_body("[]\n")),
    "manifest is not JSON": Case(_manifest_body("{not json\n")),
    "manifest files is a string": Case(_manifest_body('{"files": "all"}\n')),
    "a stale file the user edited": Case(_edited_stale_file),
    "--out is a file": Case(_out_file),
    "--out is a dangling link": Case(_out_dangling),
    "--out is /dev/null": Case(lambda c, o: "/dev/null"),
    "--out on a read-only /sys": Case(_read_only_sys, fresh=True),
    "read-only file system, new folder": Case(_nothing, hook=_fail_at("os.mkdir", "EROFS"), fresh=True),
    "read-only file system, stale folder": Case(lambda c, o: _stale(o), hook=_fail_at("open", "EROFS")),
    "disk full halfway": Case(lambda c, o: _stale(o), hook=_fail_at("open", "ENOSPC", nth=2)),
    "disk full at the journal": Case(lambda c, o: _stale(o), hook=_fail_at("open", "ENOSPC", nth=3)),
    "disk full at the manifest": Case(_manifest_body('{"files": {}}\n'), hook=_fail_at("open", "ENOSPC")),
    "a folder where a file goes": Case(_folder_at_file),
    "a file where a folder goes": Case(_file_at_folder),
}


@dataclass
class Run:
    done: Done
    out: Path
    case: Path
    shown: str
    before: Optional[dict]
    after: Optional[dict]
    outside_before: Optional[dict]
    outside_after: Optional[dict]


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("previous") / "out"
    done = sdkgen("--spec", str(GOOD_SPEC), "--out", str(out))
    assert done.returncode == 0, done.stderr
    (out / "docs" / "my_notes.md").write_text("the user's notes\n")
    (out / "python" / "mine.txt").write_text("the user's file\n")
    return out


def _one(name: str, case: Case, folder: Path, previous: Path) -> Run:
    out = folder / "out"
    if not case.fresh:
        shutil.copytree(previous, out, symlinks=True)
    given = case.setup(folder, out)
    target = Path(given) if given else out
    before, outside_before = tree(target) if target != Path("/dev/null") else None, tree(folder / "outside")
    done = sdkgen("--spec", str(GOOD_SPEC), "--out", str(target), *case.extra, hook=case.hook,
                  env={"SDKGEN_TEST_OUT": str(target)})
    after = tree(target) if target != Path("/dev/null") else None
    return Run(done, out, folder, str(target), before, after, outside_before, tree(folder / "outside"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, previous: Path) -> Dict[str, Run]:
    work = tmp_path_factory.mktemp("writes")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {}
        for name, case in CASES.items():
            folder = work / re.sub(r"\W+", "_", name)
            folder.mkdir()
            futures[name] = pool.submit(_one, name, case, folder, previous)
        return {name: future.result() for name, future in futures.items()}


def _refused(run: Run, path: str, message: str) -> None:  # `path`: a regular expression
    """Exit 2, one line `sdkgen: error: <path>: <message>`, no traceback, the folder as it was."""
    assert run.done.returncode == 2, f"exit {run.done.returncode}\n{run.done.stderr}"
    assert "Traceback" not in run.done.stderr, run.done.stderr
    lines = run.done.stderr.splitlines()
    assert len(lines) == 1, run.done.stderr
    assert re.match(rf"sdkgen: error: {path}: ", lines[0]), f"{lines[0]!r} does not name {path}"
    assert re.search(message, lines[0]), f"{lines[0]!r} does not match {message!r}"
    assert run.after == run.before, "the output folder changed"
    assert run.outside_after == run.outside_before, "a file outside the output folder changed"


def _written(run: Run, warning: Optional[str] = None) -> None:
    """Exit 0, the output is exactly a fresh generation plus the user's files, nothing outside moved."""
    assert run.done.returncode == 0, f"exit {run.done.returncode}\n{run.done.stderr}"
    assert run.outside_after == run.outside_before, "a file outside the output folder changed"
    assert not stages(run.out)
    if warning is not None:
        assert re.search(warning, run.done.stderr), run.done.stderr
    check = sdkgen("--spec", str(GOOD_SPEC), "--out", str(run.out), "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert (run.out / "docs" / "my_notes.md").read_text() == "the user's notes\n"
    assert (run.out / "python" / "mine.txt").read_text() == "the user's file\n"


def test_a_link_at_a_temp_file_name_is_not_followed(runs: Dict[str, Run]) -> None:
    run = runs["link at a temp file name"]
    _written(run)
    assert os.path.islink(run.out / "docs" / ".index.md.sdkgen-tmp")  # a user's entry: left alone


def test_a_link_at_the_manifest_temp_name_is_not_followed(runs: Dict[str, Run]) -> None:
    run = runs["link at the manifest's temp name"]
    _written(run)
    assert os.path.islink(run.out / f".{MANIFEST}.sdkgen-tmp")


def test_a_link_where_a_generated_file_goes_is_refused(runs: Dict[str, Run]) -> None:
    run = runs["link where a generated file goes"]
    _refused(run, re.escape(f"{run.out}/docs/index.md"), r"a symbolic link where sdkgen writes a file")


def test_a_link_where_a_generated_folder_goes_is_refused(runs: Dict[str, Run]) -> None:
    run = runs["link where a generated folder goes"]
    _refused(run, re.escape(f"{run.out}/docs"), r"a symbolic link where sdkgen writes a folder")


@pytest.mark.parametrize("name", ["manifest lists ../victim", "manifest lists an absolute path"])
def test_a_manifest_entry_outside_the_folder_is_ignored(name: str, runs: Dict[str, Run]) -> None:
    run = runs[name]
    _written(run, warning=rf"warning: {re.escape(str(run.out / MANIFEST))}: lists .*victim.txt', not a path inside the output folder; ignored")
    assert (run.case / "outside" / "victim.txt").read_text() == "not sdkgen's\n"


def test_a_manifest_entry_through_a_link_is_ignored(runs: Dict[str, Run]) -> None:
    run = runs["manifest entry through a link"]
    _written(run, warning=r"lists 'docs/elsewhere/victim.txt', reached through a symbolic link; ignored")
    assert (run.case / "outside" / "victim.txt").read_text() == "not sdkgen's\n"
    assert os.path.islink(run.out / "docs" / "elsewhere")


@pytest.mark.parametrize(
    "name, warning",
    [("manifest is a list", "not a JSON object"), ("manifest is not JSON", "not JSON"),
     ("manifest files is a string", "its `files` is not a JSON object")],
)
def test_a_manifest_that_is_not_an_object_is_ignored(name: str, warning: str, runs: Dict[str, Run]) -> None:
    run = runs[name]
    _written(run, warning=rf"{re.escape(MANIFEST)}: {re.escape(warning)}; ignored \(no file is deleted\)")


def test_a_stale_file_the_user_edited_is_kept(runs: Dict[str, Run]) -> None:
    run = runs["a stale file the user edited"]
    _written(run, warning=r"docs/old_page.md: sdkgen no longer generates this file, but it was edited; kept")
    assert (run.out / "docs" / "old_page.md").read_text() == "edited by the user\n"


@pytest.mark.parametrize(
    "name, message",
    [("--out is a file", r"a file, not a folder"), ("--out is a dangling link", r"a symbolic link to nothing"),
     ("--out is /dev/null", r"a device, not a folder"), ("--out on a read-only /sys", r"cannot create the output folder: ")],
)
def test_a_bad_out_is_refused(name: str, message: str, runs: Dict[str, Run]) -> None:
    run = runs[name]
    _refused(run, re.escape(run.shown), message)


def test_a_read_only_file_system_is_refused(runs: Dict[str, Run]) -> None:
    run = runs["read-only file system, new folder"]
    _refused(run, re.escape(run.shown), r"cannot create the output folder: Read-only file system")
    assert run.after is None
    run = runs["read-only file system, stale folder"]
    _refused(run, re.escape(run.shown) + r"(/\S+)?", r"cannot write: Read-only file system")


@pytest.mark.parametrize("name", ["disk full halfway", "disk full at the journal", "disk full at the manifest"])
def test_a_full_disk_leaves_the_output_as_it_was(name: str, runs: Dict[str, Run]) -> None:
    run = runs[name]
    _refused(run, re.escape(run.shown) + r"(/\S+)?", r"cannot write: No space left on device")


def test_a_folder_where_a_file_goes_is_refused(runs: Dict[str, Run]) -> None:
    run = runs["a folder where a file goes"]
    _refused(run, re.escape(f"{run.out}/docs/index.md"), r"a folder where sdkgen writes a file")


def test_a_file_where_a_folder_goes_is_refused(runs: Dict[str, Run]) -> None:
    run = runs["a file where a folder goes"]
    _refused(run, re.escape(f"{run.out}/{PACKAGE}/types"), r"not a folder, where sdkgen writes a folder")
