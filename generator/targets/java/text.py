"""Spec text made safe for Java source: string literals and Javadoc.

javac decodes every `\\uXXXX` escape before it reads a token, comments included: a backslash followed
by `u` anywhere in the source is an escape (a malformed one is a compile error, `\\u002a/` would end a
comment). So no backslash from the spec reaches the source as it is: in a literal it is `\\\\`, in
Javadoc `&#92;`. Everything else that could end or bend a comment (`*/`, `@` at a line's start, HTML)
is written as an entity.
"""

from __future__ import annotations

import textwrap
import unicodedata

# Javadoc lines are wrapped at this width (the prefix ` * ` and the indent come on top).
DOC_WIDTH = 100

_LITERAL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}

# In Javadoc: characters that would end the comment, start a tag or an HTML element, or be read as
# a unicode escape. `&#64;` for `@` everywhere: an inline `{@code}` would be read too.
_DOC_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "@": "&#64;",
    "\\": "&#92;",
}


def java_string(value: str) -> str:
    """A Java string literal for `value`: ASCII only, every other character as `\\uXXXX` (UTF-16)."""
    out = ['"']
    for ch in value:
        if ch in _LITERAL_ESCAPES:
            out.append(_LITERAL_ESCAPES[ch])
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.extend(f"\\u{unit:04x}" for unit in _utf16(ch))
    out.append('"')
    return "".join(out)


def _utf16(ch: str) -> list[int]:
    code = ord(ch)
    if code < 0x10000:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]


def _doc_char(ch: str) -> str:
    if ch in _DOC_ESCAPES:
        return _DOC_ESCAPES[ch]
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Cf"):
        return f"&#{ord(ch)};" if category != "Cs" else "?"
    return ch


def javadoc(text: str | None) -> list[str]:
    """Spec prose as Javadoc lines (without the ` * ` prefix): escaped, tabs expanded, no trailing
    blanks, no leading or trailing empty lines; [] for no text."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    lines = []
    for raw in text.split("\n"):
        line = "".join(_doc_char(ch) for ch in raw.expandtabs(4)).rstrip().replace("*/", "*&#47;")
        indent = line[: len(line) - len(line.lstrip(" "))]
        wrapped = textwrap.wrap(
            line, DOC_WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        )
        lines.extend(wrapped or [""])
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def java_literal(value: object) -> str:
    """A Java literal for a JSON scalar: `true`, `42L`, `0.5`, `"text"`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value}L" if -(2**63) <= value < 2**63 else f'new java.math.BigInteger("{value}")'
    if isinstance(value, float):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else "0.0"
    if value is None:
        return "null"
    return java_string(str(value))


def line_comment(text: str) -> str:
    """Text for one `//` line: no line break, no control character, every backslash doubled (so that
    no `\\u` escape can form)."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Cf"):
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    return "".join(out)


def xml_text(text: str) -> str:
    """Text for an XML element: `&`, `<`, `>` as entities; characters XML 1.0 cannot hold dropped."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "&<>":
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;"}[ch])
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)
