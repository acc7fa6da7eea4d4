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
    "disk full at the manifest": Case(lambda c, o: (o / MANIFEST).write_text('{"files": {}}\n') and None, hook=_fail_at("open", "ENOSPC")),
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


@pytest.mark.parametrize(
    "name, where, message",
    [("link where a generated file goes", "docs/index.md", "a symbolic link where sdkgen writes a file"),
     ("link where a generated folder goes", "docs", "a symbolic link where sdkgen writes a folder"),
     ("a folder where a file goes", "docs/index.md", "a folder where sdkgen writes a file"),
     ("a file where a folder goes", f"{PACKAGE}/types", "not a folder, where sdkgen writes a folder")],
)
def test_the_wrong_kind_of_entry_where_sdkgen_writes_is_refused(name: str, where: str, message: str, runs: Dict[str, Run]) -> None:
    run = runs[name]
    _refused(run, re.escape(f"{run.out}/{where}"), re.escape(message))


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


# ---- --check writes nothing ---------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["missing", "stale", "interrupted"])
def test_check_writes_nothing_in_the_output_folder(state: str, tmp_path: Path, previous: Path) -> None:
    """Under an audit hook that logs every call that could change the output folder: none is made
    (no lock file, no staging folder, no cleanup of an interrupted run's leftovers)."""
    out = tmp_path / "out"
    if state != "missing":
        shutil.copytree(previous, out, symlinks=True)
        _stale(out)
    if state == "interrupted":
        (out / ".sdkgen-stage-abc123" / "new").mkdir(parents=True)
    before = tree(out)
    log = tmp_path / "writes.log"
    done = sdkgen("--spec", str(GOOD_SPEC), "--out", str(out), "--check", hook=_RECORD_WRITES,
                  env={"SDKGEN_TEST_OUT": str(out), "SDKGEN_TEST_LOG": str(log)})
    assert done.returncode == 1, done.stdout + done.stderr
    assert log.read_text() == "", "--check changed the output folder:\n" + log.read_text()
    assert tree(out) == before
    if state == "interrupted":
        assert "interrupted: .sdkgen-stage-abc123" in done.stdout


def test_a_run_with_nothing_to_change_writes_nothing(tmp_path: Path, previous: Path) -> None:
    """An up-to-date folder: no staging folder, no swap, no manifest rewrite (only the lock, taken on
    a read-only descriptor of the folder)."""
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    before = tree(out)
    log = tmp_path / "writes.log"
    done = sdkgen("--spec", str(GOOD_SPEC), "--out", str(out), hook=_RECORD_WRITES,
                  env={"SDKGEN_TEST_OUT": str(out), "SDKGEN_TEST_LOG": str(log)})
    assert done.returncode == 0, done.stderr
    assert " 0 written, 0 removed" in done.stdout, done.stdout
    assert log.read_text() == "", "a no-op run changed the output folder:\n" + log.read_text()
    assert tree(out) == before


# ---- one run at a time ------------------------------------------------------------------------------


def test_a_second_run_waits_for_the_lock_then_stops_with_exit_2(tmp_path: Path, previous: Path) -> None:
    """While another process holds the output folder's lock, a run waits SDKGEN_LOCK_TIMEOUT seconds,
    then stops with one line and exit status 2, the folder untouched."""
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    _stale(out)
    before = tree(out)
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        done = sdkgen("--spec", str(GOOD_SPEC), "--out", str(out), env={"SDKGEN_LOCK_TIMEOUT": "0"})
    finally:
        os.close(fd)
    assert done.returncode == 2, done.stderr
    assert re.fullmatch(rf"sdkgen: error: {re.escape(str(out))}: another sdkgen run is writing to this folder .*\n",
                        done.stderr), done.stderr
    assert tree(out) == before


def test_a_second_run_waits_while_the_first_writes(tmp_path: Path, previous: Path) -> None:
    """The lock released while the second run waits: it goes on and writes."""
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    _stale(out)
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    process = start("--spec", str(GOOD_SPEC), "--out", str(out))
    assert process.stderr is not None
    first = process.stderr.readline()  # printed once the run reaches the lock
    os.close(fd)
    stdout, stderr = process.communicate(timeout=600)
    assert first == f"sdkgen: waiting for another sdkgen run writing to {out}\n", first + stderr
    assert process.returncode == 0, stderr
    assert sdkgen("--spec", str(GOOD_SPEC), "--out", str(out), "--check").returncode == 0


