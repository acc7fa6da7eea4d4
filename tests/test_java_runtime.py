"""The Java target's runtime (generator/targets/java/runtime/) compiles as Java 11 without a warning,
and its JUnit 5 tests (tests/java/runtime/) pass, against local HTTP servers they start themselves.
"""

from __future__ import annotations

from pathlib import Path

from java_tools import compile, require_java, run_junit, sources_under

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "generator" / "targets" / "java" / "runtime"
TESTS = ROOT / "tests" / "java" / "runtime"


def test_java_runtime_compiles_and_its_tests_pass(tmp_path: Path) -> None:
    require_java()
    classes = tmp_path / "classes"
    compile(sources_under(RUNTIME, TESTS), classes)
    result = run_junit(classes)
    assert result.ok, result.report()


def test_runtime_names_its_own_package_only_in_package_and_import_lines() -> None:
    # The Java target relocates `sdkgen.runtime` in those lines only; anywhere else it would stay.
    for source in sources_under(RUNTIME):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if "sdkgen" in line:
                assert line.startswith(("package sdkgen.runtime", "import sdkgen.runtime")), (
                    f"{source.relative_to(ROOT)}:{number}: {line.strip()}"
                )
