"""The Java target's runtime (generator/targets/java/runtime/) compiles as Java 11 without a warning,
and its JUnit 5 tests (tests/java/runtime/) pass, against local HTTP servers they start themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

from java_tools import compile, require_java, run_junit, sources_under

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "generator" / "targets" / "java" / "runtime"
TESTS = ROOT / "tests" / "java" / "runtime"
# The prefix the Java target replaces by the configured base package, in package and import lines only.
RUNTIME_PACKAGE = "sdkgen.runtime"
_RELOCATED_LINE = re.compile(r"^(package|import|import static) sdkgen\.runtime(?=[.;])", re.MULTILINE)


def test_java_runtime_compiles_and_its_tests_pass(tmp_path: Path) -> None:
    require_java()
    classes = tmp_path / "classes"
    compile(sources_under(RUNTIME, TESTS), classes)
    result = run_junit(classes)
    assert result.ok, result.report()


def test_runtime_compiles_relocated_to_another_base_package(tmp_path: Path) -> None:
    # What the Java target does to each file: so the runtime must not depend on its own package name.
    require_java()
    relocated = tmp_path / "src"
    for source in sources_under(RUNTIME):
        text = _RELOCATED_LINE.sub(r"\1 com.example.sdk", source.read_text(encoding="utf-8"))
        assert RUNTIME_PACKAGE not in text, source
        target = relocated / "com" / "example" / "sdk" / source.relative_to(RUNTIME / "sdkgen" / "runtime")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    compile(sources_under(relocated), tmp_path / "classes", junit=False)
    assert (tmp_path / "classes" / "com" / "example" / "sdk" / "core" / "http" / "ApiCaller.class").is_file()


def test_runtime_names_its_own_package_only_in_package_and_import_lines() -> None:
    # The Java target relocates `sdkgen.runtime` in those lines only; anywhere else it would stay.
    for source in sources_under(RUNTIME):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if "sdkgen" in line:
                assert line.startswith(("package sdkgen.runtime", "import sdkgen.runtime")), (
                    f"{source.relative_to(ROOT)}:{number}: {line.strip()}"
                )
