"""A scriptable HTTP server on 127.0.0.1: queue replies, then read what the client sent."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Deque, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Reply:
    """One scripted response. `body`: bytes/str sent as is, anything else as JSON."""

    status: int = 200
    body: Any = b""
    headers: Dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False  # close the connection without answering
    chunks: Optional[List[bytes]] = None  # written and flushed one by one (a stream)


@dataclass
class Received:
    method: str
    path: str
    query: List[Tuple[str, str]]
    raw_query: str
    headers: Dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class LocalServer:
    def __init__(self) -> None:
        self.replies: Deque[Reply] = deque()
        self.received: List[Received] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda *args: None  # type: ignore[method-assign]
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def reply(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def json(self, body: Any, status: int = 200, **headers: str) -> None:
        self.replies.append(Reply(status=status, body=body, headers=headers))

    def reset(self) -> None:
        self.replies.clear()
        self.received.clear()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _handler_for(server: LocalServer) -> type:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _handle(self) -> None:
            url = urlsplit(self.path)
            server.received.append(
                Received(
                    method=self.command,
                    path=url.path,
                    query=parse_qsl(url.query, keep_blank_values=True),
                    raw_query=url.query,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self._read_body(),
                )
            )
            reply = (
                server.replies.popleft()
                if server.replies
                else Reply(418, b"no reply scripted")
            )
            time.sleep(reply.delay)
            if reply.drop:
                self.close_connection = True
                return
            self._send(reply)

        def _read_body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                body = b""
                while True:
                    size = int(self.rfile.readline().strip(), 16)
                    chunk = self.rfile.read(size + 2)[:size]
                    if not size:
                        return body
                    body += chunk
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _send(self, reply: Reply) -> None:
            body = reply.body
            headers = dict(reply.headers)
            if not isinstance(body, (bytes, str)):
                body = json.dumps(body)
                headers.setdefault("Content-Type", "application/json")
            payload = body.encode() if isinstance(body, str) else body
            try:
                self.send_response(reply.status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if reply.chunks is None:
                    self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if reply.chunks is None:
                    self.wfile.write(payload)
                for chunk in reply.chunks or []:
                    self.wfile.write(chunk)
                    self.wfile.flush()
            except OSError:
                pass  # the client gave up (a timeout test)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    return Handler
