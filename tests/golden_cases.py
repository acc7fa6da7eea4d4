"""The golden cases: each spec and the folder that holds exactly what sdkgen makes of it.

`make generate` regenerates every one (`python -m tests.golden_cases`); `make check` runs the same with
`--check`; `tests/test_golden.py` compares every one byte for byte. Specs under tests/fixtures/lenient/
bend the standard and are generated with --skip-validation.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Case:
    spec: Path
    out: Path
    skip_validation: bool = False

    @property
    def name(self) -> str:
        return self.out.relative_to(ROOT).as_posix()


def cases() -> list[Case]:
    found = [Case(ROOT / "spec" / "chatkit.yaml", ROOT / "generated")]
    for spec in sorted((ROOT / "tests" / "fixtures" / "specs").glob("*.yaml")):
        found.append(Case(spec, ROOT / "tests" / "golden" / spec.stem))
    for spec in sorted((ROOT / "tests" / "fixtures" / "lenient").glob("*.yaml")):
        found.append(Case(spec, ROOT / "tests" / "golden" / spec.stem, skip_validation=True))
    return found


def main(argv: list[str]) -> int:
    from generator.pipeline import Options, run

    check = "--check" in argv
    os.chdir(ROOT)
    stale = 0
    for case in cases():
        options = Options(
            case.spec.relative_to(ROOT),
            case.out.relative_to(ROOT),
            check=check,
            skip_validation=case.skip_validation,
        )
        result = run(options)
        changes = result.changes
        if check and changes.any:
            stale += 1
            print(f"{case.name} is stale:")
            for line in changes.lines():
                print(f"  {line}")
        elif not check:
            written = len(changes.added) + len(changes.modified) + len(changes.removed)
            print(f"{case.name}: {len(result.files)} files, {written} changed")
    if stale:
        print("run `make generate`, read the diff, and commit it")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
