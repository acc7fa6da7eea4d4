"""black's line splitting, for a statement made of leaves: the rules of the pinned black (26.10.1)
for the shapes the layout module builds, without black.

One job: given a statement as a line of leaves (each with its value and the whitespace before it,
brackets paired, black's optional parentheses in place as invisible brackets), return the lines black
would print. The rules are black's, written for these leaves: a line that fits and has no magic
trailing comma stays; a def is split at its first bracket (left-hand split); a line inside brackets is
split at its highest-priority delimiters, one item a line with a trailing comma added after commas;
otherwise the right-hand split at the last opening bracket, trailers omitted from the end while the
first line does not fit, optional parentheses tried without them first and kept when black prefers
them (`_prefer_omitting`), and a second opinion with them forced when the first line is still too
long. black's mutations are kept: an optional parenthesis it makes visible stays visible for the
later tries, a delimiter split strips the space before each line's first leaf.

Only the delimiters these leaves can have are known: commas, the `if`/`else` of a conditional
expression and the `==`/`is` comparators. A shape black treats with rules not written here (a single
delimiter inside optional parentheses, a method call on a string, a trailing comma black may not call
magic) raises `Declined`. Widths are black's: a line fits when its width by black's table of wide
characters is at most 88 columns; the trailer-omitting search counts characters, as black's does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from .leaves import COMMA, LIMIT, OPEN, Declined, Leaf, Line, width


class _Cannot(Exception):
    """black's CannotSplit / CannotTransform: this way of splitting does not apply."""

# ---- the transforms: black's transform_line, rhs (with omitted trailers), lhs, delimiter split --


def _transform(line: Line, force: bool) -> list[Line]:
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


def _run(line: Line, transform: "_Transform", force: bool, text: str) -> list[Line]:
    result: list[Line] = []
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


def _clone(line: Line) -> Line:
    """The second opinion's copy: fresh leaves with the values of now, prefixes as first made."""
    fresh = {id(x): Leaf(x.kind, x.value, x.base, None, x.parent, 0, x.base) for x in line.leaves}
    for old in line.leaves:
        if old.opening is not None and id(old.opening) in fresh:
            fresh[id(old)].opening = fresh[id(old.opening)]
        elif old.opening is not None:
            fresh[id(old)].opening = old.opening
    leaves = [fresh[id(x)] for x in line.leaves]
    leaves[0].prefix = ""
    copy = Line(leaves, line.depth, line.inside, line.split_rhs, line.magic)
    copy.track()
    return copy


def _delimiter_split(line: Line, force: bool) -> Iterator[Line]:
    if not line.leaves:
        raise _Cannot
    try:
        priority = line.max_priority(exclude=line.leaves[-1])
    except ValueError:
        raise _Cannot from None
    current = Line([], line.depth, line.inside)
    for leaf in line.leaves:
        current.leaves.append(leaf)
        if line.delimiters.get(id(leaf)) == priority:
            current.track()
            current.leaves[0].prefix = ""
            yield current
            current = Line([], line.depth, line.inside)
    if current.leaves:
        if priority == COMMA and current.leaves[-1].value != ",":
            current.leaves.append(Leaf("op", ","))
        current.track()
        current.leaves[0].prefix = ""
        yield current


@dataclass(eq=False)
class _Split:
    head: Line
    body: Line
    tail: Line
    opening: Leaf
    closing: Leaf


def _build(leaves: list[Leaf], original: Line, opening: Leaf, part: str) -> Line:
    line = Line(list(leaves), original.depth)
    if part == "body":
        line.inside = True
        line.depth += 1
        if _ensure_comma(line.leaves, original, opening):
            line.leaves.append(Leaf("op", ","))
        line.track()
        if _should_split(line, opening):
            line.split_rhs = True
    elif part == "head":
        line.track(_inside_matching(line.leaves))
    return line


def _ensure_comma(leaves: list[Leaf], original: Line, opening: Leaf) -> bool:
    if not leaves:
        return False
    if original.starts("from"):
        return True
    if not original.starts("def") or opening.value != "(":
        return False
    return not any(x.kind == "op" and x.value == "," for x in leaves)


def _should_split(line: Line, opening: Leaf) -> bool:
    trailing = bool(line.leaves) and line.leaves[-1].value == ","
    try:
        priority = line.max_priority(exclude=line.leaves[-1] if trailing else None)
    except ValueError:
        return False
    return priority == COMMA and (trailing or opening.parent in ("atom", "import"))


def _inside_matching(leaves: list[Leaf]) -> list[Leaf]:
    """The leaves between matching brackets, the brackets included (black matches by kind)."""
    start = next((i for i, x in enumerate(leaves) if x.kind == "open"), None)
    if start is None:
        return []
    kept: set[int] = set()
    stack: list[tuple[str, list[int]]] = []
    for leaf in leaves[start:]:
        if leaf.kind == "open":
            stack.append((OPEN[leaf.value or "("], [id(leaf)]))
        elif leaf.kind == "close":
            if not stack or (leaf.value or ")") != stack[-1][0]:
                break
            ids = stack.pop()[1]
            ids.append(id(leaf))
            kept.update(ids)
        elif stack:
            stack[-1][1].append(id(leaf))
    return [x for x in leaves if id(x) in kept]


def _check_split(body: Line, tail: Line) -> None:
    if not body.leaves and len(str(tail).strip()) < 3:
        raise _Cannot


def _first_rhs(line: Line, omit: set[int]) -> _Split:
    tail: list[Leaf] = []
    body: list[Leaf] = []
    head: list[Leaf] = []
    current = tail
    opening: Optional[Leaf] = None
    closing: Optional[Leaf] = None
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


def _can_be_split(line: Line) -> bool:
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


def _omitting_optional(split: _Split, line: Line, force: bool, omit: set[int]) -> Iterator[Line]:
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


def _show(bracket: Leaf) -> None:
    if not bracket.value:
        bracket.value = "(" if bracket.kind == "open" else ")"


def _trailers_to_omit(line: Line) -> Iterator[set[int]]:
    omit: set[int] = set()
    if not line.magic:
        yield omit
    length = 4 * line.depth
    opening: Optional[Leaf] = None
    closing: Optional[Leaf] = None
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


def _rhs_with_omits(line: Line, force: bool) -> Iterator[Line]:
    before: dict[int, int] = {}
    running = 4 * line.depth
    for leaf in line.leaves:
        before[id(leaf)] = running
        running += len(leaf.prefix) + len(leaf.value)
    first: Optional[list[Line]] = None
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


def _lhs(line: Line, force: bool) -> Iterator[Line]:
    head: list[Leaf] = []
    body: list[Leaf] = []
    tail: list[Leaf] = []
    current = head
    matching: Optional[Leaf] = None
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


_Transform = Callable[[Line, bool], Iterator[Line]]


def split(line: Line) -> list[Line]:
    """The lines black prints for `line` (its leaves tracked already, when black would)."""
    return _transform(line, False)
