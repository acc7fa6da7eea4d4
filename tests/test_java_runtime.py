"""The Java target's runtime (generator/targets/java/runtime/) compiles as Java 11 without a warning, also
relocated to another base package as the Java target copies it, and its JUnit 5 tests
(tests/java/runtime/) pass, against local HTTP servers they start themselves.
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


def _relocated_copy(folder: Path, base_package: str) -> Path:
    """The runtime's sources as the Java target writes them for `base_package`, under `folder`."""
    for source in sources_under(RUNTIME):
        text = _RELOCATED_LINE.sub(rf"\1 {base_package}", source.read_text(encoding="utf-8"))
        assert RUNTIME_PACKAGE not in text, source
        target = folder.joinpath(*base_package.split("."), source.relative_to(RUNTIME / "sdkgen" / "runtime"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def test_java_runtime_compiles_and_its_tests_pass(tmp_path: Path) -> None:
    require_java()
    classes = tmp_path / "classes"
    # One javac run for all (a JVM start is seconds): the runtime, its tests, and the relocated copy,
    # which must compile on its own name alone, so nothing in it may depend on `sdkgen.runtime`.
    relocated = _relocated_copy(tmp_path / "relocated", "com.example.sdk")
    compile(sources_under(RUNTIME, TESTS, relocated), classes)
    assert (classes / "com" / "example" / "sdk" / "core" / "http" / "ApiCaller.class").is_file()
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
