"""generator/ir/naming.py and the Python target's identifiers: case conversion, keywords, collisions,
and order independence."""

from __future__ import annotations

import itertools
import keyword
import random

import pytest

from generator.ir.naming import Claim, ascii_fold, pascal, resolve, singular, snake, upper_snake, words
from generator.targets.python.identifiers import (
    is_identifier,
    pascal_identifier,
    snake_identifier,
    with_trailing_underscore,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ChatKitConfiguration", ["Chat", "Kit", "Configuration"]),
        ("HTTPServerError", ["HTTP", "Server", "Error"]),
        ("max_per_1_min", ["max", "per", "1", "min"]),
        ("gpt-4o-mini", ["gpt", "4o", "mini"]),
        ("v1Beta", ["v1", "Beta"]),
        ("x-rate-limit", ["x", "rate", "limit"]),
        ("  spaced   out  ", ["spaced", "out"]),
        ("@type", ["type"]),
        ("$ref", ["ref"]),
        ("", []),
        ("---", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    "text, snake_case, pascal_case",
    [
        ("createChatCompletion", "create_chat_completion", "CreateChatCompletion"),
        ("list-things", "list_things", "ListThings"),
        ("Things & Stuff", "things_stuff", "ThingsStuff"),
        ("1024x1024", "1024x1024", "1024x1024"),
        ("tracing-config", "tracing_config", "TracingConfig"),
        ("URLSource", "url_source", "URLSource"),
    ],
)
def test_case_conversion(text: str, snake_case: str, pascal_case: str) -> None:
    assert snake(text) == snake_case
    assert pascal(text) == pascal_case
    assert upper_snake(text) == snake_case.upper()


def test_non_ascii() -> None:
    assert ascii_fold("café") == "cafe"
    assert snake("Ünïcödé") == "unicode"
    assert snake("名前") == "u540d_u524d"
    assert pascal("名前") == "U540dU524d"
    assert is_identifier(snake_identifier("日本語 name"))


@pytest.mark.parametrize(
    "text, expected",
    [("1st", "field_1st"), ("", "field"), ("@@@", "field"), ("class", "class"), ("None", "none")],
)
def test_snake_identifier(text: str, expected: str) -> None:
    assert snake_identifier(text) == expected


@pytest.mark.parametrize(
    "text, expected", [("1Password", "Model1Password"), ("", "Model"), ("-", "Model"), ("my.dotted.name", "MyDottedName")]
)
def test_pascal_identifier(text: str, expected: str) -> None:
    assert pascal_identifier(text) == expected


def test_keywords_and_reserved_names_get_a_trailing_underscore() -> None:
    for word in keyword.kwlist:
        name = with_trailing_underscore(word, set())
        assert name == word + "_" and name.isidentifier() and not keyword.iskeyword(name)
    assert with_trailing_underscore("model_config", {"model_config", "model_config_"}) == "model_config__"
    assert with_trailing_underscore("json", set()) == "json"


def test_every_name_is_a_valid_identifier() -> None:
    rng = random.Random(7)
    alphabet = "aZ_-. 09@$é名\u200b"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert is_identifier(with_trailing_underscore(snake_identifier(text), set()))
        assert is_identifier(pascal_identifier(text))


@pytest.mark.parametrize("word, expected", [("threads", "thread"), ("policies", "policy"), ("boxes", "box"), ("status", "status"), ("files", "file")])
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


# ---- resolve --------------------------------------------------------------------------------------


def test_collisions_get_the_next_candidate_then_a_number() -> None:
    names = resolve(
        [
            Claim("#/a", ("Thing",)),
            Claim("#/b", ("Thing", "ThingAlt")),
            Claim("#/c", ("Thing",)),
            Claim("#/d", ("Item1",)),
            Claim("#/e", ("Item1",)),
            Claim("#/f", ("field_name",)),
            Claim("#/g", ("field_name",)),
        ]
    )
    assert names == {
        "#/a": "Thing",
        "#/b": "ThingAlt",
        "#/c": "Thing2",
        "#/d": "Item1",
        "#/e": "Item1_2",  # a base ending in a digit gets a separator
        "#/f": "field_name",
        "#/g": "field_name_2",
    }


def test_reserved_fold_avoid_and_priority() -> None:
    assert resolve([Claim("k", ("Client",))], reserved={"Client"}) == {"k": "Client2"}
    assert resolve([Claim("a", ("Beta",)), Claim("b", ("beta",))], fold=str.lower) == {"a": "Beta", "b": "beta2"}
    assert resolve([Claim("a", ("_x", "x"))], avoid=lambda n: n.startswith("_")) == {"a": "x"}
    # A lower priority number is served first, whatever the names.
    assert resolve([Claim("z", ("Name",), 0), Claim("a", ("Name",), 1)]) == {"z": "Name", "a": "Name2"}


def test_names_do_not_depend_on_the_order_of_claims() -> None:
    claims = [
        Claim("#/components/schemas/thing", ("Thing",)),
        Claim("#/components/schemas/Thing", ("Thing",)),
        Claim("#/components/schemas/THING", ("Thing", "ThingUpper")),
        Claim("#/paths/x/inline", ("Thing", "InlineThing"), 1),
        Claim("#/components/schemas/tracing", ("TracingConfiguration",)),
        Claim("#/components/schemas/tracing2", ("TracingConfiguration",)),
    ]
    expected = resolve(claims)
    assert len(set(expected.values())) == len(claims)
    for order in itertools.permutations(claims):
        assert resolve(order) == expected
