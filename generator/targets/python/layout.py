"""Black's line splitting for the statements the templates print, without black.

The view decides every piece of a statement (names, annotations, defaults, the module and names
of an import); this module decides only where the statement's lines break, and it does so the way
the pinned black does for these shapes: a right-hand split at the last opening bracket, optional
(invisible) parentheses around an assignment's value, its annotation and a return annotation,
tried without them first, a delimiter split one item per line with a trailing comma added, the
"second opinion" with the optional parentheses kept. Only the token kinds these pieces contain
are known (names, dotted names, strings, numbers, brackets, commas, `=`, `:`, `->`, a unary
minus); anything else, or a piece that does not print back as it was given, is declined
(`Declined`), and the caller prints the statement flat for the format stage to hand to black.

The widths are black's: a line fits when its width by black's table of wide characters is at most
88 columns; the trailer-omitting search counts characters, as black's does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional

LIMIT = 88
COMMA = 18  # black's priorities of the delimiters these pieces have: a comma,
TERNARY = 16  # `if` / `else` of a conditional expression (split before them),
COMPARATOR = 10  # `==` and `is`
_BEFORE = {"if": TERNARY, "else": TERNARY, "is": COMPARATOR, "==": COMPARATOR}

_TOKEN = re.compile(
    r"""\s*(?:(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(?P<number>\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)"""
    r"""|(?P<name>[^\W\d]\w*)|(?P<op>->|==|[][(){},=.:-]))"""
)
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}
_KEYWORDS = {"def", "class", "return", "from", "import", "None", "True", "False", "if", "else", "is", "not", "and", "or", "in"}


class Declined(Exception):
    """The statement has a shape or a token this module does not lay out."""


class _Cannot(Exception):
    """black's CannotSplit / CannotTransform: this way of splitting does not apply."""


def width(text: str) -> int:
    """A line's width as black measures it: its own table of wide characters (two columns each),
    asked only for a line that is not ASCII (the format stage has black loaded in any case)."""
    if text.isascii():
        return len(text)
    from black.strings import str_width

    return int(str_width(text))


@dataclass(eq=False)
class _Leaf:
    kind: str  # name, string, number, op, open, close
    value: str  # "" for an invisible parenthesis
    prefix: str = ""
    opening: Optional["_Leaf"] = None  # a closing bracket's partner
    parent: str = ""  # an opening bracket's: atom (literal, optional parens), import, trailer
    depth: int = 0  # black's bracket_depth, as the last line that tracked it left it
    base: str = ""  # the prefix as first computed (a second opinion starts from it again)

    @property
    def bracket(self) -> bool:
        return self.kind in ("open", "close")


@dataclass(eq=False)
class _Line:
    leaves: list[_Leaf]
    depth: int
    inside: bool = False  # inside brackets: delimiter splits apply
    split_rhs: bool = False
    magic: bool = False  # a magic trailing comma: a comma before a closing bracket (the line explodes)
    delimiters: dict[int, int] = field(default_factory=dict)
    invisible: list[_Leaf] = field(default_factory=list)

    def track(self, chosen: Optional[list[_Leaf]] = None) -> None:
        """black's bracket tracker over `chosen` (all the leaves when None)."""
        depth = 0
        previous: Optional[_Leaf] = None
        marked = None if chosen is None else {id(x) for x in chosen}
        for index, leaf in enumerate(self.leaves):
            if marked is not None and id(leaf) not in marked:
                continue
            if leaf.kind == "close" and index and self.leaves[index - 1].value == ",":
                self.magic = self.magic or _is_magic(leaf, self)
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

    def max_priority(self, exclude: Optional[_Leaf] = None) -> int:
        found = [p for i, p in self.delimiters.items() if exclude is None or i != id(exclude)]
        if not found:
            raise ValueError("no delimiters")
        return max(found)


# ---- the transforms: black's transform_line, rhs (with omitted trailers), lhs, delimiter split --


def _transform(line: _Line, force: bool) -> list[_Line]:
    text = str(line)
    if not line.split_rhs and not line.magic and width(text) <= LIMIT:
        return [line]
    if line.starts("def"):
        transforms: list[_Transform] = [_lhs]
    elif line.inside:
        transforms = [_delimiter_split, _rhs_with_omits]
    else:
        transforms = [_rhs_with_omits]
    for transform in transforms:
        try:
            return _run(line, transform, force, text)
        except _Cannot:
            continue
    return [line]


def _run(line: _Line, transform: "_Transform", force: bool, text: str) -> list[_Line]:
    result: list[_Line] = []
    for piece in transform(line, force):
        if str(piece) == text:
            raise _Cannot
        result.extend(_transform(piece, force))
    if (
        force
        or transform is not _rhs_with_omits
        or not line.invisible
        or any(b.value for b in line.invisible if b.depth == 0)
        or result[0].fits()
    ):
        return result
    second = _run(_clone(line), transform, True, text)
    return second if all(piece.fits() for piece in second) else result


def _clone(line: _Line) -> _Line:
    """The second opinion's copy: fresh leaves with the values of now, prefixes as first made."""
    fresh = {id(x): _Leaf(x.kind, x.value, x.base, None, x.parent, 0, x.base) for x in line.leaves}
    for old in line.leaves:
        if old.opening is not None and id(old.opening) in fresh:
            fresh[id(old)].opening = fresh[id(old.opening)]
        elif old.opening is not None:
            fresh[id(old)].opening = old.opening
    leaves = [fresh[id(x)] for x in line.leaves]
    leaves[0].prefix = ""
    copy = _Line(leaves, line.depth, line.inside, line.split_rhs, line.magic)
    copy.track()
    return copy


def _delimiter_split(line: _Line, force: bool) -> Iterator[_Line]:
    if not line.leaves:
        raise _Cannot
    try:
        priority = line.max_priority(exclude=line.leaves[-1])
    except ValueError:
        raise _Cannot from None
    current = _Line([], line.depth, line.inside)
    for leaf in line.leaves:
        current.leaves.append(leaf)
        if line.delimiters.get(id(leaf)) == priority:
            current.track()
            current.leaves[0].prefix = ""
            yield current
            current = _Line([], line.depth, line.inside)
    if current.leaves:
        if priority == COMMA and current.leaves[-1].value != ",":
            current.leaves.append(_Leaf("op", ","))
        current.track()
        current.leaves[0].prefix = ""
        yield current


@dataclass(eq=False)
class _Split:
    head: _Line
    body: _Line
    tail: _Line
    opening: _Leaf
    closing: _Leaf


def _build(leaves: list[_Leaf], original: _Line, opening: _Leaf, part: str) -> _Line:
    line = _Line(list(leaves), original.depth)
    if part == "body":
        line.inside = True
        line.depth += 1
        if _ensure_comma(line.leaves, original, opening):
            line.leaves.append(_Leaf("op", ","))
        line.track()
        if _should_split(line, opening):
            line.split_rhs = True
    elif part == "head":
        line.track(_inside_matching(line.leaves))
    return line


def _ensure_comma(leaves: list[_Leaf], original: _Line, opening: _Leaf) -> bool:
    if not leaves:
        return False
    if original.starts("from"):
        return True
    if not original.starts("def") or opening.value != "(":
        return False
    return not any(x.kind == "op" and x.value == "," for x in leaves)


def _should_split(line: _Line, opening: _Leaf) -> bool:
    trailing = bool(line.leaves) and line.leaves[-1].value == ","
    try:
        priority = line.max_priority(exclude=line.leaves[-1] if trailing else None)
    except ValueError:
        return False
    return priority == COMMA and (trailing or opening.parent in ("atom", "import"))


def _inside_matching(leaves: list[_Leaf]) -> list[_Leaf]:
    """The leaves between matching brackets, the brackets included (black matches by kind)."""
    start = next((i for i, x in enumerate(leaves) if x.kind == "open"), None)
    if start is None:
        return []
    kept: set[int] = set()
    stack: list[tuple[str, list[int]]] = []
    for leaf in leaves[start:]:
        if leaf.kind == "open":
            stack.append((_OPEN[leaf.value or "("], [id(leaf)]))
        elif leaf.kind == "close":
            if not stack or (leaf.value or ")") != stack[-1][0]:
                break
            ids = stack.pop()[1]
            ids.append(id(leaf))
            kept.update(ids)
        elif stack:
            stack[-1][1].append(id(leaf))
    return [x for x in leaves if id(x) in kept]


def _check_split(body: _Line, tail: _Line) -> None:
    if not body.leaves and len(str(tail).strip()) < 3:
        raise _Cannot


def _first_rhs(line: _Line, omit: set[int]) -> _Split:
    tail: list[_Leaf] = []
    body: list[_Leaf] = []
    head: list[_Leaf] = []
    current = tail
    opening: Optional[_Leaf] = None
    closing: Optional[_Leaf] = None
    for leaf in reversed(line.leaves):
        if current is body and leaf is opening:
            current = head if body else tail
        current.append(leaf)
        if current is tail and leaf.kind == "close" and id(leaf) not in omit:
            opening, closing = leaf.opening, leaf
            current = body
    if opening is None or closing is None or not head:
        raise _Cannot
    tail.reverse()
    body.reverse()
    head.reverse()
    split = _Split(
        _build(head, line, opening, "head"), _build(body, line, opening, "body"),
        _build(tail, line, opening, "tail"), opening, closing,
    )
    _check_split(split.body, split.tail)
    return split


def _can_omit(split: _Split) -> bool:
    if not split.body.delimiters:
        return True
    priority = split.body.max_priority()
    if sum(1 for p in split.body.delimiters.values() if p == priority) > 1:
        return False
    raise Declined("a single delimiter inside optional parentheses")


def _is_magic(closing: _Leaf, line: _Line) -> bool:
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


def _can_be_split(line: _Line) -> bool:
    if len(line.leaves) < 2:
        return False
    if line.leaves[0].kind == "string" and line.leaves[1].value == ".":
        raise Declined("a method call on a string")
    return True


def _prefer_omitting(oop: _Split, rhs: _Split) -> bool:
    """black's preference for the split without the optional parentheses (`_prefer_split_rhs_oop`)."""
    if not (len(rhs.head.leaves) >= 2 and rhs.head.leaves[-2].value == "="):
        return True
    if not any(x.bracket for x in rhs.head.leaves[:-1]):
        return True
    if width(str(rhs.head)) > LIMIT - 1:
        return True
    if rhs.head.magic:
        return True
    head_equals = sum(1 for x in rhs.head.leaves if x.value == "=")
    oop_equals = sum(1 for x in oop.head.leaves if x.value == "=")
    if head_equals > 1 and head_equals > oop_equals:
        return False
    for leaf in reversed(oop.head.leaves):
        if leaf.value == "=":
            break
        if leaf.kind == "close":
            return True
    return oop_equals > 0 and oop.head.fits()


def _omitting_optional(split: _Split, line: _Line, force: bool, omit: set[int]) -> Iterator[_Line]:
    if (
        not force
        and split.opening.kind == "open"
        and not split.opening.value
        and not split.closing.value
        and not line.starts("from")
        and _can_omit(split)
    ):
        omit = {id(split.closing), *omit}
        try:
            oop = _first_rhs(line, omit)
            if _prefer_omitting(oop, split):
                yield from _omitting_optional(oop, line, force, omit)
                return
        except _Cannot:
            chained = sum(1 for x in line.leaves if x.value == "=") > 1
            if not chained and not _can_be_split(split.body) and not split.body.fits():
                raise
    _show(split.opening)
    _show(split.closing)
    for part in (split.head, split.body, split.tail):
        if part.leaves:
            yield part


def _show(bracket: _Leaf) -> None:
    if not bracket.value:
        bracket.value = "(" if bracket.kind == "open" else ")"


def _trailers_to_omit(line: _Line) -> Iterator[set[int]]:
    omit: set[int] = set()
    if not line.magic:
        yield omit
    length = 4 * line.depth
    opening: Optional[_Leaf] = None
    closing: Optional[_Leaf] = None
    inner: set[int] = set()
    for index in range(len(line.leaves) - 1, -1, -1):
        leaf = line.leaves[index]
        length += len(leaf.prefix) + len(leaf.value)
        if length > LIMIT:
            break
        if opening is not None:
            if leaf is opening:
                opening = None
            elif leaf.kind == "close":
                if index > 0 and line.leaves[index - 1].value == ",":
                    break  # never omit a pair with a magic trailing comma: it explodes
                inner.add(id(leaf))
        elif leaf.kind == "close":
            if index > 0 and line.leaves[index - 1].kind == "open":
                inner.add(id(leaf))
                continue
            if closing is not None:
                omit.add(id(closing))
                omit.update(inner)
                inner.clear()
                yield omit
            if index > 0 and line.leaves[index - 1].value == ",":
                break
            if leaf.value:
                opening, closing = leaf.opening, leaf


def _rhs_with_omits(line: _Line, force: bool) -> Iterator[_Line]:
    before: dict[int, int] = {}
    running = 4 * line.depth
    for leaf in line.leaves:
        before[id(leaf)] = running
        running += len(leaf.prefix) + len(leaf.value)
    first: Optional[list[_Line]] = None
    for omit in _trailers_to_omit(line):
        if omit:
            target = next((x for x in reversed(line.leaves) if x.kind == "close" and id(x) not in omit), None)
            target_open = target.opening if target is not None else None
            if target_open is not None and target_open.value and before.get(id(target_open), 0) > LIMIT:
                continue
        lines = list(_omitting_optional(_first_rhs(line, set(omit)), line, force, set(omit)))
        if first is None and not omit:
            first = lines
        if lines[0].fits():
            yield from lines
            return
    if first is not None:
        yield from first
    else:
        yield from _omitting_optional(_first_rhs(line, set()), line, force, set())


def _lhs(line: _Line, force: bool) -> Iterator[_Line]:
    head: list[_Leaf] = []
    body: list[_Leaf] = []
    tail: list[_Leaf] = []
    current = head
    matching: Optional[_Leaf] = None
    for leaf in line.leaves:
        if current is body and leaf.kind == "close" and leaf.opening is matching and matching is not None:
            _show(leaf)
            _show(matching)
            current = tail if body else head
        current.append(leaf)
        if current is head and leaf.kind == "open" and leaf.value in ("(", ""):
            matching = leaf
            current = body
    if matching is None or not tail:
        raise _Cannot
    parts = [_build(head, line, matching, "head"), _build(body, line, matching, "body"), _build(tail, line, matching, "tail")]
    _check_split(parts[1], parts[2])
    for part in parts:
        if part.leaves:
            yield part


_Transform = Callable[[_Line, bool], Iterator[_Line]]


# ---- the pieces: tokens of what the view made, with black's spacing -----------------------------


def _tokens(text: str) -> list[_Leaf]:
    leaves: list[_Leaf] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise Declined(f"a token this module does not know: {text[position:position + 20]!r}")
        position = match.end()
        kind = match.lastgroup or "op"
        value = match.group(kind)
        if kind == "op" and value in _OPEN:
            kind = "open"
        elif kind == "op" and value in _CLOSE:
            kind = "close"
        leaves.append(_Leaf(kind, value))
    return leaves


def _invisible() -> tuple[_Leaf, _Leaf]:
    return _Leaf("open", "", parent="atom"), _Leaf("close", "")


def _wrapped(text: str) -> list[_Leaf]:
    """A value or annotation inside black's optional parentheses (declined when it is itself
    in parentheses: black would make those invisible instead)."""
    inner = _tokens(text)
    if not inner or inner[0].value == "(":
        raise Declined("a parenthesized value")
    left, right = _invisible()
    return [left, *inner, right]


def _space(leaves: list[_Leaf]) -> None:
    """Pair the brackets and give every leaf black's whitespace before it."""
    stack: list[_Leaf] = []
    kwarg = False
    previous: Optional[_Leaf] = None
    for leaf in leaves:
        if previous is not None and previous.kind == "string" and leaf.kind == "string":
            raise Declined("implicitly concatenated strings")
        if previous is not None and previous.kind == "close" and leaf.value == ".":
            raise Declined("an attribute of a call or subscript")
        if leaf.kind == "close":
            if not stack or _OPEN.get(stack[-1].value, ")") != (leaf.value or ")"):
                raise Declined("unbalanced brackets")
            leaf.opening = stack.pop()
        if previous is None:
            prefix = ""
        elif leaf.kind == "close" or leaf.value in (",", ":", ".") or previous.value == ".":
            prefix = ""
        elif previous.kind == "open" or kwarg or (previous.value == "-" and previous.kind == "op"):
            prefix = ""
        elif leaf.kind == "open" and leaf.value and previous.kind in ("name", "close", "string") and previous.value not in _KEYWORDS:
            prefix = ""
            leaf.parent = leaf.parent or "trailer"
        elif leaf.value == "=" and (leaf.parent == "kwarg" or (stack and stack[-1].parent in ("trailer", "class") and stack[-1].value == "(")):
            prefix = ""
        else:
            prefix = " "
        if leaf.kind == "open":
            leaf.parent = leaf.parent or "atom"
            stack.append(leaf)
        if leaf.value == "-" and leaf.kind == "op" and previous is not None and previous.kind in ("name", "number", "string", "close"):
            raise Declined("a binary operator")
        kwarg = leaf.value == "=" and prefix == "" and previous is not None
        leaf.prefix = leaf.base = prefix
        previous = leaf
    if stack:
        raise Declined("unbalanced brackets")


# ---- the statement shapes: each laid out as black would, or printed flat when declined ---------


def _or_flat(flat: str, make: Callable[[], list[_Leaf]], depth: int, inside: bool = False, tracked: bool = True) -> str:
    try:
        return _lay_out(make(), depth, flat, inside, tracked)
    except Declined:
        return flat


def _lay_out(leaves: list[_Leaf], depth: int, flat: str, inside: bool, tracked: bool) -> str:
    if leaves[0].kind == "close":  # a line that closes a bracket opened on an earlier one
        _space([leaves[0].opening or _Leaf("open", "("), *leaves])
    else:
        _space(leaves)
    line = _Line(leaves, depth, inside)
    if str(line) != flat:
        raise Declined(f"does not print back as given: {str(line)!r} != {flat!r}")
    if tracked:
        line.track()
    return "\n".join(str(x) for x in _transform(line, False))


def _indent(depth: int) -> str:
    return "    " * depth


def annotated(depth: int, target: str, annotation: str, value: Optional[str] = None) -> str:
    """`target: annotation = value` (a field, a TypedDict key, a type alias) at `depth` levels."""
    flat = f"{_indent(depth)}{target}: {annotation}" + ("" if value is None else f" = {value}")

    def make() -> list[_Leaf]:
        leaves = [_Leaf("name", target), _Leaf("op", ":"), *_wrapped(annotation)]
        return leaves if value is None else [*leaves, _Leaf("op", "="), *_wrapped(value)]

    return _or_flat(flat, make, depth)


def assignment(depth: int, target: str, value: str) -> str:
    """`target = value`."""
    return _or_flat(
        f"{_indent(depth)}{target} = {value}", lambda: [_Leaf("name", target), _Leaf("op", "="), *_wrapped(value)], depth
    )


def call_assignment(depth: int, target: str, callee: str, arguments: list[str]) -> str:
    """`target = callee(arguments)`."""
    value = f"{callee}({', '.join(arguments)})"
    return _or_flat(
        f"{_indent(depth)}{target} = {value}", lambda: [_Leaf("name", target), _Leaf("op", "="), *_wrapped(value)], depth
    )


def import_from(module: str, names: list[str], reexport: bool = False) -> str:
    """`from module import a, b` (`a as a` for each name when `reexport`): black's parentheses,
    one name a line, when it is too long."""
    if reexport:
        names = [f"{name} as {name}" for name in names]

    def make() -> list[_Leaf]:
        leaves = [_Leaf("name", "from"), _Leaf("name", module), _Leaf("name", "import"), _Leaf("open", "", parent="import")]
        for index, name in enumerate(names):
            leaves += [_Leaf("op", ","), _Leaf("name", name)] if index else [_Leaf("name", name)]
        return [*leaves, _Leaf("close", "")]

    return _or_flat(f"from {module} import {', '.join(names)}", make, 0)


def parameter(depth: int, name: str, annotation: str, default: Optional[str] = None) -> str:
    """One parameter of an exploded signature, `name: annotation = default,`."""
    flat = f"{_indent(depth)}{name}: {annotation}" + ("" if default is None else f" = {default}") + ","

    def make() -> list[_Leaf]:
        leaves = [_Leaf("name", name), _Leaf("op", ":"), *_tokens(annotation)]
        if default is not None:
            leaves += [_Leaf("op", "="), *_tokens(default)]
        return [*leaves, _Leaf("op", ",")]

    return _or_flat(flat, make, depth, inside=True)


def item(depth: int, value: str) -> str:
    """One argument of an exploded call, `value,`."""
    return _or_flat(f"{_indent(depth)}{value},", lambda: [*_tokens(value), _Leaf("op", ",")], depth, inside=True)


def returns(depth: int, annotation: str, stub: bool = False) -> str:
    """The last line of an exploded signature, `) -> annotation:` (`: ...` for a stub)."""

    def make() -> list[_Leaf]:
        close = _Leaf("close", ")", opening=_Leaf("open", "("))
        leaves = [close, _Leaf("op", "->"), *_wrapped(annotation), _Leaf("op", ":")]
        return [*leaves, _Leaf("name", "...")] if stub else leaves

    flat = f"{_indent(depth)}) -> {annotation}:" + (" ..." if stub else "")
    return _or_flat(flat, make, depth, tracked=False)


def method_header(depth: int, name: str, parameters: list[tuple[str, Optional[str]]], annotation: str) -> str:
    """`def name(parameters) -> annotation:`, each parameter a name and its annotation (or None);
    an annotation with brackets is declined (black's rules for commas inside it differ)."""
    printed = [name_ if note is None else f"{name_}: {note}" for name_, note in parameters]

    def make() -> list[_Leaf]:
        leaves = [_Leaf("name", "def"), _Leaf("name", name), _Leaf("open", "(", parent="params")]
        for index, text in enumerate(printed):
            inner = _tokens(text)
            if any(x.bracket for x in inner):
                raise Declined("a bracket in a parameter")
            leaves += [_Leaf("op", ","), *inner] if index else inner
        return [*leaves, _Leaf("close", ")"), _Leaf("op", "->"), *_wrapped(annotation), _Leaf("op", ":")]

    return _or_flat(f"{_indent(depth)}def {name}({', '.join(printed)}) -> {annotation}:", make, depth)


def accessor(depth: int, name: str, annotation: str) -> str:
    """`def name(self) -> annotation:`, a property's signature."""

    def make() -> list[_Leaf]:
        return [
            _Leaf("name", "def"), _Leaf("name", name), _Leaf("open", "(", parent="params"), _Leaf("name", "self"),
            _Leaf("close", ")"), _Leaf("op", "->"), *_wrapped(annotation), _Leaf("op", ":"),
        ]

    return _or_flat(f"{_indent(depth)}def {name}(self) -> {annotation}:", make, depth)


def returned_call(depth: int, callee: str, argument: str) -> str:
    """`return callee(argument)`."""
    value = f"{callee}({argument})"
    return _or_flat(f"{_indent(depth)}return {value}", lambda: [_Leaf("name", "return"), *_wrapped(value)], depth)


def keyword(depth: int, name: str, value: str) -> str:
    """One keyword argument of an exploded call, `name=value,`; a conditional expression gets
    black's optional parentheses."""

    def make() -> list[_Leaf]:
        inner = _tokens(value)
        level = 0
        conditional = False
        for leaf in inner:
            level += 1 if leaf.kind == "open" else -1 if leaf.kind == "close" else 0
            if leaf.kind == "name" and leaf.value in ("if", "else"):
                if level:
                    raise Declined("a nested conditional expression")
                conditional = True
        if conditional:
            left, right = _invisible()
            inner = [left, *inner, right]
        return [_Leaf("name", name), _Leaf("op", "=", parent="kwarg"), *inner, _Leaf("op", ",")]

    return _or_flat(f"{_indent(depth)}{name}={value},", make, depth, inside=True)


def wrapper_assignment(depth: int, target: str, callee: str, argument: str) -> str:
    """`target = callee(argument,)` as the template prints it: exploded, the argument alone on
    its line (a magic trailing comma)."""
    flat = f"{_indent(depth)}{target} = {callee}({argument},)"
    exploded = f"{_indent(depth)}{target} = {callee}(\n{_indent(depth + 1)}{argument},\n{_indent(depth)})"

    def make() -> list[_Leaf]:
        left, right = _invisible()
        call = [_Leaf("name", callee), _Leaf("open", "("), *_tokens(argument), _Leaf("op", ","), _Leaf("close", ")")]
        return [*_tokens(target), _Leaf("op", "="), left, *call, right]

    try:
        return _lay_out(make(), depth, flat, False, True)
    except Declined:
        return exploded


def class_header(name: str, bases: str) -> str:
    """`class Name(bases):`."""

    def make() -> list[_Leaf]:
        leaves = [_Leaf("name", "class"), _Leaf("name", name), _Leaf("open", "(", parent="class"), *_tokens(bases)]
        return [*leaves, _Leaf("close", ")"), _Leaf("op", ":")]

    return _or_flat(f"class {name}({bases}):", make, 0)
