"""The layout module lays out every statement shape the templates print exactly as black does.

Each shape is laid out for pieces whose flat line lands on each side of the limit (87 to 92
columns, and far beyond), with nested generics, calls with keyword arguments, long string literals
and East Asian wide characters, and compared with what black makes of the same statement in the
same place (a class body, a signature, an exploded call). A shape the module declines would print
flat: the comparison would fail, so every case here is one it lays out.
"""

from __future__ import annotations

import itertools
from typing import Callable, Iterator, Optional

import black
import pytest

from generator.targets.python import layout, leaves
from generator.targets.python.format import black_mode

PAD = "abcdefghijklmnopqrstuvwxyz" * 8

# Annotations the view makes: names, subscripts, unions of literals, Annotated with a call.
ANNOTATIONS = [
    "{n}",
    "Optional[{n}]",
    "List[{n}]",
    "Union[str, {n}, None]",
    'Literal["{s}", "b", "c"]',
    'Optional[Union[str, Literal["whisper-1", "{s}"]]]',
    'Annotated[Union[{n}, Other{n}], Field(discriminator="type")]',
    "Required[Optional[Iterable[Union[{n}Param, Other{n}Param]]]]",
    "Dict[str, List[Union[{n}, int]]]",
    'Literal["名前{s}", "日本"]',
]
DEFAULTS = [None, "None", "not_given", "omit", '"{s}"', "-1", "[]", 'Field(default=None, alias="{s}.x")']


def black_of(source: str) -> str:
    return black.format_str(source, mode=black_mode())


def names(target_width: int, text: str) -> Iterator[str]:
    """Identifier padding that puts a statement's flat line at each width around the limit."""
    for extra in (-3, -1, 0, 1, 2, 4, 30):
        size = max(1, target_width + extra - len(text))
        yield "N" + PAD[:size]


