"""The caches cannot change the result: whatever an entry holds, the output is what sdkgen makes
without the cache, or the entry is ignored. And `--check` / `--no-cache` write no cache file.

Every test points XDG_CACHE_HOME and XDG_STATE_HOME (where the signing key lives) at its own
temporary folders.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from generator import cache
from generator.targets.python import format as fmt
from generator.targets.python.format import format_files, same_code
from memo_blob import forge

SDKGEN = Path(sys.executable).with_name("sdkgen")
LONG = "x = some_function_name(argument_number_one, argument_number_two, argument_number_three_is_long)\n"
SOURCE = (
    "import os\n\n\n"
    "def f():\n    return 1\n\n\n"
    f"{LONG}\n\n"
    "class C:\n"
    f"    {LONG}"
)
INVALID_30 = """\
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: string, const: x}
"""


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dict[str, Path]]:
    paths = {"cache": tmp_path / "cache", "state": tmp_path / "state", "outside": tmp_path / "outside"}
    paths["outside"].mkdir()
    (paths["outside"] / "victim.py").write_text("VICTIM = 1\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(paths["cache"]))
    monkeypatch.setenv("XDG_STATE_HOME", str(paths["state"]))
    cache._key_at.cache_clear()
    yield paths
    cache._key_at.cache_clear()


def _entries(root: Path, folder: str = "black-") -> List[Path]:
    base = root / "sdkgen"
    return sorted(p for d in base.glob(f"{folder}*") for p in d.iterdir()) if base.exists() else []


def _tree(root: Path) -> Dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() and not p.is_symlink() else b"<other>")
        for p in sorted(root.rglob("*"))
    }


def _clean() -> str:
    return format_files({"m.py": SOURCE}, use_cache=False)["m.py"]


def _black_calls(monkeypatch: pytest.MonkeyPatch) -> List[int]:
    calls: List[int] = []
    original = fmt._format_many

    def counting(texts: List[str]) -> List[str]:
        calls.append(len(texts))
        return original(texts)

    monkeypatch.setattr(fmt, "_format_many", counting)
    return calls


def test_a_warm_cache_is_used(homes: Dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    clean = _clean()
    assert format_files({"m.py": SOURCE})["m.py"] == clean
    calls = _black_calls(monkeypatch)
    assert format_files({"m.py": SOURCE})["m.py"] == clean
    assert sum(calls) == 0
    key = cache.key_path()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and not str(key).startswith(str(homes["cache"]))


@pytest.mark.parametrize("signed", [True, False], ids=["tag kept", "tag dropped"])
def test_code_appended_to_an_entry_never_reaches_the_output(homes: Dict[str, Path], signed: bool) -> None:
    clean = _clean()
    format_files({"m.py": SOURCE})
    entries = _entries(homes["cache"])
    assert entries
    for entry in entries:
        tag, _, body = entry.read_bytes().partition(b"\n")
        evil = body + b"import shutil; shutil.rmtree('/')\n" if body != b"=" else b"import evil\n"
        entry.write_bytes((tag if signed else b"-") + b"\n" + evil)
    assert format_files({"m.py": SOURCE})["m.py"] == clean


def test_an_unchanged_marker_is_not_trusted_unsigned(homes: Dict[str, Path], tmp_path: Path) -> None:
    """A whole file's answer comes from the run's memo, signed: a memo whose body says "black leaves
    this file as it is" under the old signature is not used, and the file is formatted."""
    from generator.memo import Memo

    memo = Memo(tmp_path / "out")
    assert format_files({"m.py": SOURCE}, memo=memo)["m.py"] == _clean()
    memo.save()
    [entry] = list(memo.store.path.iterdir())
    forge(entry, lambda name, data: b"=")
    assert format_files({"m.py": SOURCE}, memo=Memo(tmp_path / "out"))["m.py"] == _clean()
    # Signed, the same answer is used without a scan or black.
    memo = Memo(tmp_path / "out")
    format_files({"m.py": SOURCE}, memo=memo)
    memo.save()
    again = Memo(tmp_path / "out")
    assert format_files({"m.py": SOURCE}, memo=again)["m.py"] == _clean() and again.computed == 0


