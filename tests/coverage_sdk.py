"""Helpers for the coverage tests: the golden SDK of a `tests/fixtures/specs/cov_*.yaml` spec, imported
under its own package name, and a tiny event-stream server (Prism cannot serve text/event-stream).

Each fixture spec sets `x-sdkgen: {package-name: cov_<theme>}`, so every golden SDK imports by a
distinct name and they can all live in one test process.
"""

from __future__ import annotations

import importlib
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, List, Optional, Tuple

from tests.golden_cases import full_python

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "tests" / "fixtures" / "specs"
GOLDEN = ROOT / "tests" / "golden"
THEMES = sorted(p.stem for p in SPECS.glob("cov_*.yaml"))


def spec_path(theme: str) -> Path:
    return SPECS / f"{theme}.yaml"


def python_dir(theme: str) -> Path:
    """The folder to put on sys.path for the golden SDK of `theme` (the golden tree with the runtime,
    in a temporary folder: see tests/golden_cases.py)."""
    return full_python(GOLDEN / theme)


def golden_sdk(theme: str) -> ModuleType:
    """The golden SDK package of `theme` (its package name is the theme: `cov_names`)."""
    folder = str(python_dir(theme))
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(theme)


def submodule(theme: str, name: str) -> ModuleType:
    golden_sdk(theme)
    return importlib.import_module(f"{theme}.{name}")


class EventServer:
    """Answers every request with the queued status, headers and raw body; records what it got.

    Used for text/event-stream, which Prism does not serve (with `--errors` it checks the body against
    the event schema as if it were one JSON document).
    """

    def __init__(self) -> None:
        self.replies: List[Tuple[int, Dict[str, str], bytes]] = []
        self.received: List[Dict[str, Any]] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def events(self, *payloads: Any, done: bool = False) -> None:
        """Queue an event-stream reply: one `data:` event per payload (JSON unless a str)."""
        text = "".join(
            f"data: {p if isinstance(p, str) else json.dumps(p)}\n\n" for p in payloads
        )
        if done:
            text += "data: [DONE]\n\n"
        self.replies.append((200, {"Content-Type": "text/event-stream"}, text.encode()))

    def json(self, payload: Any) -> None:
        self.replies.append((200, {"Content-Type": "application/json"}, json.dumps(payload).encode()))

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _handler(server: EventServer) -> type:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            received: Dict[str, Any] = {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body,
            }
            server.received.append(received)
            status, headers, content = server.replies.pop(0) if server.replies else (500, {}, b"no reply queued")
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

    return Handler


def body_json(received: Dict[str, Any]) -> Optional[Any]:
    raw = received["body"]
    return json.loads(raw) if raw else None
