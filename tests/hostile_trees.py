"""Hostile folders for the CLI fuzzer (tests/test_cli_fuzz.py): spec folders split over odd file
names with links pointing outside, output folders pre-filled with links, bad manifests, user files
and folders where files go, and caches holding tampered, garbage and link entries.

Everything hostile points at one sentinel folder outside the output and the cache; its digest
(`tree_digest`, which never follows a link) must not change.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

from hypothesis import strategies as st

# Part files of a split spec: names a shell, a URL or a pointer would trip over (no escaping needed
# in a `$ref`: percent-encoding is another question).
PART_NAMES = ["part.yaml", "名前.yaml", "-dash.json", ".hidden.yaml", "a_b.c.yaml", "deep/er/x.yaml", "UPPER.YML"]

# Kinds of output-folder hostility. Those the writer (generator/output/writer.py) must survive.
OUT_BENIGN = ["user file", "user file in a generated folder", "empty folder"]
OUT_WRITER = [
    "link at a generated file",
    "link at a temporary name",
    "link at a staging name",
    "linked generated folder",
    "manifest with ../ entries",
    "manifest with an absolute entry",
    "manifest not an object",
    "manifest files not an object",
    "manifest garbage",
    "folder where a file goes",
]
CACHE_KINDS = ["code appended", "code appended unsigned", "garbage", "empty", "link outside", "fifo",
               "folder", "unchanged marker", "link folder outside", "verdict emptied", "nothing"]


def tree_digest(root: Path) -> str:
    """Every path under `root` with its kind, mode bits, link target or bytes; links not followed."""
    digest = hashlib.sha256()
    if not os.path.lexists(root):
        return "absent"
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(folder) / name
            info = path.lstat()
            digest.update(f"{path.relative_to(root)}\0{stat.S_IFMT(info.st_mode)}\0{stat.S_IMODE(info.st_mode)}\0".encode())
            if path.is_symlink():
                digest.update(os.readlink(path).encode())
            elif stat.S_ISREG(info.st_mode):
                digest.update(path.read_bytes())
    return digest.hexdigest()


def snapshot(root: Path) -> Dict[str, Tuple[str, bytes]]:
    """relative path -> (kind, bytes or link target); links not followed."""
    found: Dict[str, Tuple[str, bytes]] = {}
    if not os.path.lexists(root):
        return found
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            relative = str(path.relative_to(root))
            if path.is_symlink():
                found[relative] = ("link", os.readlink(path).encode())
            elif path.is_dir():
                found[relative] = ("dir", b"")
            elif path.is_file():
                found[relative] = ("file", path.read_bytes())
            else:
                found[relative] = ("other", b"")
    return found


def make_sentinel(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "victim.py").write_text("VICTIM = 1\n", encoding="utf-8")
    (root / "secret.yaml").write_text("openapi: 3.0.3\ninfo: {title: secret, version: '1'}\npaths: {}\n", encoding="utf-8")
    (root / "folder").mkdir()
    (root / "folder" / "kept.txt").write_text("kept\n", encoding="utf-8")
    return root


@dataclass
class SpecTree:
    root: Path  # the spec file
    expect_refusal: bool = False
    notes: List[str] = field(default_factory=list)


def write_spec_tree(folder: Path, spec: Dict[str, Any], draw: Callable[[Any], Any], sentinel: Path) -> SpecTree:
    """`spec` written into `folder`, maybe split into part files, with links pointing outside."""
    folder.mkdir(parents=True)
    spec = copy.deepcopy(spec)
    notes: List[str] = []
    schemas = spec.get("components", {}).get("schemas", {})
    movable = sorted(name for name, schema in schemas.items() if '"$ref"' not in json.dumps(schema))
    if movable and draw(st.booleans()):
        part = draw(st.sampled_from(PART_NAMES))
        chosen = draw(st.lists(st.sampled_from(movable), min_size=1, unique=True))
        body = {name: schemas[name] for name in chosen}
        for name in chosen:
            schemas[name] = {"$ref": f"{part}#/{name.replace('~', '~0').replace('/', '~1')}"}
        target = folder / part
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
        notes.append(f"split {chosen} into {part}")
    expect_refusal = False
    links = draw(st.sampled_from(["none", "link beside", "ref to a link outside", "ref to a parent", "spec is a link"]))
    notes.append(links)
    if links != "none":
        (folder / "outside.yaml").symlink_to(sentinel / "secret.yaml")
        (folder / "outdir").symlink_to(sentinel / "folder", target_is_directory=True)
    if links in ("ref to a link outside", "ref to a parent") and schemas:
        name = sorted(schemas)[0]
        schemas[name] = {"$ref": "outside.yaml#/info" if links == "ref to a link outside" else "../outside/secret.yaml#/info"}
        expect_refusal = True
    path = folder / "spec.json"
    path.write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
    if links == "spec is a link":
        real = folder / "real-spec.json"
        path.rename(real)
        path.symlink_to(real.name)
    return SpecTree(path, expect_refusal, notes)


def prefill_out(out: Path, generated: List[str], kinds: List[str], draw: Callable[[Any], Any], sentinel: Path) -> List[str]:
    """Put hostile contents into `out` (where `generated` are the files a clean run writes); returns
    the paths of user files that must survive a run untouched."""
    out.mkdir(parents=True, exist_ok=True)
    user: List[str] = []
    files = sorted(generated)
    for kind in kinds:
        pick = files[draw(st.integers(0, len(files) - 1))]
        target = out / pick
        if kind == "user file":
            (out / "NOTES.md").write_text("mine\n", encoding="utf-8")
            user.append("NOTES.md")
        elif kind == "user file in a generated folder":
            path = target.parent / "mine.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("mine\n", encoding="utf-8")
            user.append(str(path.relative_to(out)))
        elif kind == "empty folder":
            (out / "empty").mkdir(exist_ok=True)
        elif kind == "link at a generated file":
            _replace(target, lambda p: p.symlink_to(sentinel / "victim.py"))
        elif kind == "link at a temporary name":
            target.parent.mkdir(parents=True, exist_ok=True)
            _replace(target.with_name(f".{target.name}.sdkgen-tmp"), lambda p: p.symlink_to(sentinel / "victim.py"))
        elif kind == "link at a staging name":
            for name in (".sdkgen-staging", ".sdkgen-tmp", ".sdkgen-old", f".{out.name}.sdkgen-staging"):
                _replace(out / name, lambda p: p.symlink_to(sentinel / "folder", target_is_directory=True))
        elif kind == "linked generated folder":
            top = out / pick.split("/")[0]
            if not os.path.lexists(top):
                top.symlink_to(sentinel / "folder", target_is_directory=True)
        elif kind.startswith("manifest"):
            manifest: Any = {
                "manifest with ../ entries": {"generator": "sdkgen", "files": {"../outside/victim.py": "0" * 64, "../../x": "0"}},
                "manifest with an absolute entry": {"generator": "sdkgen", "files": {str(sentinel / "victim.py"): "0" * 64}},
                "manifest not an object": [1, 2],
                "manifest files not an object": {"generator": "sdkgen", "files": ["a"]},
                "manifest garbage": None,
            }[kind]
            body = b"\xff\x00{" if manifest is None else json.dumps(manifest).encode()
            (out / ".sdkgen-manifest.json").write_bytes(body)
        elif kind == "folder where a file goes":
            if not os.path.lexists(target):
                target.mkdir(parents=True)
                (target / "inside.txt").write_text("x\n", encoding="utf-8")
    return user


def _replace(path: Path, make: Callable[[Path], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.is_file():
        path.unlink()
    if not os.path.lexists(path):
        make(path)


def tamper_cache(cache: Path, kinds: List[str], draw: Callable[[Any], Any], sentinel: Path) -> List[str]:
    """Change the entries of a filled cache folder (`cache` is XDG_CACHE_HOME)."""
    done: List[str] = []
    folders = sorted(p for p in (cache / "sdkgen").glob("*") if p.is_dir() and not p.is_symlink())
    entries = sorted(p for f in folders for p in f.iterdir() if p.is_file() and not p.is_symlink())
    for kind in kinds:
        if kind == "link folder outside" and folders:
            folder = folders[draw(st.integers(0, len(folders) - 1))]
            if folder.exists() and not folder.is_symlink():
                for child in folder.iterdir():
                    child.unlink() if not child.is_dir() or child.is_symlink() else None
                folder.rmdir() if not any(folder.iterdir()) else None
                if not os.path.lexists(folder):
                    folder.symlink_to(sentinel / "folder", target_is_directory=True)
                    done.append(f"{kind}: {folder.name}")
            continue
        live = [p for p in entries if p.is_file() and not p.is_symlink()]
        if not live or kind == "nothing":
            continue
        entry = live[draw(st.integers(0, len(live) - 1))]
        tag, _, body = entry.read_bytes().partition(b"\n")
        verdict = entry.parent.name == "validation"
        if kind == "code appended":
            entry.write_bytes(tag + b"\n" + body + b"import os; os.system('touch /tmp/pwned')\n")
        elif kind == "code appended unsigned":
            entry.write_bytes(b"-\n" + body + b"raise SystemExit('pwned')\n")
        elif kind == "garbage":
            entry.write_bytes(b"\xff\xfe\x00garbage")
        elif kind == "empty":
            entry.write_bytes(b"")
        elif kind == "link outside":
            entry.unlink()
            entry.symlink_to(sentinel / "victim.py")
        elif kind == "fifo":
            entry.unlink()
            os.mkfifo(entry)
        elif kind == "folder":
            entry.unlink()
            entry.mkdir()
        elif kind == "unchanged marker":
            entry.write_bytes(tag + b"\n=")
        elif kind == "verdict emptied" and verdict:
            entry.write_bytes(tag + b"\n[]")
        done.append(f"{kind}: {entry.parent.name}/{entry.name[:12]}")
    return done
