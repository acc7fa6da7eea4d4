"""Stage 2: every `$ref` resolves, and only inside the spec's folder; other files are bundled in.

- `files`: following one ref (URLs, absolute paths and paths that lead out of the folder refused
  before anything is opened), each file loaded once, problems gathered into one message.
- `walk`: where the refs of a document are, and what kind of OpenAPI object each stands for.
- `bundle`: refs to other files copied into the root document, and rewritten to local pointers.
- `chains`: pure `$ref` / `allOf` cycles, and over-long chains of them, refused.
"""

from __future__ import annotations

from pathlib import Path

from .bundle import bundle_files
from .chains import check_links
from .document import Spec, detect_version
from .files import Files
from .loader import load_file


def bundle(spec: Spec) -> None:
    """Bundle every file the spec refers to into `spec.document`, or raise a SpecError listing every
    ref that cannot be followed; then refuse cycles and over-long chains of refs."""
    files = Files(spec)
    bundle_files(files)
    check_links(files)


def open_spec(path: Path, shown: str) -> Spec:
    """Load the root file, check its version, bundle and check its refs."""
    document = load_file(path, shown)
    version = detect_version(document, shown, path)
    spec = Spec(document=document, path=path, shown=shown, version=version)
    bundle(spec)
    return spec


__all__ = ["open_spec", "bundle"]
