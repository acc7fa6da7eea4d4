"""Compiling and testing Java from the tests: the JDK and the Debian jars `make setup` installs.

Shared by the tests (import by plain name: tests/ is on sys.path under pytest):

    from java_tools import compile, require_java, run_junit, sources_under
    require_java()                      # skip without a JDK (fail in CI); fail when a jar is missing
    compile(sources_under(src, tests), out)   # javac --release 11 -Xlint:all -Werror; raises JavaError
    result = run_junit(out)             # the JUnit 5 console launcher over every test class in `out`
    assert result.ok, result.report()
    with local_server(Handler) as url:  # a local HTTP server (`reply` writes a handler's answer)
        result = run_main(out, "Main", url)   # java -cp <jars>:out Main url

The classpath is the Debian jars (`/usr/share/java/*.jar`, unversioned names): Jackson 2.14
core/databind/annotations, OkHttp 3 + okio (`COMPILE_JARS`), and the JUnit console launcher
(`JUNIT_LAUNCHER`), which also holds the JUnit API the tests compile against.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Sequence, Type, Union

import pytest

# The result of a command, with `.ok` and `.report()`: the type checks' own.
from typecheck import CheckResult

JAVA_SHARE = Path("/usr/share/java")
# What runtime (and generated) code compiles against.
COMPILE_JARS = tuple(
    JAVA_SHARE / name
    for name in ("jackson-core.jar", "jackson-databind.jar", "jackson-annotations.jar", "okhttp.jar", "okio.jar")
)
# The JUnit 5 console launcher: engine, platform and the Jupiter API in one jar.
JUNIT_LAUNCHER = JAVA_SHARE / "junit-platform-console-standalone.jar"
JAVA_RELEASE = "11"
# Seconds, generous: a hung test server must fail the run, not hang it.
JAVAC_TIMEOUT = 300.0
JUNIT_TIMEOUT = 300.0

PathLike = Union[str, "os.PathLike[str]"]


class JavaError(AssertionError):
    """javac failed; the message holds the command and everything it printed."""


def javac_path() -> Optional[str]:
    """The `javac` on PATH, or None."""
    return shutil.which("javac")


def java_path() -> Optional[str]:
    """The `java` on PATH, or None."""
    return shutil.which("java")


def missing_tools() -> List[str]:
    """What `make setup` would install and is not there: `javac`, `java`, or a jar path."""
    missing = [name for name, path in (("javac", javac_path()), ("java", java_path())) if path is None]
    missing += [str(jar) for jar in (*COMPILE_JARS, JUNIT_LAUNCHER) if not jar.is_file()]
    return missing


def require_java() -> None:
    """Skip when there is no JDK (`javac`, `java`), except in CI (`CI` set), where that is a failure;
    fail when the JDK is there but a jar is not (`make setup` installs both)."""
    missing = missing_tools()
    if not missing:
        return
    message = f"Java is not installed ({', '.join(missing)} missing): run `make setup`"
    if javac_path() is not None and java_path() is not None:
        pytest.fail(message + " (a JDK without the jars)", pytrace=False)
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(message + " (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def classpath(*extra: PathLike, junit: bool = False) -> str:
    """The compile classpath (`COMPILE_JARS`), then `extra`, then the JUnit launcher if `junit`."""
    parts = [str(jar) for jar in COMPILE_JARS] + [str(path) for path in extra]
    if junit:
        parts.append(str(JUNIT_LAUNCHER))
    return os.pathsep.join(parts)


def sources_under(*folders: PathLike) -> List[Path]:
    """Every `.java` file under `folders`, sorted."""
    return sorted(path for folder in folders for path in Path(folder).rglob("*.java"))


def _run(command: Sequence[PathLike], timeout: float) -> CheckResult:
    argv = [str(part) for part in command]
    try:
        completed = subprocess.run(
            argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        output = error.stdout if isinstance(error.stdout, str) else ""
        return CheckResult(argv, -1, f"{output}\n(timed out after {timeout:.0f} s)")
    return CheckResult(argv, completed.returncode, completed.stdout)


def compile(
    sources: Iterable[PathLike],
    out_dir: PathLike,
    *,
    extra_classpath: Sequence[PathLike] = (),
    junit: bool = True,
    lint: str = "all",
) -> CheckResult:
    """`javac --release 11 -Xlint:<lint> -Werror` of `sources` into `out_dir`; raises JavaError on failure.

    The classpath is `classpath(*extra_classpath, junit=junit)`. Source paths go through an argument
    file, so a large tree does not overflow the command line.
    """
    javac = javac_path()
    if javac is None:
        raise JavaError("javac is not installed: run `make setup`")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = [str(Path(source)) for source in sources]
    if not files:
        raise JavaError("No Java sources to compile")
    argfile = out / "sources.txt"
    argfile.write_text("\n".join(f'"{name}"' for name in files) + "\n", encoding="utf-8")
    command: List[PathLike] = [
        javac, "--release", JAVA_RELEASE, f"-Xlint:{lint}", "-Werror", "-encoding", "UTF-8",
        "-cp", classpath(*extra_classpath, junit=junit), "-d", out, f"@{argfile}",
    ]
    result = _run(command, JAVAC_TIMEOUT)
    argfile.unlink()
    if not result.ok:
        raise JavaError(result.report())
    return result


def run_junit(
    classes_dir: PathLike,
    *,
    extra_classpath: Sequence[PathLike] = (),
    select_package: Optional[str] = None,
) -> CheckResult:
    """Runs the JUnit 5 console launcher over the test classes in `classes_dir` (or one package of them).

    Returns the result (the launcher exits non-zero when a test fails or none is found); assert
    `result.ok, result.report()`.
    """
    java = java_path()
    if java is None:
        raise JavaError("java is not installed: run `make setup`")
    selector = ["--select-package", select_package] if select_package else ["--scan-classpath", str(classes_dir)]
    command: List[PathLike] = [
        java, "-jar", JUNIT_LAUNCHER,
        "--class-path", classpath(classes_dir, *extra_classpath),
        *selector,
        "--disable-banner", "--details=summary", "--details-theme=ascii", "--fail-if-no-tests",
    ]
    return _run(command, JUNIT_TIMEOUT)


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """A test server's handler that logs nothing."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def reply(handler: http.server.BaseHTTPRequestHandler, status: int, data: bytes, content_type: str) -> None:
    """A test server's whole answer: status, `Content-Type`, `Content-Length` and the bytes."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


@contextlib.contextmanager
def local_server(handler: Type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A threading HTTP server on 127.0.0.1 for the duration; yields its base URL (no trailing slash)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run_main(classes_dir: PathLike, main_class: str, *args: str, timeout: float = 120.0) -> CheckResult:
    """`java -cp <compile jars>:<classes_dir> main_class args...`; its output, stdout and stderr together."""
    java = java_path()
    if java is None:
        raise JavaError("java is not installed: run `make setup`")
    return _run([java, "-cp", classpath(classes_dir), main_class, *args], timeout)
