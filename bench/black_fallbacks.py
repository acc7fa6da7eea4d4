"""How many statements of a spec's Python output sdkgen still gives black (run in the project venv).

`python bench/black_fallbacks.py SPEC` renders the spec with the Python target (no validation, no
writing) and prints, as JSON, how many statements the format stage would give black because the
layout module declined them or a template printed them over the limit (`statements`), and in how many
files. It counts work, not time: the bench's target is 0 on the OpenAI spec.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.errors import Diagnostics  # noqa: E402
from generator.ir.build import build_api  # noqa: E402
from generator.spec.refs import open_spec  # noqa: E402
from generator.targets.python.long_lines import statements_for_black  # noqa: E402
from generator.targets.python.lower import lower  # noqa: E402
from generator.targets.python.render import render_target, runtime_files  # noqa: E402


def main(spec_path: Path) -> dict[str, object]:
    api = build_api(open_spec(spec_path, spec_path.name), Diagnostics())
    stable = set(runtime_files().values())
    files = {p: t for p, t in render_target(api, lower(api)).items() if p.endswith(".py") and t not in stable}
    counts = {p: statements_for_black({p: t}) for p, t in files.items()}
    return {
        "statements": sum(counts.values()),
        "files": sum(1 for n in counts.values() if n),
        "modules": len(files),
        "examples": sorted(p for p, n in counts.items() if n)[:3],
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
