"""A keep-alive HTTP/1.1 server that answers every request at once with one fixed JSON body.

Run as its own process (so its CPU time does not count against the client being timed):

    python bench/mock_server.py PAYLOAD.json

It prints the port it listens on (127.0.0.1, chosen by the OS) as the first line of stdout, then serves
until killed.
"""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls on small responses
    body: bytes = b"{}"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.send_header("x-request-id", "req_bench")
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = _answer
    do_POST = _answer
    do_PUT = _answer
    do_PATCH = _answer
    do_DELETE = _answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def main(argv: list[str]) -> None:
    _Handler.body = Path(argv[1]).read_bytes()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
