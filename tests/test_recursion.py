"""Recursion through containers: a schema may name itself inside an array, a map, or a union of them.

An array or a map can be empty, so such a type is finite; only a cycle that never reaches a value (`A =
B`, `B = A`; `A = allOf[A]`; `A = oneOf[A]`) is refused. The golden SDK of
`tests/fixtures/specs/cov_recursive_aliases.yaml` is imported, round-trips nested values, and passes
`mypy --strict` for Python 3.9, its TypedDict params included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest
from click.testing import CliRunner

from coverage_sdk import python_dir, submodule
from generator.cli import main as cli_main
from typecheck import mypy_strict

THEME = "cov_recursive_aliases"


def _deep_tree(depth: int) -> Dict[str, Any]:
    tree: Dict[str, Any] = {}
    for level in range(depth):
        tree = {f"level{level}": tree, "leaf": {}}
    return tree


HOLDER = {
    "tree": _deep_tree(6),
    "nested": [[[[[[]]]], []]],
    "json": {"a": [1.5, "b", True, None, {"c": [[["d"]]]}], "e": {"f": {"g": {"h": {"i": None}}}}},
    "forest": [{"x": [{"y": [{"z": [{}]}]}]}],
    "ping": [{"a": [{"b": [{"c": ["end"]}]}]}, "pong"],
    "errors": {"user": {"name": {"first": {"_errors": [{"code": "short", "message": "too short"}]}}}},
    "either": [[[[[]]], []]],
}


def test_nested_values_round_trip() -> None:
    models = submodule(THEME, "types.models")
    holder = models.Holder.model_validate(HOLDER)
    assert holder.model_dump(by_alias=True, exclude_unset=True) == HOLDER
    inner = holder.errors["user"]["name"]["first"]
    assert isinstance(inner, models.InnerErrors) and inner.errors[0].code == "short"


def test_recursive_alias_forms() -> None:
    source = "".join(p.read_text(encoding="utf-8") for p in sorted((python_dir(THEME) / THEME / "types").glob("*.py")))
    assert 'Tree: TypeAlias = Dict[str, "Tree"]' in source
    assert 'Tree = TypeAliasType("Tree", Dict[str, "Tree"])' in source
    assert 'Nested: TypeAlias = List["Nested"]' in source
    # A union one of whose branches is the schema itself stands for its other branches.
    assert 'Either: TypeAlias = List["Either"]' in source


def test_generated_package_and_params_type_check(tmp_path: Path) -> None:
    usage = tmp_path / "use_recursive.py"
    usage.write_text(
        "from cov_recursive_aliases.types.models import Holder\n"
        "from cov_recursive_aliases.types.params import EchoCreateParams, JsonParam, TreeParam\n"
        "from cov_recursive_aliases import Client\n\n"
        "tree: TreeParam = {'a': {'b': {'c': {}}}}\n"
        "value: JsonParam = {'a': [1.0, 'b', None, {'c': [True]}]}\n"
        "param: EchoCreateParams = {'tree': tree, 'json': value, 'nested': [[[]]], 'either': [[[]]],\n"
        "    'errors': {'f': {'_errors': [{'code': 'c', 'message': 'm'}]}}}\n\n\n"
        "def call(client: Client) -> Holder:\n"
        "    return client.echo.create(tree={'x': {}}, json=value, ping=[{'a': ['b']}])\n",
        encoding="utf-8",
    )
    result = mypy_strict(python_dir(THEME), packages=[THEME], files=[usage], python_version="3.9")
    assert result.ok, result.report()


def _generate(tmp_path: Path, schemas: str) -> tuple[int, str]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        'openapi: 3.1.0\ninfo: {title: Cycles, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n' + schemas,
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli_main, ["generate", "--spec", str(spec), "--out", str(tmp_path / "out"), "--skip-validation"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "schemas",
    [
        "    Tree: {type: object, additionalProperties: {$ref: '#/components/schemas/Tree'}}\n",
        "    A: {type: array, items: {$ref: '#/components/schemas/A'}}\n",
        "    A: {type: array, items: {$ref: '#/components/schemas/B'}}\n    B: {type: object, additionalProperties: {$ref: '#/components/schemas/A'}}\n",
        "    A: {oneOf: [{type: string}, {type: array, items: {$ref: '#/components/schemas/A'}}]}\n",
        "    A: {anyOf: [{$ref: '#/components/schemas/A'}, {type: string}]}\n",
    ],
    ids=["map of itself", "array of itself", "array of a map of it", "union over an array", "union with itself"],
)
def test_recursion_that_can_end_generates(tmp_path: Path, schemas: str) -> None:
    code, output = _generate(tmp_path, schemas)
    assert code == 0, output


@pytest.mark.parametrize(
    ("schemas", "message"),
    [
        (
            "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
            "#/components/schemas/A: a $ref cycle with no object in it: #/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A",
        ),
        (
            "    A: {allOf: [{$ref: '#/components/schemas/A'}]}\n",
            "a $ref and allOf cycle with no object in it: #/components/schemas/A -> #/components/schemas/A/allOf/0 -> #/components/schemas/A",
        ),
        (
            "    A: {oneOf: [{$ref: '#/components/schemas/A'}]}\n",
            "#/components/schemas/A: a $ref cycle with no object in it: #/components/schemas/A -> #/components/schemas/A",
        ),
        (
            "    A: {oneOf: [{$ref: '#/components/schemas/B'}]}\n    B: {anyOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}\n",
            "#/components/schemas/A: a $ref cycle with no object in it: #/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A",
        ),
    ],
    ids=["alias of an alias", "allOf of itself", "oneOf of itself only", "unions of each other only"],
)
def test_cycle_that_never_ends_is_refused(tmp_path: Path, schemas: str, message: str) -> None:
    code, output = _generate(tmp_path, schemas)
    assert code == 2, output
    assert message in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_inline_schema_that_names_itself_through_an_array(tmp_path: Path) -> None:
    """A schema inside a component (not a component itself) that is an array of itself: it becomes a
    named alias (it was refused as "a $ref cycle with no object in it")."""
    schemas = (
        "    X:\n      type: object\n      properties:\n        p:\n          type: array\n"
        "          items: {$ref: '#/components/schemas/X/properties/p'}\n"
    )
    code, output = _generate(tmp_path, schemas)
    assert code == 0, output
    source = "".join(p.read_text(encoding="utf-8") for p in sorted((tmp_path / "out" / "python").glob("*/types/*.py")))
    assert 'XP: TypeAlias = List["XP"]' in source


def test_inline_schema_that_is_only_itself_is_refused(tmp_path: Path) -> None:
    schemas = (
        "    X:\n      type: object\n      properties:\n        p:\n"
        "          oneOf: [{$ref: '#/components/schemas/X/properties/p'}]\n"
    )
    code, output = _generate(tmp_path, schemas)
    assert code == 2, output
    assert "cycle with no object in it" in output and "Traceback" not in output
