"""One character as an escape: `\\xNN`, `\\uNNNN` or `\\UNNNNNNNN`.

The same spelling serves a terminal line (`errors.printable`), a Markdown code span or block (the docs
show a character they hide) and a Python string literal (it is Python's own escape syntax).
"""

from __future__ import annotations


def escape_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
