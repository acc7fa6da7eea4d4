"""Start and stop Prism, the mock server the tests drive the generated SDK against.

`prism mock` serves an OpenAPI spec: it validates each request against the spec (401 when the
`security` requirement is not met, 422 with a JSON problem body when parameters or body are invalid,
415 for a body the operation does not take) and answers with the operation's `example`.

Flags, and why:
- `--errors`: Prism also checks its own answer against the response schema and returns 500 when the
  example does not match, so a wrong example in the spec shows up as a failure, not as silently bad data.
- `--dynamic=false`: static examples, so every answer is the same. A request can still ask for a
  generated body (`Prefer: dynamic=true`) or for a named entry of `examples` (`Prefer: example=<key>`).

Request validation (401, 422, 415) happens with or without `--errors`.

Prism's log (stdout and stderr, one request is about six lines) goes to a temporary file, never to a
pipe nobody reads (that would block Prism once the pipe is full); its tail is in every error.
"""

from __future__ import annotations

import atexit
import http.client
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Optional, Type

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRISM_BIN = ROOT / "node_modules" / ".bin" / "prism"
CHATKIT_SPEC = ROOT / "spec" / "chatkit.yaml"


class PrismError(RuntimeError):
    """Prism did not start, or stopped while starting."""


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _answers(host: str, port: int) -> bool:
    """True when an HTTP server answers on host:port (any status: Prism says 404 for `/`)."""
    conn = http.client.HTTPConnection(host, port, timeout=1.0)
    try:
        conn.request("GET", "/")
        conn.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        conn.close()


class PrismServer:
    """One `prism mock` process for one spec.

    >>> with PrismServer("spec/chatkit.yaml") as prism:
    ...     httpx.get(prism.url + "/chatkit/threads", headers={"Authorization": "Bearer k"})
    """

    def __init__(
        self,
        spec: "str | os.PathLike[str]",
        *,
        host: str = "127.0.0.1",
        port: Optional[int] = None,
        startup_timeout: float = 30.0,
        binary: "str | os.PathLike[str]" = PRISM_BIN,
    ) -> None:
        self.spec = Path(spec).resolve()
        self.host = host
        self.port = port
        self.startup_timeout = startup_timeout
        self.binary = Path(binary)
        self.startup_seconds: Optional[float] = None
        self._proc: Optional[subprocess.Popen[bytes]] = None
        self._log: Optional[IO[bytes]] = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise PrismError("Prism is not started")
        return f"http://{self.host}:{self.port}"

    def start(self) -> "PrismServer":
        """Start Prism and wait until it answers HTTP; retries once on a port taken in the meantime."""
        if self._proc is not None:
            return self
        if not self.spec.is_file():
            raise PrismError(f"spec not found: {self.spec}")
        if not self.binary.exists():
            raise PrismError(f"Prism not installed: {self.binary} is missing (run `make setup`)")
        retries = 0 if self.port is not None else 2
        while True:
            try:
                self._start_once()
                return self
            except PrismError as exc:
                if retries == 0 or "EADDRINUSE" not in str(exc):
                    raise
                retries -= 1
                self.port = None

    def _start_once(self) -> None:
        if self.port is None:
            self.port = free_port(self.host)
        self._log = tempfile.NamedTemporaryFile(prefix="prism-", suffix=".log", delete=False)
        cmd = [
            str(self.binary), "mock", str(self.spec),
            "-h", self.host, "-p", str(self.port),
            "--errors", "--dynamic=false",
        ]
        started = time.monotonic()
        try:
            # Own process group: stop() signals the group, so nothing Prism starts outlives it.
            self._proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            self._close_log()
            raise PrismError(f"cannot run {cmd[0]}: {exc}") from exc
        atexit.register(self.stop)
        deadline = started + self.startup_timeout
        while True:
            code = self._proc.poll()
            if code is not None:
                tail = self.log_tail()
                self.stop()
                raise PrismError(
                    f"Prism exited with code {code} while starting on {self.spec.name}"
                    f" (port {self.port}). Its output:\n{tail}"
                )
            if _answers(self.host, self.port):
                self.startup_seconds = time.monotonic() - started
                return
            if time.monotonic() > deadline:
                tail = self.log_tail()
                self.stop()
                raise PrismError(
                    f"Prism did not answer on {self.url} within {self.startup_timeout:.0f} s"
                    f" ({self.spec.name}). Its output:\n{tail}"
                )
            time.sleep(0.05)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of Prism's output, without the CLI usage text it prints before a fatal error."""
        if self._log is None:
            return ""
        try:
            text = Path(self._log.name).read_text(errors="replace")
        except OSError:
            return ""
        usage = text.find("prism mock <document>")
        end = text.find("\n\n", text.find("--seed", usage)) if usage >= 0 else -1
        if usage >= 0 and end >= 0:
            text = text[:usage] + "(usage text left out)" + text[end:]
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, grace: float = 5.0) -> None:
        """SIGTERM the process group, SIGKILL it after `grace` seconds; idempotent."""
        proc, self._proc = self._proc, None
        if proc is not None:
            atexit.unregister(self.stop)
            if proc.poll() is None:
                self._signal_group(proc, signal.SIGTERM)
                try:
                    proc.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    self._signal_group(proc, signal.SIGKILL)
                    proc.wait()
        self._close_log()

    @staticmethod
    def _signal_group(proc: "subprocess.Popen[bytes]", sig: int) -> None:
        try:
            os.killpg(proc.pid, sig)  # the group id is Prism's pid (start_new_session)
        except ProcessLookupError:
            pass

    def _close_log(self) -> None:
        log, self._log = self._log, None
        if log is not None:
            log.close()
            try:
                os.unlink(log.name)
            except OSError:
                pass

    def __enter__(self) -> "PrismServer":
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()


def require_tool(name: str, binary: Path) -> None:
    """Skip when an npm tool `make setup` installs is missing, except in CI (`CI` set), where a
    missing tool is a failure."""
    if binary.exists():
        return
    message = f"{name} is not installed ({binary.relative_to(ROOT)} is missing): run `make setup`"
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(message + " (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)
