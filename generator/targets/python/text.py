"""Spec text made safe for Python source: string literals, docstrings, comments.

Whatever the spec says (quotes, backslashes, control characters, Jinja, any Unicode), what comes out
compiles, says the same thing when read, and is already in black's layout, so black has nothing to
change.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from ...chars import escape_char

# Characters Python or black would read as a line break, or that are invisible or invalid in
# source: written as escapes.
_LINE_BREAKS = {"\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}




def _needs_escape(ch: str) -> bool:
    if ch in _LINE_BREAKS:
        return True
    category = unicodedata.category(ch)
    return category in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") or (category == "Cf" and ch != "\u200d")


def py_str(value: str) -> str:
    """A Python string literal for `value`, quoted the way black would quote it."""
    if _PLAIN.fullmatch(value) and "\n" not in value:
        body = value.replace("\\", "\\\\")
        if body.count("'") < body.count('"'):
            return "'" + body.replace("'", "\\'") + "'"
        return '"' + body.replace('"', '\\"') + '"'
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif _needs_escape(ch):
            out.append(escape_char(ch))
        else:
            out.append(ch)
    body = "".join(out)
    # black keeps double quotes unless single quotes need fewer escapes.
    if body.count("'") < body.count('"'):
        return "'" + body.replace("'", "\\'") + "'"
    return '"' + body.replace('"', '\\"') + '"'


def py_literal(value: object) -> str:
    """A Python literal for a JSON scalar (enum values, defaults)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return "None"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return py_str(str(value))


def clean_text(text: str) -> str:
    """Spec prose as plain lines: no tabs, no odd line breaks, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


# Printable ASCII and newlines: the text of almost every spec, which needs no per-character look.
_PLAIN = re.compile(r"[\x20-\x7e\n]*")


def _docstring_escape(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch != "\n" and _needs_escape(ch):
            out.append(escape_char(ch))
        else:
            out.append(ch)
    escaped = "".join(out).replace('"""', '\\"\\"\\"')
    return escaped


def _wrap(body: str, room: int) -> list[str]:
    """Lines of `body`, each paragraph line wrapped to `room` characters, indentation kept."""
    wrapped: list[str] = []
    for line in body.split("\n"):
        stripped = line.lstrip()
        lead = line[: len(line) - len(stripped)]
        if len(line) <= room or not stripped:
            wrapped.append(line)
            continue
        wrapped.extend(
            textwrap.wrap(
                stripped,
                width=max(room - len(lead), 20),
                initial_indent=lead,
                subsequent_indent=lead,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [line]
        )
    # As black does: the first line stripped, the others stripped at the end, of any white space
    # Python knows (a no-break space too: textwrap breaks only at ASCII spaces and keeps it).
    return [wrapped[0].strip()] + [line.rstrip() for line in wrapped[1:]]


def docstring(text: str | None, indent: int, width: int = 88) -> list[str]:
    """The lines of a docstring (with their indent) for `text`, or [] when there is no text.

    Lines are wrapped to fit `width` with the quotes; a triple quote in the text is escaped so it cannot
    end the string early. The result is what black makes of it: a one-line text keeps its closing
    quotes on the same line, a longer one puts them on a line of their own.
    """
    if text is None:
        return []
    body = _docstring_escape(clean_text(text))  # line breaks first: a CR must not become \x0d
    if not body.strip():
        return []
    pad = " " * indent
    wrapped = _wrap(body, width - indent - 3)
    if len(wrapped) == 1 and indent + len(wrapped[0]) + 6 > width:
        wrapped = _wrap(body, width - indent - 6)  # make room for the closing quotes too
    # black removes the indentation the lines after the first have in common (as cleandoc does).
    common = min((len(x) - len(x.lstrip()) for x in wrapped[1:] if x.strip()), default=0)
    wrapped[1:] = [x[common:] for x in wrapped[1:]]
    if wrapped[0].startswith('"'):
        wrapped[0] = " " + wrapped[0]  # black's space between a quote mark and the opening quotes
    if len(wrapped) == 1:
        closing = ' """' if wrapped[0].endswith('"') else '"""'
        return [f'{pad}"""{wrapped[0]}{closing}']
    lines = [f'{pad}"""{wrapped[0]}']
    lines.extend(f"{pad}{line}" if line else "" for line in wrapped[1:])
    lines.append(f'{pad}"""')
    return lines


def comment(text: str) -> str:
    """One line of spec text fit for a `#` comment."""
    return " ".join(_docstring_escape(clean_text(text)).split())


def notice(spec_name: str, title: str, version: str, regenerate: str) -> str:
    """The generated-file notice, one line (as the SDK's `#` comments and the docs print it)."""
    source = comment(f"{spec_name} ({title} {version})")
    return f"File generated by sdkgen from {source}. Do not edit: run `{comment(regenerate)}`."
