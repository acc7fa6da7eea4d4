"""The loader (`generator/spec/loader.py`): YAML 1.2 data from libyaml's events, hostile shapes refused at
their line, and line numbers found again for messages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import pytest
import yaml

from generator.errors import SpecError
from generator.spec.limits import MAX_DEPTH
from generator.spec.lines import line_of, lines_of
from generator.spec.loader import load_file, parse_text
from generator.spec.pointers import join_pointer

ROOT = Path(__file__).resolve().parent.parent
CHATKIT = ROOT / "spec" / "chatkit.yaml"


def _error(text: str) -> str:
    with pytest.raises(SpecError) as raised:
        parse_text(text, "t.yaml")
    return str(raised.value)


def test_yaml_12_scalars() -> None:
    data = parse_text(
        "a: yes\nb: no\nc: on\nd: off\ne: 0o17\nf: 0x1F\ng: 0777\nh: 1e3\ni: .inf\nj: -.inf\nk: ~\n"
        "l: null\nm: 'true'\nn: true\no: 2024-01-02\np: 1_000\nq: !!str 5\nr: !!int '7'\ns: !!float 1\n"
        "t: +12\nu: .5\nv: ''\nw:\n",
        "t.yaml",
    )
    assert data == {
        "a": "yes", "b": "no", "c": "on", "d": "off", "e": 15, "f": 31, "g": 777, "h": 1000.0,
        "i": float("inf"), "j": float("-inf"), "k": None, "l": None, "m": "true", "n": True,
        "o": "2024-01-02", "p": "1_000", "q": "5", "r": 7, "s": 1.0, "t": 12, "u": 0.5, "v": "", "w": None,
    }
    assert parse_text("a: .nan\n", "t.yaml")["a"] != parse_text("a: .nan\n", "t.yaml")["a"]


def test_keys_are_the_text_written() -> None:
    data = parse_text("responses:\n  200: {description: ok}\n  '404': {}\n  true: 1\n  1.50: 2\n  0x1F: 3\n", "t.yaml")
    assert list(data["responses"]) == ["200", "404", "true", "1.50", "0x1F"]


def test_merge_keys_and_anchors_as_pyyaml() -> None:
    text = (
        "base: &base {a: 1, b: 2}\nmore: &more {b: 3, c: 4}\n"
        "one: {<<: *base, b: 9}\nmany: {<<: [*base, *more], d: 5}\nshared: *base\n"
    )
    ours = parse_text(text, "t.yaml")
    assert ours == yaml.safe_load(text)
    assert list(ours["many"]) == list(yaml.safe_load(text)["many"])
    assert ours["shared"] is ours["base"]


def test_the_loaded_specs_equal_pyyaml() -> None:
    """Everything the project's specs hold reads as PyYAML reads it (keys as text)."""

    def textual(node: Any) -> Any:
        if isinstance(node, dict):
            return {str(k): textual(v) for k, v in node.items()}
        if isinstance(node, list):
            return [textual(v) for v in node]
        return node

    for path in [CHATKIT, *sorted((ROOT / "tests" / "fixtures" / "specs").glob("cov_*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        assert parse_text(text, path.name) == textual(yaml.load(text, Loader=yaml.CSafeLoader)), path


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: 1\na: 2\n", "t.yaml:2: duplicate key 'a' in this mapping"),
        ("a: 1\n---\nb: 2\n", "t.yaml:2: more than one YAML document in the file"),
        ("a: !!binary aGk=\n", "t.yaml:1: the YAML tag 'tag:yaml.org,2002:binary' is not supported here"),
        ("a: !!python/object:os.system {}\n", "t.yaml:1: the YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported"),
        ("a: !custom x\n", "t.yaml:1: the YAML tag '!custom' is not supported here"),
        ("a: !!set {x}\n", "t.yaml:1: the YAML tag 'tag:yaml.org,2002:set' is not supported"),
        ("? [1, 2]\n: x\n", "t.yaml:1: a mapping key must be text, not a list or mapping"),
        ("a: &x [1, *x]\n", "t.yaml:1: the alias *x is inside its own anchor &x"),
        ("a: *nothing\n", "t.yaml:1: the alias *nothing has no anchor"),
        ("a: " + "1" * 5000 + "\n", "t.yaml:1: an integer with 5000 digits is too long"),
        ("a: {b: 1\n", "t.yaml:2: invalid YAML:"),
        ("a:\n\tb: 1\n", "t.yaml:2: invalid YAML: found character that cannot start any token (a tab: YAML indents with spaces only)"),
        ('{"a": 1, "a": 2}', "t.yaml:1: duplicate key 'a' in a JSON object"),
        ('{"a": 1,\n "b": {"c": 1,\n  "c": 2}}', "t.yaml:3: duplicate key 'c' in a JSON object"),
        ('{"a":\n "\\ud800"}', "t.yaml:2: invalid JSON: the escape \\ud800 is half of a UTF-16 surrogate pair"),
        ('{"a": "\\ud83d\\ude00 \\\\ud800",\n "\\udc00": 1}', "t.yaml:2: invalid JSON: the escape \\udc00 is half"),
        ('{"a": ' + "1" * 5000 + "}", "t.yaml:1: invalid JSON:"),
    ],
)
def test_refused_at_their_line(text: str, expected: str) -> None:
    assert _error(text).startswith(expected)


def test_depth_limits() -> None:
    nested = "a:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(MAX_DEPTH + 5))
    assert _error(nested).startswith(f"t.yaml:{MAX_DEPTH + 1}: nested more than {MAX_DEPTH} levels deep")
    flow = "a: " + "[" * 5000 + "]" * 5000
    assert "nested more than" in _error(flow)
    deep_json = '{"a": ' * 5000 + "1" + "}" * 5000
    assert _error(deep_json) == f"t.yaml:1: nested more than {MAX_DEPTH} levels deep"
    # Through aliases: each anchor is shallow, their expansion is not.
    chain = "a0: &a0 [1]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, MAX_DEPTH + 5))
    assert "nested more than" in _error(chain) and "through the alias" in _error(chain)
    assert parse_text("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1), "t.yaml")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]" for i in range(9)]
    message = _error("\n".join(lines) + "\n")
    assert "YAML aliases expand to more than 1,000,000 nodes" in message


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="no such file"):
        load_file(tmp_path / "nope.yaml", "nope.yaml")
    with pytest.raises(SpecError, match="is a directory"):
        load_file(tmp_path, "dir")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    with pytest.raises(SpecError, match="not a regular file"):  # and it does not block
        load_file(fifo, "fifo.yaml")
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(SpecError, match="sdkgen reads specs up to 128 MiB"):
        load_file(big, "big.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(SpecError, match=r"^latin.yaml:2: not UTF-8 text \(byte 0xe9 at offset 11"):
        load_file(latin, "latin.yaml")
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufeffa: 1\n".encode("utf-8"))
    assert load_file(bom, "bom.yaml") == {"a": 1}


# ---- lines ----------------------------------------------------------------------------------------


def _reference_lines(node: yaml.Node, ptr: str = "#") -> Iterator[Tuple[str, int]]:
    """Every node's pointer and line, from PyYAML's composed tree (the slow way)."""
    yield ptr, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _reference_lines(value, join_pointer(ptr, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            yield from _reference_lines(value, join_pointer(ptr, index))


def test_lines_of_every_node_in_chatkit() -> None:
    expected: Dict[str, int] = dict(_reference_lines(yaml.compose(CHATKIT.read_text(encoding="utf-8"))))
    found = lines_of(CHATKIT, list(expected))
    assert found == expected


def test_line_of_falls_back_to_the_nearest_parent(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{\n  "a": {\n    "b": [\n      1,\n      {"c": 2}\n    ]\n  }\n}\n', encoding="utf-8")
    assert line_of(path, "#/a/b/1/c") == 5
    assert line_of(path, "#/a/b/0") == 4
    assert line_of(path, "#/a/missing/deeper") == 2
    assert line_of(path, "#") == 1
    assert line_of(tmp_path / "gone.yaml", "#/a") is None
