"""Multipart file fields of the Java target: `tests/fixtures/specs/cov_formats_files.yaml`'s upload
(`file`, `format: binary`; `attachments`, an array of them; text fields beside them), compiled with
its golden Java tree, sends each file as a file part (from a `Path`, `byte[]` and `InputStream`)
after the text fields, blocking and async, to a local server that reads the parts back.
"""

from __future__ import annotations

import email
import email.policy
import http.server
import json
import subprocess
import threading
from pathlib import Path
from typing import Any, List, Optional, Tuple

from tests.golden_cases import ROOT, full_java
from java_tools import classpath, compile, java_path, require_java, sources_under

PROGRAM = ROOT / "tests" / "java" / "multipart"
Part = Tuple[str, Optional[str], Optional[str], bytes]  # name, filename, content type, bytes


class _Uploads(http.server.BaseHTTPRequestHandler):
    """POST /files: records the multipart parts of each request and answers a StoredFile."""

    received: List[List[Part]] = []

    def do_POST(self) -> None:
        content = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        head = f"Content-Type: {self.headers.get('Content-Type', '')}\r\n\r\n".encode()
        message = email.message_from_bytes(head + content, policy=email.policy.HTTP)
        parts: List[Part] = []
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            has_type = "Content-Type" in part
            payload = part.get_payload(decode=True)
            parts.append((str(name), part.get_filename(), part.get_content_type() if has_type else None, payload))
        self.received.append(parts)
        ok = self.path == "/files" and message.get_content_type() == "multipart/form-data"
        data = json.dumps({"id": "file_1", "filename": "notes.txt", "bytes": 5, "purpose": "assistants"}).encode()
        self.send_response(200 if ok else 400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_multipart_files_are_sent_as_file_parts_blocking_and_async(tmp_path: Path) -> None:
    require_java()
    tree = full_java(ROOT / "tests" / "golden" / "cov_formats_files", tmp_path / "sdk")
    classes = tmp_path / "classes"
    compile([*sources_under(tree), *sources_under(PROGRAM)], classes, junit=False)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"hello")
    _Uploads.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Uploads)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        java = java_path()
        assert java is not None
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = subprocess.run(
            [java, "-cp", classpath(classes), "MultipartCalls", url, str(notes)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stdout
    octets = "application/octet-stream"
    expected: List[Part] = [
        ("purpose", None, None, b"assistants"),
        ("note", None, None, b"hi"),
        ("file", "notes.txt", octets, b"hello"),
        ("attachments", "a.bin", octets, b"first"),
        ("attachments", "b.bin", octets, bytes([0, 1, 2, 255])),
    ]
    assert _Uploads.received == [expected, expected]