def test_the_lock_wait_is_bounded(tmp_path: Path) -> None:
    from generator.output.outdir import Out, OutputError
    from generator.output.outlock import locked

    slept: List[float] = []
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.environ["SDKGEN_LOCK_TIMEOUT"] = "2"
    try:
        with pytest.raises(OutputError, match="did not finish within 2 s"):
            with locked(Out(str(tmp_path), str(tmp_path)), sleep=slept.append):
                pass
    finally:
        del os.environ["SDKGEN_LOCK_TIMEOUT"]
        os.close(fd)
    assert len(slept) == 40 and sum(slept) == pytest.approx(2.0)


def _second_spec(folder: Path) -> Path:
    """GOOD_SPEC with one operation fewer and another title: both trees differ from GOOD_SPEC's."""
    import yaml

    document = yaml.safe_load(GOOD_SPEC.read_text(encoding="utf-8"))
    document["info"]["description"] = "The second version."
    paths = document["paths"]
    del paths[sorted(paths)[-1]]
    spec = folder / "second.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return spec


def test_two_runs_at_once_never_interleave(tmp_path: Path, previous: Path) -> None:
    """Two runs of different specs started together into one folder, three times: both succeed, and
    the folder is wholly one generation or the other, never a mix."""
    second = _second_spec(tmp_path)
    references = {}
    for spec in (GOOD_SPEC, second):
        reference = tmp_path / f"ref_{spec.stem}"
        assert sdkgen("--spec", str(spec), "--out", str(reference)).returncode == 0
        references[spec.stem] = trees_of(reference)
    out = tmp_path / "out"
    for round_ in range(3):
        order = (GOOD_SPEC, second) if round_ % 2 else (second, GOOD_SPEC)
        processes = [start("--spec", str(spec), "--out", str(out)) for spec in order]
        for process in processes:
            _, stderr = process.communicate(timeout=600)
            assert process.returncode == 0, stderr
        assert trees_of(out) in list(references.values()), f"round {round_}: a mix of two generations"
        assert not stages(out)


# ---- the fallback without RENAME_EXCHANGE, and finishing an interrupted commit --------------------------


def test_without_rename_exchange_the_trees_are_still_replaced(tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output import staging
    from generator.pipeline import Options, run

    monkeypatch.setattr(staging, "exchange", lambda first, second: False)
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    _stale(out)
    run(Options(GOOD_SPEC, out))
    assert run(Options(GOOD_SPEC, out, check=True)).changes.any is False
    assert (out / "docs" / "my_notes.md").read_text() == "the user's notes\n"
    assert not stages(out)


_DIE_BEFORE_PYTHON = (
    "import os\n"
    "import generator.output.staging as _staging\n"
    "_real = _staging._swap\n"
    "def _swap(out, stage, unit):\n"
    "    if unit.name == 'python':\n"
    "        os._exit(137)\n"
    "    _real(out, stage, unit)\n"
    "_staging._swap = _swap\n"
)


def test_a_commit_stopped_between_two_trees_is_finished_by_the_next_run(tmp_path: Path, previous: Path) -> None:
    """The process dies after swapping `docs` and before `python` (os._exit from the swap): docs is
    wholly new, python wholly old, and the next run finishes the swap from the journal."""
    fresh = tmp_path / "fresh"
    assert sdkgen("--spec", str(GOOD_SPEC), "--out", str(fresh)).returncode == 0
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    _stale(out)
    ignore = frozenset({"docs/my_notes.md", "python/mine.txt"})
    old, new = trees_of(out, ignore), trees_of(fresh)
    done = sdkgen("--spec", str(GOOD_SPEC), "--out", str(out), hook=_DIE_BEFORE_PYTHON)
    assert done.returncode == 137, done.stderr
    now = trees_of(out, ignore)
    assert now["docs"] == new["docs"] and now["python"] == old["python"] and now[MANIFEST] == old[MANIFEST]
    assert len(stages(out)) == 1 and (out / stages(out)[0] / "journal.json").is_file()
    done = sdkgen("--spec", str(GOOD_SPEC), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "finished the write of an interrupted run" in done.stderr
    assert trees_of(out, ignore) == new and not stages(out)
    assert (out / "docs" / "my_notes.md").read_text() == "the user's notes\n"