def test_entries_of_another_key_are_checked_not_refused(homes: Dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A shared CI cache filled by another job (another key): statements are checked to be the same
    code and used without running black."""
    clean = _clean()
    format_files({"m.py": SOURCE})
    cache.key_path().unlink()
    cache._key_at.cache_clear()
    calls = _black_calls(monkeypatch)
    assert format_files({"m.py": SOURCE})["m.py"] == clean
    assert sum(calls) == 0


def test_same_code() -> None:
    piece = fmt._WRAPPER + LONG.replace("x", "    x", 1)
    good = fmt.format_source(piece)
    assert same_code(piece, good)
    assert not same_code(piece, good + "import os\n")
    assert not same_code(piece, good.replace("argument_number_one", "argument_number_1"))
    assert not same_code(piece, good.rstrip("\n"))  # the next line would join it
    assert not same_code(piece, good + "# -*- coding: latin-1 -*-\n")  # comments count
    assert not same_code(piece, "class _: " + good.split("\n", 1)[1].strip() + "\n")  # shape unpiece needs
    assert not same_code(piece, "\x00")


def test_links_and_odd_files_in_the_cache(homes: Dict[str, Path]) -> None:
    clean = _clean()
    format_files({"m.py": SOURCE})
    entries = _entries(homes["cache"])
    victim = homes["outside"] / "victim.py"
    for index, entry in enumerate(entries):
        entry.unlink()
        if index % 3 == 0:
            entry.symlink_to(victim)
        elif index % 3 == 1:
            os.mkfifo(entry)  # a reader that blocked on it would hang the run
        else:
            entry.mkdir()
    before = _tree(homes["outside"])
    assert format_files({"m.py": SOURCE})["m.py"] == clean
    assert _tree(homes["outside"]) == before
    for index, entry in enumerate(entries):
        if index % 3 == 0:  # a link at an entry's name is replaced, not followed
            assert entry.is_file() and not entry.is_symlink()


def test_a_linked_cache_folder_is_not_written_through(homes: Dict[str, Path]) -> None:
    (homes["cache"] / "sdkgen").mkdir(parents=True)
    (homes["cache"] / "sdkgen" / fmt.cache_folder()).symlink_to(homes["outside"], target_is_directory=True)
    (homes["cache"] / "sdkgen" / "validation").symlink_to(homes["outside"], target_is_directory=True)
    before = _tree(homes["outside"])
    assert format_files({"m.py": SOURCE})["m.py"] == _clean()
    assert _tree(homes["outside"]) == before


def test_an_insecure_key_is_not_used(homes: Dict[str, Path]) -> None:
    key = cache.key_path()
    key.parent.mkdir(parents=True)
    key.write_bytes(b"k" * cache.KEY_BYTES)
    key.chmod(0o644)
    assert cache.signing_key(create=True) is None
    cache._key_at.cache_clear()
    key.unlink()
    key.symlink_to(homes["outside"] / "victim.py")
    assert cache.signing_key(create=True) is None
    assert (homes["outside"] / "victim.py").read_text(encoding="utf-8") == "VICTIM = 1\n"


# ---- through the command line -------------------------------------------------------------------


def _cli(args: List[str], homes: Dict[str, Path]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(homes["cache"]), "XDG_STATE_HOME": str(homes["state"])}
    return subprocess.run([str(SDKGEN), "generate", *args], env=env, capture_output=True, text=True, timeout=600)


def test_a_forged_verdict_does_not_pass_an_invalid_spec(homes: Dict[str, Path], tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(INVALID_30, encoding="utf-8")
    first = _cli(["--spec", str(spec), "--out", str(tmp_path / "out")], homes)
    assert first.returncode == 2, first.stderr
    entries = _entries(homes["cache"], "validation")
    assert len(entries) == 1
    tag = entries[0].read_bytes().partition(b"\n")[0]
    for forged in (tag + b"\n[]", b"-\n[]", b"[]", b"\xff\n\x00"):
        entries[0].write_bytes(forged)
        again = _cli(["--spec", str(spec), "--out", str(tmp_path / "out")], homes)
        assert again.returncode == 2 and again.stderr == first.stderr
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("flag", ["--check", "--no-cache"])
def test_check_and_no_cache_write_no_cache_file(homes: Dict[str, Path], tmp_path: Path, flag: str) -> None:
    spec = Path(__file__).parent / "fixtures" / "specs" / "cov_params.yaml"
    run = _cli(["--spec", str(spec), "--out", str(tmp_path / "out"), flag], homes)
    assert run.returncode in (0, 1), run.stderr
    assert _tree(homes["cache"]) == {} and _tree(homes["state"]) == {}
    # With a filled cache, a --check run reads it and changes nothing in it.
    assert _cli(["--spec", str(spec), "--out", str(tmp_path / "out")], homes).returncode == 0
    before = _tree(homes["cache"]), _tree(homes["state"])
    assert before[0]
    run = _cli(["--spec", str(spec), "--out", str(tmp_path / "out"), flag], homes)
    assert run.returncode == 0, run.stderr
    assert (_tree(homes["cache"]), _tree(homes["state"])) == before
