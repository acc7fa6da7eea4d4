"""The format stage gives exactly black's output while sending black only the statements it needs."""

from __future__ import annotations

import black

from generator.targets.python.format import black_mode, format_files
from generator.targets.python.long_lines import long_statements


def test_wide_characters_count_double_like_black() -> None:
    # 58 characters, but the CJK ones are two columns wide: black splits the line, so must we.
    source = 'X = ["' + "名前" * 20 + 'abc", "def"]\n'
    assert len(source.rstrip("\n")) < 88 < black.strings.str_width(source.rstrip("\n"))
    assert long_statements(source)
    out = format_files({"m.py": source}, use_cache=False)["m.py"]
    assert out == black.format_str(source, mode=black_mode())


def test_short_ascii_file_is_left_as_printed() -> None:
    source = "from typing import List\n\nX: List[int] = []\n"
    assert long_statements(source) == []
    assert format_files({"m.py": source}, use_cache=False)["m.py"] == source


def test_long_field_in_a_class_is_formatted_alone() -> None:
    source = (
        "class C:\n"
        '    """Doc."""\n\n'
        "    a: int\n\n"
        "    very_long_field_name: Optional[SomeVeryLongTypeNameForTheField] = Field(default=None, alias=\"x\")\n"
    )
    spans = long_statements(source)
    assert [depth for _, _, depth, _ in spans] == [1]
    assert format_files({"m.py": source}, use_cache=False)["m.py"] == black.format_str(source, mode=black_mode())
