"""Black's layout for the statements the templates print, without black.

The view decides every piece of a statement (names, annotations, defaults, the module and names
of an import); the templates choose the statement's shape and call this module, which turns the
pieces into leaves with black's whitespace and black's optional (invisible) parentheses (around an
assignment's value and annotation, a return annotation, a return value, an import's names, a
conditional keyword argument) and lets `splits` break the line as black would. Only the tokens
these pieces contain are known (names, dotted names, strings, numbers, brackets, commas, `=`, `:`,
`->`, `==`, a unary minus, the words of a conditional expression); anything else, or a piece that
does not print back exactly as it was given, is declined, and the statement is printed flat, for the
format stage to find (a line over the limit) and give to black.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from .leaves import Declined, Leaf, Line, fits
from .splits import split

_TOKEN = re.compile(
    r"""\s*(?:(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(?P<number>\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)"""
    r"""|(?P<name>[^\W\d]\w*)|(?P<op>->|==|[][(){},=.:-]))"""
)
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}
_KEYWORDS = {"def", "class", "return", "from", "import", "None", "True", "False", "if", "else", "is", "not", "and", "or", "in"}


# ---- the pieces: tokens of what the view made, with black's spacing -----------------------------


def _tokens(text: str) -> list[Leaf]:
    leaves: list[Leaf] = []
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
        leaves.append(Leaf(kind, value))
    return leaves


def _invisible() -> tuple[Leaf, Leaf]:
    return Leaf("open", "", parent="atom"), Leaf("close", "")


def _wrapped(text: str) -> list[Leaf]:
    """A value or annotation inside black's optional parentheses (declined when it is itself
    in parentheses: black would make those invisible instead)."""
    inner = _tokens(text)
    if not inner or inner[0].value == "(":
        raise Declined("a parenthesized value")
    left, right = _invisible()
    return [left, *inner, right]


def _space(leaves: list[Leaf]) -> None:
    """Pair the brackets and give every leaf black's whitespace before it."""
    stack: list[Leaf] = []
    kwarg = False
    previous: Optional[Leaf] = None
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

_PLAIN_NAME = re.compile(r"^\w+( as \w+)?$")  # an imported name, maybe re-exported
_DOTTED = re.compile(r"^\.*\w+(\.\w+)*$|^\.+$")  # an absolute or relative module


def _or_flat(flat: str, make: Callable[[], list[Leaf]], depth: int, inside: bool = False, tracked: bool = True) -> str:
    if fits(flat):  # black leaves a line that fits (none of these has a magic trailing comma)
        return flat
    try:
        return _lay_out(make(), depth, flat, inside, tracked)
    except Declined:
        return flat


def _lay_out(leaves: list[Leaf], depth: int, flat: str, inside: bool, tracked: bool) -> str:
    if leaves[0].kind == "close":  # a line that closes a bracket opened on an earlier one
        _space([leaves[0].opening or Leaf("open", "("), *leaves])
    else:
        _space(leaves)
    line = Line(leaves, depth, inside)
    if str(line) != flat:
        raise Declined(f"does not print back as given: {str(line)!r} != {flat!r}")
    if tracked:
        line.track()
    return "\n".join(str(x) for x in split(line))


def _indent(depth: int) -> str:
    return "    " * depth


def annotated(depth: int, target: str, annotation: str, value: Optional[str] = None) -> str:
    """`target: annotation = value` (a field, a TypedDict key, a type alias) at `depth` levels."""
    flat = f"{_indent(depth)}{target}: {annotation}" + ("" if value is None else f" = {value}")

    def make() -> list[Leaf]:
        leaves = [Leaf("name", target), Leaf("op", ":"), *_wrapped(annotation)]
        return leaves if value is None else [*leaves, Leaf("op", "="), *_wrapped(value)]

    return _or_flat(flat, make, depth)


def assignment(depth: int, target: str, value: str) -> str:
    """`target = value`."""
    return _or_flat(
        f"{_indent(depth)}{target} = {value}", lambda: [Leaf("name", target), Leaf("op", "="), *_wrapped(value)], depth
    )


def call_assignment(depth: int, target: str, callee: str, arguments: list[str]) -> str:
    """`target = callee(arguments)`."""
    value = f"{callee}({', '.join(arguments)})"
    return _or_flat(
        f"{_indent(depth)}{target} = {value}", lambda: [Leaf("name", target), Leaf("op", "="), *_wrapped(value)], depth
    )


def import_from(module: str, names: list[str], reexport: bool = False, depth: int = 0) -> str:
    """`from module import a, b` (`a as a` for each name when `reexport`) at `depth` levels: black's
    parentheses, one name a line, when it is too long."""
    if reexport:
        names = [f"{name} as {name}" for name in names]
    flat = f"{_indent(depth)}from {module} import {', '.join(names)}"
    if fits(flat):
        return flat
    try:
        return _exploded_import(module, names, depth)
    except Declined:
        pass

    def make() -> list[Leaf]:
        leaves = [Leaf("name", "from"), Leaf("name", module), Leaf("name", "import"), Leaf("open", "", parent="import")]
        for index, name in enumerate(names):
            leaves += [Leaf("op", ","), Leaf("name", name)] if index else [Leaf("name", name)]
        return [*leaves, Leaf("close", "")]

    return _or_flat(flat, make, depth)


