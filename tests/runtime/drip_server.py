"""A server on 127.0.0.1 that answers slowly on purpose, driven by the test, not by the clock.

Every request gets the same response; after its first `instant` bytes, each further byte is sent
when the test calls `permit()` (the tests' fake clock does, once per reading of the time), or when
`interval` real seconds pass without a permit. The fallback keeps an old client, which never reads
the fake clock, fed just often enough that no per-read timeout fires: it would hang for
len(response) * interval seconds, where a client with a deadline gives up after a few permits.
"""

from __future__ import annotations

import json
import socket
import threading
from typing import Any, Callable, List


def http_response(body: Any, *, padding: int = 4000, body_padding: int = 0) -> bytes:
    """A complete HTTP/1.1 200 response, padded (a header, spaces before the JSON) to be long."""
    payload = b" " * body_padding + json.dumps(body).encode()
    head = (
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n"
        "Connection: close\r\n"
        f"X-Padding: {'p' * padding}\r\n\r\n"
    )
    return head.encode() + payload


class DripServer:
    def __init__(self, response: bytes, *, instant: int = 0, interval: float = 0.5):
        self.response = response
        self.instant = instant
        self.interval = interval
        self.requests = 0
        self.sent: List[int] = []  # bytes sent, per request, once it ended
        self._lock = threading.Condition()
        self._permits = threading.Semaphore(0)
        self._closed = threading.Event()
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}/v1"
        threading.Thread(target=self._accept, daemon=True).start()

    def wait_for_requests(self, count: int) -> int:
        """The number of requests read, once it is `count` (a client may give up before the server
        has read its request; this waits for the server's thread, not for a time)."""
        with self._lock:
            self._lock.wait_for(lambda: self.requests >= count, timeout=60)
            return self.requests

    def permit(self) -> None:
        self._permits.release()

    def close(self) -> None:
        self._closed.set()
        for _ in range(64):
            self._permits.release()
        self._socket.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            threading.Thread(
                target=self._serve, args=(connection,), daemon=True
            ).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            if not _read_request(connection):
                return
            with self._lock:
                self.requests += 1
                self._lock.notify_all()
            sent = 0
            try:
                connection.sendall(self.response[: self.instant])
                sent = self.instant
                while sent < len(self.response) and not self._closed.is_set():
                    self._permits.acquire(timeout=self.interval)
                    connection.sendall(self.response[sent : sent + 1])
                    sent += 1
            except OSError:
                pass  # the client gave up
            with self._lock:
                self.sent.append(sent)


def _read_request(connection: socket.socket) -> bool:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return False
        body += chunk
    return True


class FakeClock:
    """A monotonic clock that moves `step` seconds each time it is read, and calls `on_read`."""

    def __init__(self, step: float, on_read: Callable[[], None] = lambda: None):
        self.now = 1000.0
        self.step = step
        self.reads = 0
        self._on_read = on_read

    def __call__(self) -> float:
        self.now += self.step
        self.reads += 1
        self._on_read()
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
