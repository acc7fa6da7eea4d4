"""A run with nothing to do: every input byte for byte what an earlier run by this user read, into an
output folder that still holds exactly what that run left there.

Such a run would load, build, render and compare everything only to write nothing. After each run
that ends with the output folder up to date, an entry is kept, signed with the user's key (cache.py):
under a name made of everything that decides the output (sdkgen's own code and the versions of the
libraries it runs, Python's version, the run's settings, and the bytes of the spec, the config file
and the overlays), it lists every other file the spec was read from with its digest, the digest of
the manifest the run left, and the run's warnings. A later run with the same name, whose other files
and whose output folder (the manifest and every file it lists, read without following links) are
still as recorded, reports the same warnings and "0 written" without doing the work. Anything that
does not match, an unsigned or foreign entry, an interrupted run's leftovers, `--no-cache`: the run
does the whole work. Nothing is ever written from an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import Store, sign, signing_key, verify
from ..identity import code_identity, file_digest
from ..spec.validate import VALIDATOR_ENV_DEFAULTS
from ..errors import Diagnostics, Place, SpecError, Warning
from .outdir import Folders, open_out, read_manifest, regular_file_bytes
from .staging import leftovers

if TYPE_CHECKING:
    from ..pipeline import Options
    from .writer import Changes

FORMAT = b"sdkgen unchanged-run entry 1"
MAX_OUTPUT_FILE = 64 * 2**20


def _run_name(options: Options) -> str | None:
    """The entry's name: None when an input cannot be read (the run says why)."""
    digest = hashlib.sha256(FORMAT + code_identity())
    settings = {
        "cwd": os.getcwd(),
        "spec": str(options.spec),
        "out": str(options.out),
        "skip_validation": options.skip_validation,
        "targets": options.targets,
        "regenerate": options.regenerate,
        # The user's validator settings, as the validator will see them (no SDKGEN_ variable
        # changes the output: they set timeouts, debugging and the bench's stage times).
        "env": sorted({**VALIDATOR_ENV_DEFAULTS, **{k: v for k, v in os.environ.items() if k.startswith("OPENAPI_SPEC_VALIDATOR_")}}.items()),
    }
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    inputs = [options.spec, *options.overlays] + ([options.config.path] if options.config is not None else [])
    for path in inputs:
        found = file_digest(path)
        if found is None:
            return None
        digest.update(f"{path}\0{found}\0".encode())
    return digest.hexdigest()


def _output_manifest(options: Options) -> tuple[str, int] | None:
    """(digest of the manifest, number of files) when the folder holds exactly what it lists."""
    try:
        out = open_out(options.out, create=False)
        if leftovers(out):
            return None
        folders = Folders(out)
        manifest = read_manifest(out, folders)
    except SpecError:
        return None
    if manifest.body is None or manifest.warnings:
        return None
    for relative, expected in manifest.files.items():
        if folders.parent_state(relative)[1] != "dir":
            return None
        data = regular_file_bytes(out, relative, MAX_OUTPUT_FILE)
        if data is None or hashlib.sha256(data).hexdigest() != expected:
            return None
    return hashlib.sha256(manifest.body).hexdigest(), len(manifest.files)


class UnchangedRuns:
    def __init__(self, options: Options):
        self.options = options
        enabled = options.use_cache
        self.store = Store("runs", enabled=enabled, writable=not options.check)
        self.key = signing_key(create=self.store.writable) if self.store.enabled else None
        self.name = _run_name(options) if self.key is not None else None

    def lookup(self) -> tuple[int, list[Warning]] | None:
        """(files, warnings) of the earlier run when this one has nothing to do, else None."""
        if self.name is None:
            return None
        raw = self.store.read(f"{self.name}.json")
        if raw is None or b"\n" not in raw:
            return None
        tag, body = raw.split(b"\n", 1)
        if not verify(self.key, tag, self.name.encode("ascii"), body):
            return None
        try:
            entry: dict[str, Any] = json.loads(body)
            for path, digest in entry["inputs"]:
                if file_digest(Path(path)) != digest:
                    return None
            output = _output_manifest(self.options)
            if output is None or output[0] != entry["manifest"]:
                return None
            warnings = [Warning(m, Place(f, p, line)) for f, p, line, m in entry["warnings"]]
            return output[1], warnings
        except (KeyError, TypeError, ValueError):
            return None

    def remember(self, inputs: list[Path], diagnostics: Diagnostics, written: Changes) -> None:
        """After a run that wrote the output folder up to date: what a later one needs to skip it (the
        manifest as the writer made it: the files were just written, not read back)."""
        if self.name is None or not self.store.writable or written.interrupted:
            return
        digests = [(str(path), file_digest(path)) for path in sorted(set(inputs))]
        if any(digest is None for _, digest in digests):
            return
        warnings = [[w.place.file, w.place.pointer, w.place.line, w.message] for w in diagnostics.warnings]
        entry = {"inputs": digests, "manifest": written.manifest_digest, "warnings": warnings}
        body = json.dumps(entry, sort_keys=True).encode()
        tag = sign(self.key, self.name.encode("ascii"), body) if self.key is not None else ""
        self.store.write(f"{self.name}.json", tag.encode("ascii") + b"\n" + body)