def _exploded_import(module: str, names: list[str], depth: int) -> str:
    """What black makes of every import too long for its line: the names in parentheses, one a line,
    each with a comma (an import's split always adds the trailing comma, which explodes it). Found
    without the general splitter; declined for anything but plain names of a plain module."""
    if not (_DOTTED.match(module) and all(_PLAIN_NAME.match(name) for name in names)):
        raise Declined("not a plain import")
    indent = _indent(depth)
    return "\n".join([f"{indent}from {module} import (", *(f"{indent}    {name}," for name in names), f"{indent})"])


def parameter(depth: int, name: str, annotation: str, default: Optional[str] = None) -> str:
    """One parameter of an exploded signature, `name: annotation = default,`."""
    flat = f"{_indent(depth)}{name}: {annotation}" + ("" if default is None else f" = {default}") + ","

    def make() -> list[Leaf]:
        leaves = [Leaf("name", name), Leaf("op", ":"), *_tokens(annotation)]
        if default is not None:
            leaves += [Leaf("op", "="), *_tokens(default)]
        return [*leaves, Leaf("op", ",")]

    return _or_flat(flat, make, depth, inside=True)


def item(depth: int, value: str) -> str:
    """One argument of an exploded call, `value,`."""
    return _or_flat(f"{_indent(depth)}{value},", lambda: [*_tokens(value), Leaf("op", ",")], depth, inside=True)


def returns(depth: int, annotation: str, stub: bool = False) -> str:
    """The last line of an exploded signature, `) -> annotation:` (`: ...` for a stub)."""

    def make() -> list[Leaf]:
        close = Leaf("close", ")", opening=Leaf("open", "("))
        leaves = [close, Leaf("op", "->"), *_wrapped(annotation), Leaf("op", ":")]
        return [*leaves, Leaf("name", "...")] if stub else leaves

    flat = f"{_indent(depth)}) -> {annotation}:" + (" ..." if stub else "")
    return _or_flat(flat, make, depth, tracked=False)


def method_header(depth: int, name: str, parameters: list[tuple[str, Optional[str]]], annotation: str) -> str:
    """`def name(parameters) -> annotation:`, each parameter a name and its annotation (or None);
    an annotation with brackets is declined (black's rules for commas inside it differ)."""
    printed = [name_ if note is None else f"{name_}: {note}" for name_, note in parameters]

    def make() -> list[Leaf]:
        leaves = [Leaf("name", "def"), Leaf("name", name), Leaf("open", "(", parent="params")]
        for index, text in enumerate(printed):
            inner = _tokens(text)
            if any(x.bracket for x in inner):
                raise Declined("a bracket in a parameter")
            leaves += [Leaf("op", ","), *inner] if index else inner
        return [*leaves, Leaf("close", ")"), Leaf("op", "->"), *_wrapped(annotation), Leaf("op", ":")]

    return _or_flat(f"{_indent(depth)}def {name}({', '.join(printed)}) -> {annotation}:", make, depth)


def accessor(depth: int, name: str, annotation: str) -> str:
    """`def name(self) -> annotation:`, a property's signature."""

    def make() -> list[Leaf]:
        return [
            Leaf("name", "def"), Leaf("name", name), Leaf("open", "(", parent="params"), Leaf("name", "self"),
            Leaf("close", ")"), Leaf("op", "->"), *_wrapped(annotation), Leaf("op", ":"),
        ]

    return _or_flat(f"{_indent(depth)}def {name}(self) -> {annotation}:", make, depth)


def returned_call(depth: int, callee: str, argument: str) -> str:
    """`return callee(argument)`."""
    value = f"{callee}({argument})"
    return _or_flat(f"{_indent(depth)}return {value}", lambda: [Leaf("name", "return"), *_wrapped(value)], depth)


def keyword(depth: int, name: str, value: str) -> str:
    """One keyword argument of an exploded call, `name=value,`; a conditional expression gets
    black's optional parentheses."""

    def make() -> list[Leaf]:
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
        return [Leaf("name", name), Leaf("op", "=", parent="kwarg"), *inner, Leaf("op", ",")]

    return _or_flat(f"{_indent(depth)}{name}={value},", make, depth, inside=True)


def wrapper_assignment(depth: int, target: str, callee: str, argument: str) -> str:
    """`target = callee(argument,)` as the template prints it: exploded, the argument alone on
    its line (a magic trailing comma)."""
    flat = f"{_indent(depth)}{target} = {callee}({argument},)"
    exploded = f"{_indent(depth)}{target} = {callee}(\n{_indent(depth + 1)}{argument},\n{_indent(depth)})"

    def make() -> list[Leaf]:
        left, right = _invisible()
        call = [Leaf("name", callee), Leaf("open", "("), *_tokens(argument), Leaf("op", ","), Leaf("close", ")")]
        return [*_tokens(target), Leaf("op", "="), left, *call, right]

    if all(fits(line) for line in exploded.split("\n")):  # black splits at the call: as printed
        return exploded
    try:
        return _lay_out(make(), depth, flat, False, True)
    except Declined:
        return exploded


def class_header(name: str, bases: str) -> str:
    """`class Name(bases):`."""

    def make() -> list[Leaf]:
        leaves = [Leaf("name", "class"), Leaf("name", name), Leaf("open", "(", parent="class"), *_tokens(bases)]
        return [*leaves, Leaf("close", ")"), Leaf("op", ":")]

    return _or_flat(f"class {name}({bases}):", make, 0)
