"""How close sdkgen's zero-configuration names come to the official `openai` SDK's, by route.

    python -m bench.routes [--spec PATH] [--venv DIR] [--openai-version V]

Installs the official `openai` package into a scratch venv (`/tmp/openai-venv` unless told; made
when missing; this needs the network once), reads its resources' source (`bench/official_routes.py`),
builds sdkgen's IR of the spec with no configuration and the Python target's names of it, and
compares by route (`POST /chat/completions` -> `chat.completions.create`). Prints the share of the
routes both have whose method path equals an official one, then the ones that differ.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.official_routes import normal_route, official_routes

DEFAULT_SPEC = Path("/work/shared/specs/openai-openapi.yaml")
DEFAULT_VENV = Path("/tmp/openai-venv")


@dataclass(frozen=True)
class Comparison:
    same: list[tuple[str, str]]  # route, method path
    different: list[tuple[str, str, tuple[str, ...]]]  # route, ours, the official ones
    ours_only: list[str]
    official_only: list[str]

    @property
    def common(self) -> int:
        return len(self.same) + len(self.different)

    @property
    def share(self) -> float:
        return len(self.same) / self.common if self.common else 0.0


def compare(ours: dict[str, str], official: dict[str, set[str]]) -> Comparison:
    """Routes in both: ours equals one of the official method paths of that route, or not."""
    same, different = [], []
    for route in sorted(set(ours) & set(official)):
        if ours[route] in official[route]:
            same.append((route, ours[route]))
        else:
            different.append((route, ours[route], tuple(sorted(official[route]))))
    return Comparison(same, different, sorted(set(ours) - set(official)), sorted(set(official) - set(ours)))


def sdkgen_routes(spec_path: Path) -> dict[str, str]:
    """Route -> method path on sdkgen's Python client, with no configuration beyond the spec's."""
    from generator.errors import Diagnostics
    from generator.ir.build import build_api
    from generator.spec.refs import open_spec
    from generator.targets.python.naming import name_api

    api = build_api(open_spec(spec_path, spec_path.name), Diagnostics())
    names = name_api(api)
    out = {}
    for op in api.operations:
        chain = [names.attributes[op.resource[:depth]] for depth in range(1, len(op.resource) + 1)]
        out[normal_route(op.http_method, op.path)] = ".".join(chain + [names.methods[op.id]])
    return out


def ensure_official(venv: Path, version: str) -> Path:
    """The installed `openai` package's folder in `venv`, installed there first when missing."""
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = [str(python), "-c", "import importlib.util as u; print(u.find_spec('openai').submodule_search_locations[0])"]
    found = subprocess.run(probe, capture_output=True, text=True)
    if found.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"openai=={version}"], check=True)
        found = subprocess.run(probe, capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--openai-version", default="3.51.0")
    args = parser.parse_args(argv)
    result = compare(sdkgen_routes(args.spec), official_routes(ensure_official(args.venv, args.openai_version)))
    print(f"{len(result.same)} of {result.common} common routes have the official method path: {result.share:.1%}")
    print(f"({len(result.ours_only)} routes only in the spec, {len(result.official_only)} only in the SDK)")
    for route, ours, theirs in result.different:
        print(f"  {route:<60} {ours:<45} official: {', '.join(theirs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
