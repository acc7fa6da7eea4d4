"""Stage 2: every `$ref` resolves, and only inside the spec's folder; other files are bundled in.

- `files`: following one ref (URLs, absolute paths and paths that lead out of the folder refused
  before anything is opened), each file loaded once, problems gathered into one message.
- `walk`: where the refs of a document are, and what kind of OpenAPI object each stands for.
- `bundle`: refs to other files copied into the root document, and rewritten to local pointers.
- `chains`: pure `$ref` / `allOf` cycles, and over-long chains of them, refused.
- `overlay`, `overlay_apply`: `--overlay` files applied to the bundled document, between bundling
  and `chains` (so what an overlay removed or brought in is checked like the rest).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import Place, SpecError

from .bundle import bundle_files
from .chains import check_links
from .document import Spec, detect_version
from .files import Files
from .lines import forget_lines
from .loader import load_file
from .texts import inline_texts, root_texts


def bundle(
    spec: Spec,
    overlays: tuple[tuple[Path, str], ...] = (),
    warn: Callable[[str, Place], None] | None = None,
) -> None:
    """Bundle every file the spec refers to into `spec.document`, or raise a SpecError listing every
    ref that cannot be followed; apply the overlays to the bundled document; then refuse refs that
    lead nowhere, cycles and over-long chains of refs (in what the overlays left)."""
    files = Files(spec)
    bundle_files(files)
    if overlays:
        from .overlay import apply_overlays
        from .overlay_apply import check_overlay_refs

        files.root_walk = None  # the overlays change the document's shape
        forget_lines(spec.path)
        apply_overlays(spec, overlays, warn or (lambda message, place: None))
        check_overlay_refs(spec)
        try:
            spec.version = detect_version(spec.document, spec.shown)
        except SpecError as error:  # an overlay changed `openapi`: name the line it wrote
            raise SpecError(error.message, spec.place(error.place.pointer if error.place else "#")) from None
    check_links(files)
    if overlays:  # refs to strings that an overlay brought in, inlined as bundling did the others
        inline_texts(files, root_texts(files))


def open_spec(
    path: Path,
    shown: str,
    overlays: tuple[tuple[Path, str], ...] = (),
    warn: Callable[[str, Place], None] | None = None,
) -> Spec:
    """Load the root file, check its version, bundle it, apply the overlays (each a path and its name
    in messages; `warn` hears of targets that select nothing), and check its refs."""
    document = load_file(path, shown)
    version = detect_version(document, shown, path)
    spec = Spec(document=document, path=path, shown=shown, version=version)
    bundle(spec, overlays, warn)
    return spec


__all__ = ["open_spec", "bundle"]
