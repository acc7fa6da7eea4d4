"""The statement as black sees it: leaves (a token with the whitespace before it, brackets paired)
on a line, black's bracket tracking and delimiter priorities over them, and black's measure of width.
`splits.py` splits such lines; `layout.py` builds them from the view's pieces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

LIMIT = 88
COMMA = 18  # black's priorities of the delimiters these leaves have: a comma,
TERNARY = 16  # `if` / `else` of a conditional expression (split before them),
COMPARATOR = 10  # `==` and `is`
_BEFORE = {"if": TERNARY, "else": TERNARY, "is": COMPARATOR, "==": COMPARATOR}
OPEN = {"(": ")", "[": "]", "{": "}"}


class Declined(Exception):
    """The statement has a shape or a token this module does not lay out."""


def width(text: str) -> int:
    """A line's width as black measures it: its own table of wide characters (two columns each),
    asked only for a line that is not ASCII (the format stage has black loaded in any case)."""
    if text.isascii():
        return len(text)
    from black.strings import str_width

    return int(str_width(text))


def fits(text: str) -> bool:
    """Whether a line of text (its indentation included) is within black's limit."""
    return width(text) <= LIMIT


@dataclass(eq=False)
class Leaf:
    kind: str  # name, string, number, op, open, close
    value: str  # "" for an invisible parenthesis
    prefix: str = ""
    opening: Optional["Leaf"] = None  # a closing bracket's partner
    parent: str = ""  # an opening bracket's: atom (literal, optional parens), import, trailer
    depth: int = 0  # black's bracket_depth, as the last line that tracked it left it
    base: str = ""  # the prefix as first computed (a second opinion starts from it again)

    @property
    def bracket(self) -> bool:
        return self.kind in ("open", "close")


@dataclass(eq=False)
class Line:
    leaves: list[Leaf]
    depth: int
    inside: bool = False  # inside brackets: delimiter splits apply
    split_rhs: bool = False
    magic: bool = False  # a magic trailing comma: a comma before a closing bracket (the line explodes)
    delimiters: dict[int, int] = field(default_factory=dict)
    invisible: list[Leaf] = field(default_factory=list)

    def track(self, chosen: Optional[list[Leaf]] = None) -> None:
        """black's bracket tracker over `chosen` (all the leaves when None)."""
        depth = 0
        previous: Optional[Leaf] = None
        marked = None if chosen is None else {id(x) for x in chosen}
        for index, leaf in enumerate(self.leaves):
            if marked is not None and id(leaf) not in marked:
                continue
            if leaf.kind == "close" and index and self.leaves[index - 1].value == ",":
                self.magic = self.magic or is_magic(leaf, self)
            if leaf.kind == "close":
                if depth == 0:
                    continue  # its opening bracket is on an earlier line
                depth -= 1
                if not leaf.value:
                    self.invisible.append(leaf)
            leaf.depth = depth
            if depth == 0:
                before = _BEFORE.get(leaf.value, 0) if leaf.kind in ("name", "op") else 0
                if before and previous is not None:
                    self.delimiters[id(previous)] = before
                elif leaf.kind == "op" and leaf.value == ",":
                    self.delimiters[id(leaf)] = COMMA
            if leaf.kind == "open":
                depth += 1
                if not leaf.value:
                    self.invisible.append(leaf)
            previous = leaf

    def __str__(self) -> str:
        if not self.leaves:
            return ""
        first = self.leaves[0]
        return first.prefix + "    " * self.depth + first.value + "".join(x.prefix + x.value for x in self.leaves[1:])

    def fits(self) -> bool:
        return width(str(self)) <= LIMIT

    def starts(self, word: str) -> bool:
        return bool(self.leaves) and self.leaves[0].kind == "name" and self.leaves[0].value == word

    def max_priority(self, exclude: Optional[Leaf] = None) -> int:
        found = [p for i, p in self.delimiters.items() if exclude is None or i != id(exclude)]
        if not found:
            raise ValueError("no delimiters")
        return max(found)


def is_magic(closing: Leaf, line: Line) -> bool:
    """black's magic trailing comma, for the brackets these pieces have (a one-tuple or a
    one-element subscript would need black's finer rules: declined)."""
    opening = closing.opening
    if closing.value == "}" or (closing.value == "]" and opening is not None and opening.parent == "atom"):
        return True
    if closing.value == ")" and opening is not None and opening.parent in ("trailer", "class", "params"):
        return True
    if line.starts("from"):
        return True
    raise Declined("a trailing comma black may not call magic")
