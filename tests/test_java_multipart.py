"""Multipart file fields of the Java target: `tests/fixtures/specs/cov_formats_files.yaml`'s upload
(`file`, `format: binary`; `attachments`, an array of them; text fields beside them), compiled with
its golden Java tree, sends each file as a file part (from a `Path`, `byte[]` and `InputStream`)
after the text fields, blocking and async, to a local server that reads the parts back.
"""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path
from typing import List, Optional, Tuple

from tests.golden_cases import ROOT, full_java
from java_tools import QuietHandler, compile, local_server, reply, require_java, run_main, sources_under

PROGRAM = ROOT / "tests" / "java" / "multipart"
Part = Tuple[str, Optional[str], Optional[str], bytes]  # name, filename, content type, bytes


class _Uploads(QuietHandler):
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
        reply(self, 200 if ok else 400, data, "application/json")


def test_multipart_files_are_sent_as_file_parts_blocking_and_async(tmp_path: Path) -> None:
    require_java()
    tree = full_java(ROOT / "tests" / "golden" / "cov_formats_files", tmp_path / "sdk")
    classes = tmp_path / "classes"
    compile([*sources_under(tree), *sources_under(PROGRAM)], classes, junit=False)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"hello")
    _Uploads.received = []
    with local_server(_Uploads) as url:
        result = run_main(classes, "MultipartCalls", url, str(notes))
    assert result.ok and result.output.strip() == "ok", result.report()
    octets = "application/octet-stream"
    expected: List[Part] = [
        ("purpose", None, None, b"assistants"),
        ("note", None, None, b"hi"),
        ("file", "notes.txt", octets, b"hello"),
        ("attachments", "a.bin", octets, b"first"),
        ("attachments", "b.bin", octets, bytes([0, 1, 2, 255])),
    ]
    assert _Uploads.received == [expected, expected]
