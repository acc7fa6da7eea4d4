"""Spec text made safe for Markdown: prose, one-line contexts, table cells, code spans, code blocks.

Every string from the spec is untrusted. What comes out of these helpers renders as the text the spec
wrote (ordinary Markdown in prose still works: emphasis, links, lists, code) but cannot start raw HTML,
break out of the list item, heading or table cell it is put in, or leave a code block open.

The rules, for a CommonMark/GFM renderer:

- `<`, `>` and `&` become entities outside code. Inside code (a code span, or a fenced block that
  starts at the left margin of the text) they are already literal, so they stay as written, but only
  where this module can tell for sure that the renderer sees code there too: a code span must open and
  close on one line, contain no `|` (a GFM table row splits cells before it finds code spans) and
  follow no unmatched backtick in its paragraph; anything less certain is escaped.
- A fence left open by the text is closed at its end.
- Links and reference definitions whose destination has a scheme other than http, https or mailto
  (`javascript:`, `data:`, ...) are broken apart so they render as plain text.
- Control and invisible formatting characters are replaced; one-line contexts fold every line break
  (including U+2028 and friends) into a space.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import quote
from ..chars import escape_char

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# A link's `](` or a reference definition's `]:`, then the start of its destination.
_LINK_START = re.compile(r"\]([(:])(\s*<?\s*)([^\s<>()]*)")
_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
_CLOSE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
_BACKTICKS = re.compile(r"`+")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_REPLACEMENT = "\ufffd"


# ---- characters -----------------------------------------------------------------------------------


_INVISIBLE: dict[str, bool] = {}


def _is_invisible(ch: str) -> bool:
    """Control, format (bidi overrides, ...), surrogate, private-use and unassigned characters."""
    known = _INVISIBLE.get(ch)
    if known is None:
        category = unicodedata.category(ch)
        known = category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and ch != "\u200d")
        _INVISIBLE[ch] = known
    return known




def _is_hidden_in_code(ch: str) -> bool:
    """Characters code should show as escapes: invisible ones and line/paragraph separators."""
    return ch != "\n" and (_is_invisible(ch) or ch in "\u2028\u2029")


_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def clean_prose(text: str) -> str:
    """Line breaks normalised to `\\n`, tabs expanded, other invisible characters replaced."""
    text = _LINE_BREAKS.sub("\n", text)
    if "\t" in text:
        text = text.expandtabs(4)
    if text.isascii():
        return _ASCII_CONTROLS.sub(_REPLACEMENT, text)
    return "".join(ch if ch == "\n" or not _is_invisible(ch) else _REPLACEMENT for ch in text)


def one_line(text: str) -> str:
    """Any text as one line: every run of whitespace or line breaks becomes one space."""
    return " ".join(clean_prose(text).split())


def visible(text: str) -> str:
    """Text for code (spans and blocks): invisible characters shown as `\\xNN`/`\\uNNNN` escapes."""
    if text.isprintable():
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.isprintable():
            lines[index] = "".join(escape_char(ch) if _is_hidden_in_code(ch) else ch for ch in line)
    return "\n".join(lines)


# ---- inline escaping ------------------------------------------------------------------------------


def _neutralize_links(text: str) -> str:
    """Break `[text](scheme:...)` and `[label]: scheme:...` for schemes other than http(s)/mailto."""

    def fix(match: re.Match[str]) -> str:
        destination = match.group(3).replace("\\", "")
        scheme, colon, _ = destination.partition(":")
        if colon and not any(c in scheme for c in "/?#") and scheme.lower() not in _SAFE_SCHEMES:
            # "] (" is not a link and "] :" is not a reference definition.
            return "] " + match.group(1) + match.group(2) + match.group(3)
        return match.group(0)

    return _LINK_START.sub(fix, text) if "]" in text else text


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_line(line: str, trusted_spans: bool, table: bool, inline: bool = False) -> tuple[str, bool]:
    """One line of Markdown text: HTML escaped outside code spans it can trust.

    Returns the line and whether it left a backtick run unmatched (a renderer might pair it with one
    on a later line of the same paragraph, so later code spans are no longer trusted). `inline`: the
    line goes inside other text, so nothing in it may reach past it: an unmatched backtick run is
    escaped (it cannot pair with a backtick of the text around it) and so is a backslash at its end
    (which would make a line break of the newline after it).
    """
    if "`" not in line and "\\" not in line:
        plain = _escape_html(line)
        return (plain.replace("|", "\\|") if table else plain), False
    out: list[str] = []
    i = 0
    n = len(line)
    unmatched = False
    while i < n:
        ch = line[i]
        if ch == "\\" and i + 1 < n and line[i + 1] in _ASCII_PUNCTUATION:
            nxt = line[i + 1]
            if nxt in _HTML:
                out.append(_HTML[nxt])  # the entity already says "this character, literally"
            elif nxt == "|" and table:
                out.append("\\|")
            else:
                out.append(line[i : i + 2])
            i += 2
            continue
        if ch == "`":
            run = _BACKTICKS.match(line, i)
            assert run is not None
            length = len(run.group(0))
            close = None
            for candidate in _BACKTICKS.finditer(line, run.end()):
                if len(candidate.group(0)) == length:
                    close = candidate
                    break
            if close is None:
                unmatched = True
                out.append("\\`" * length if inline else run.group(0))
                i = run.end()
                continue
            span = line[i : close.end()]
            inner = line[run.end() : close.start()]
            if trusted_spans and not unmatched and "|" not in inner:
                out.append(span)
            else:
                escaped = _escape_html(span)
                out.append(escaped.replace("|", "\\|") if table else escaped)
            i = close.end()
            continue
        if ch in _HTML:
            out.append(_HTML[ch])
        elif ch == "|" and table:
            out.append("\\|")
        elif ch == "\\" and inline and i + 1 == n:
            out.append("\\\\")
        else:
            out.append(ch)
        i += 1
    return "".join(out), unmatched


def md_inline(text: str) -> str:
    """Spec text for a one-line context (a list item's head, a sentence, a heading): Markdown, no HTML.

    The one escaper for inline spec text, the docs' and the READMEs': what it returns can be put
    anywhere in a line of Markdown outside code. It is one line; it starts no raw HTML or autolink
    (`<`, `>`, `&` are entities outside code spans); its links go to http, https or mailto only; and
    its backticks pair among themselves (a run left unmatched is escaped), so it neither opens a code
    span the text around it closes nor closes one it opened.
    """
    line = _neutralize_links(one_line(text))
    return _escape_line(line, True, False, inline=True)[0]


def md_link_text(text: str) -> str:
    """Spec text for the text of a link: one line, no HTML, brackets that cannot end the link early."""
    return md_inline(text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]"))


def md_heading(text: str) -> str:
    """Spec text for an ATX heading: one line; a trailing `#` is kept as text, not a closing run."""
    line = md_inline(text)
    if line.endswith("#"):
        line = line[:-1] + "\\#"
    return line


def md_cell(text: str) -> str:
    """Spec text for a GFM table cell: one line, no HTML, every `|` escaped."""
    line = _neutralize_links(one_line(text))
    return _escape_line(line, True, True, inline=True)[0]


_PROSE_CACHE: dict[str, tuple[str, ...]] = {}


def md_prose(text: str | None) -> list[str]:
    """Spec prose as Markdown lines (no indentation added; `""` is a blank line).

    Paragraphs, lists, emphasis, links and code keep working; HTML is shown as text; a fence the text
    opens is closed before the text ends, so nothing after it can be swallowed.
    """
    if not text:
        return []
    cached = _PROSE_CACHE.get(text)
    if cached is None:
        if len(_PROSE_CACHE) > 50_000:
            _PROSE_CACHE.clear()
        cached = _PROSE_CACHE[text] = tuple(_prose_lines(text))
    return list(cached)


def _prose_lines(text: str) -> list[str]:
    lines = _neutralize_links(clean_prose(text)).split("\n")
    out: list[str] = []
    fence: str | None = None  # the open fence's run, when inside a fenced block
    tainted = False  # an unmatched backtick earlier in this paragraph
    for line in lines:
        if fence is not None:
            close = _CLOSE_FENCE.match(line)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                fence = None
                tainted = False
            out.append(line.rstrip())
            continue
        opener = _FENCE.match(line)
        if opener and not (opener.group(1)[0] == "`" and "`" in opener.group(2)):
            # Only a fence at the left margin: an indented one might belong to a list item or quote
            # in the text, which a later unindented line would end (and the fence with it).
            fence = opener.group(1)
            tainted = False
            out.append(fence + _escape_html(one_line(opener.group(2))))
            continue
        if not line.strip():
            tainted = False
            if out and out[-1]:  # one blank line separates paragraphs as well as many
                out.append("")
            continue
        escaped, unmatched = _escape_line(line.rstrip(), not tainted, False)
        tainted = tainted or unmatched
        out.append(escaped)
    if fence is not None:
        out.append(fence)
    while out and not out[-1]:
        out.pop()
    return out


def first_sentence(text: str | None, limit: int = 160) -> str:
    """Some prose as one line of plain text for a title or a summary.

    The first paragraph when it fits in `limit` characters, else its first sentence, cut at a word
    with "…" when that is still too long.
    """
    if not text:
        return ""
    line = one_line(clean_prose(text).strip().split("\n\n")[0])
    if len(line) <= limit:
        return line
    match = re.search(r"(?<=[a-z0-9)][.!?])\s", line)
    if match and match.start() <= limit:
        return line[: match.start()]
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut.rstrip(" ,;:") + " …"


# ---- code -----------------------------------------------------------------------------------------


_SPANS: dict[str, str] = {}


def code_span(text: str) -> str:
    """Text as one inline code span, whatever it contains (backticks, `|` is the caller's concern)."""
    known = _SPANS.get(text)
    if known is None:
        if len(_SPANS) > 100_000:
            _SPANS.clear()
        known = _SPANS[text] = _code_span(text)
    return known


def _code_span(text: str) -> str:
    content = visible(text).replace("\n", " ")
    if not content:
        return "` `"
    longest = max((len(r) for r in _BACKTICKS.findall(content)), default=0)
    ticks = "`" * (longest + 1)
    if content[0] in "` " or content[-1] in "` ":
        content = f" {content} "
    return f"{ticks}{content}{ticks}"


def code_cell(text: str) -> str:
    """A code span for a GFM table cell (`|` escaped, which GFM undoes inside the span)."""
    return code_span(text).replace("|", "\\|")


def fence_for(code: str) -> str:
    """A backtick fence longer than any backtick run in `code` (at least three)."""
    longest = max((len(r) for r in _BACKTICKS.findall(code)), default=0)
    return "`" * max(3, longest + 1)


def code_block(code: str, language: str = "") -> list[str]:
    """A fenced code block, as lines. The code is shown as written (invisible characters escaped)."""
    body = visible(code.replace("\r\n", "\n").replace("\r", "\n")).rstrip("\n")
    fence = fence_for(body)
    return [fence + language, *body.split("\n"), fence]


def json_text(value: object) -> str:
    """JSON for an example, as the docs print it; invisible characters as `\\u` escapes (still JSON)."""
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.isprintable():
            lines[index] = "".join(_json_escape(ch) if _is_hidden_in_code(ch) else ch for ch in line)
    return "\n".join(lines)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code >= 0x10000:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def link_target(path: str) -> str:
    """A relative link destination for a generated file name (percent-encoded, no spaces or parens)."""
    return quote(path, safe="/._-")


def html_comment(text: str) -> str:
    """`text` as an HTML comment that only its own end closes: no `--` inside (`--->` would
    otherwise close it early and let what follows be markup)."""
    while "--" in text:
        text = text.replace("--", "- -")
    return f"<!-- {text} -->"