def cases(prefix_width: int) -> Iterator[tuple[str, Optional[str], str]]:
    """(annotation, default, string) with the flat line near the limit."""
    for annotation, default in itertools.product(ANNOTATIONS, DEFAULTS):
        base = annotation.format(n="", s="") + ("" if default is None else " = " + default.format(s=""))
        for filler in names(88 - prefix_width, base):
            half = filler[: max(1, len(filler) // 2)]
            yield annotation.format(n=half.capitalize(), s=half), (
                None if default is None else default.format(s=half)
            ), half


def between(text: str, start: str, end: str) -> str:
    """The lines of `text` after the line `start` and before the line `end` (both exact)."""
    lines = text.split("\n")
    first = lines.index(start) + 1
    last = lines.index(end, first)
    return "\n".join(lines[first:last])


@pytest.mark.parametrize("depth", [0, 1])
def test_annotated_assignments(depth: int) -> None:
    checked = 0
    for annotation, default, _ in cases(4 * depth + 8):
        target = "field_name" if depth else "AliasName"
        got = layout.annotated(depth, target, annotation, default)
        flat = f"{'    ' * depth}{target}: {annotation}" + ("" if default is None else f" = {default}")
        want = black_of(("class _:\n" if depth else "") + flat + "\n")
        assert (("class _:\n" if depth else "") + got + "\n") == want, flat
        checked += 1
    assert checked > 400


def test_type_alias_of_a_long_literal() -> None:
    values = ", ".join(f'"gpt-{i}-2025-08-07"' for i in range(40))
    flat = f"Models: TypeAlias = Literal[{values}]"
    assert layout.annotated(0, "Models", "TypeAlias", f"Literal[{values}]") + "\n" == black_of(flat + "\n")


def test_parameters_of_an_exploded_signature() -> None:
    for annotation, default, _ in cases(8 + 6):
        got = layout.parameter(2, "param", annotation, default)
        flat = f"        param: {annotation}" + ("" if default is None else f" = {default}") + ","
        source = f"class _:\n    def f(\n        self,\n{flat}\n    ) -> None:\n        pass\n"
        assert between(black_of(source), "        self,", "    ) -> None:") == got, flat


@pytest.mark.parametrize("stub", [False, True])
def test_return_annotations(stub: bool) -> None:
    for annotation, _, _ in cases(4 + 6):
        got = layout.returns(1, annotation, stub=stub)
        end = " ..." if stub else ""
        source = f"class _:\n    def f(\n        self,\n    ) -> {annotation}:{end}\n" + ("" if stub else "        pass\n")
        formatted = black_of(source).split("\n")
        tail = formatted[3 : len(formatted) - (1 if stub else 2)]
        assert "\n".join(tail) == got, annotation


def test_property_signatures_and_returns() -> None:
    for width in range(80, 96):
        name = "Resource" + PAD[: width - 30] + "WithRawResponse"
        signature = layout.accessor(1, "attribute", name)
        body = layout.returned_call(2, name, "self._client.attribute")
        source = f"class _:\n    def attribute(self) -> {name}:\n        return {name}(self._client.attribute)\n"
        assert "class _:\n" + signature + "\n" + body + "\n" == black_of(source), name


def test_call_arguments_and_keywords() -> None:
    for annotation, _, _ in cases(12 + 1):
        item = layout.item(3, annotation)
        keyword = layout.keyword(4, "cast_to", annotation)
        source = f"class _:\n    def f(self) -> None:\n        return cast(\n            {annotation},\n            x,\n        )\n"
        assert between(black_of(source), "        return cast(", "            x,") == item, annotation
        wanted = black_of(
            f"class _:\n    def f(self) -> None:\n        return g(\n            h(\n                a,\n"
            f"                cast_to={annotation},\n            ),\n        )\n"
        )
        assert between(wanted, "                a,", "            ),") == keyword, annotation


def test_a_conditional_keyword_argument() -> None:
    for width in range(60, 120, 3):
        stream = "Stream" + PAD[: width // 3]
        union = f"Union[{stream}Json, {stream}Text, {stream}Verbose]"
        for value in (f'{stream} if stream_format == "sse" else {union}', f"{stream} if stream is True else {stream}Json"):
            wanted = black_of(
                f"class _:\n    def f(self) -> None:\n        return g(\n            h(\n                a,\n"
                f"                cast_to={value},\n            ),\n        )\n"
            )
            assert between(wanted, "                a,", "            ),") == layout.keyword(4, "cast_to", value)


def test_imports() -> None:
    for count in range(1, 12):
        names_ = [f"Name{i}{PAD[: 3 * i]}" for i in range(count)]
        flat = f"from ..types.models import {', '.join(names_)}"
        assert layout.import_from("..types.models", names_) + "\n" == black_of(flat + "\n")
    long_name = "N" + PAD[:100]
    assert layout.import_from(".m", [long_name]) + "\n" == black_of(f"from .m import {long_name}\n")


def test_class_headers() -> None:
    for width in range(80, 130, 3):
        name = "Model" + PAD[: width - 20]
        for bases in ("BaseModel", "TypedDict, total=False", "SyncAPIResource"):
            flat = f"class {name}({bases}):"
            assert layout.class_header(name, bases) + "\n    pass\n" == black_of(flat + "\n    pass\n"), flat


def test_type_alias_type_calls() -> None:
    for annotation, _, half in cases(4 + 30):
        got = layout.call_assignment(1, "Recursive", "TypeAliasType", ['"Recursive"', annotation])
        source = f'if TYPE_CHECKING:\n    pass\nelse:\n    Recursive = TypeAliasType("Recursive", {annotation})\n'
        assert "if TYPE_CHECKING:\n    pass\nelse:\n" + got + "\n" == black_of(source), annotation


def test_wrapper_assignments() -> None:
    for width in range(60, 110, 2):
        method = "m" + PAD[: width - 50]
        for wrapper in ("to_raw_response_wrapper", "async_to_streamed_response_wrapper"):
            got = layout.wrapper_assignment(2, f"self.{method}", wrapper, f"resource.{method}")
            source = (
                "class _:\n    def __init__(self, resource: R) -> None:\n"
                f"        self.{method} = {wrapper}(\n            resource.{method},\n        )\n"
            )
            assert "class _:\n    def __init__(self, resource: R) -> None:\n" + got + "\n" == black_of(source)


DECLINED: list[Callable[[], str]] = [
    lambda: layout.annotated(1, "x", "Union[A, B]", "a + b"),  # an operator
    lambda: layout.annotated(1, "x", "Union[A, B]", "(1, 2)"),  # a parenthesized value
    lambda: layout.annotated(1, "x", "Tuple[int, ...]", None),  # an ellipsis
    lambda: layout.item(3, "f(x).y"),  # an attribute of a call
]


@pytest.mark.parametrize("make", DECLINED)
def test_declined_shapes_print_flat(make: Callable[[], str]) -> None:
    """What the module does not know it prints as given, on one line: the format stage sees a
    long line there and gives the statement to black."""
    assert "\n" not in make()


def test_width_is_blacks() -> None:
    for text in ("abc", "名前", "ｱｲｳ", "e\u0301", "😀x"):
        assert leaves.width(text) == black.strings.str_width(text)


def test_module_constants_and_reexports() -> None:
    for width in range(70, 110, 3):
        text = '"' + "v" * (width - 20) + '"'
        assert layout.assignment(0, "PACKAGE_NAME", text) + "\n" == black_of(f"PACKAGE_NAME = {text}\n")
        name = "E" + PAD[: width - 30] + "Error"
        assert layout.assignment(0, "ClientError", name) + "\n" == black_of(f"ClientError = {name}\n")
        flat = f"from ._settings import {name} as {name}"
        assert layout.import_from("._settings", [name], reexport=True) + "\n" == black_of(flat + "\n")


def test_method_headers() -> None:
    for width in range(70, 130, 3):
        name = "Resource" + PAD[: width - 40]
        got = layout.method_header(1, "__init__", [("self", None), ("resource", name)], "None")
        source = f"class _:\n    def __init__(self, resource: {name}) -> None:\n        pass\n"
        assert "class _:\n" + got + "\n        pass\n" == black_of(source), name
