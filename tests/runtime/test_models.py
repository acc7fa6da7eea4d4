"""Lenient parsing: whatever a 2xx response holds is kept, typed where it can be."""

from __future__ import annotations

import datetime
from types import ModuleType
from typing import Any, Dict, List, Optional, Sequence, Union

import pytest

ITEM = {
    "id": "item_1",
    "object": "item",
    "name": "first",
    "status": "active",
    "tags": ["a", "b"],
    "owner": {"id": "user_1", "kind": "user"},
}


@pytest.fixture
def models(sdk: ModuleType) -> ModuleType:
    return sdk._models


def parse(sdk: ModuleType, type_: Any, data: Any) -> Any:
    return sdk._models.parse_response(type_, data)


def test_valid_data_is_validated(sdk: ModuleType) -> None:
    item = parse(sdk, sdk.types.Item, ITEM)
    assert isinstance(item.owner, sdk.types.Owner)
    assert item.object_ == "item"
    assert item.tags == ["a", "b"]


def test_unknown_field_is_kept_and_round_trips(sdk: ModuleType) -> None:
    data = {**ITEM, "added_later": {"nested": [1, 2]}}
    item = parse(sdk, sdk.types.Item, data)
    assert item.added_later == {"nested": [1, 2]}
    assert item.model_dump(by_alias=True) == data
    assert item.to_dict() == data


def test_unknown_enum_value_is_kept(sdk: ModuleType) -> None:
    data = {**ITEM, "status": "frozen", "owner": {"id": "o", "kind": "robot"}}
    item = parse(sdk, sdk.types.Item, data)
    assert isinstance(item, sdk.types.Item)
    assert item.status == "frozen"
    assert isinstance(item.owner, sdk.types.Owner)
    assert item.owner.kind == "robot"
    assert item.model_dump(by_alias=True) == data


def test_missing_required_field_still_parses(sdk: ModuleType) -> None:
    data = {key: value for key, value in ITEM.items() if key != "name"}
    item = parse(sdk, sdk.types.Item, data)
    assert isinstance(item, sdk.types.Item)
    assert item.id == "item_1"
    assert isinstance(item.owner, sdk.types.Owner)
    assert item.to_dict() == data


def test_alias_and_field_name_both_populate(sdk: ModuleType) -> None:
    by_name = sdk.types.Item(
        id="i", object_="item", name="n", status="active"
    ).model_dump(by_alias=True, exclude_unset=True)
    assert by_name == {"id": "i", "object": "item", "name": "n", "status": "active"}
    # An unknown enum value forces construction: the alias still maps to the field.
    constructed = parse(sdk, sdk.types.Item, {**ITEM, "object": "item.v2"})
    assert constructed.object_ == "item.v2"
    assert "object" not in (constructed.model_extra or {})


def test_lists_and_dicts_of_models(sdk: ModuleType) -> None:
    items = parse(sdk, List[sdk.types.Item], [ITEM, {**ITEM, "status": "new"}])
    assert [type(item) for item in items] == [sdk.types.Item] * 2
    assert items[1].status == "new"
    by_key = parse(sdk, Dict[str, sdk.types.Item], {"x": {**ITEM, "status": "new"}})
    assert by_key["x"].status == "new"
    sequence = parse(sdk, Sequence[sdk.types.Item], [{**ITEM, "status": "new"}])
    assert isinstance(sequence[0], sdk.types.Item)


def test_discriminated_union_keeps_known_and_unknown_variants(sdk: ModuleType) -> None:
    data = {
        "id": "msg_1",
        "parts": [
            {"type": "text", "text": "hello"},
            {"type": "image", "url": "https://x", "width": "wide"},
            {"type": "audio", "seconds": 3},
        ],
    }
    message = parse(sdk, sdk.types.Message, data)
    text, image, audio = message.parts
    assert isinstance(text, sdk.types.TextPart)
    # Not valid (width is not an int), but clearly an image: its Literal matches.
    assert isinstance(image, sdk.types.ImagePart) and image.width == "wide"
    assert audio.type == "audio" and audio.to_dict()["seconds"] == 3
    assert message.to_dict() == data


def test_fields_typed_by_aliases_defined_later(sdk: ModuleType) -> None:
    # Only this test uses Thread: the first parse goes through a TypeAdapter, which leaves the model
    # class incomplete (its fields still forward references).
    data = {
        "id": "t1",
        "status": {"type": "archived"},
        "history": [{"type": "locked", "reason": "spam"}, {"type": "locked"}],
    }
    threads = parse(sdk, List[sdk.types.Thread], [data])
    thread = threads[0]
    assert isinstance(thread, sdk.types.Thread)
    assert thread.status.type == "archived"
    assert isinstance(thread.history[0], sdk.types.ThreadLocked)
    assert isinstance(thread.history[1], sdk.types.ThreadLocked)
    assert thread.to_dict() == data


def test_union_picks_first_valid_variant_else_raw(sdk: ModuleType) -> None:
    Part = Union[sdk.types.TextPart, sdk.types.ImagePart]
    image = parse(sdk, Part, {"type": "image", "url": "u"})
    assert isinstance(image, sdk.types.ImagePart)
    assert parse(sdk, Union[int, List[int]], "many") == "many"
    assert parse(sdk, Optional[sdk.types.Owner], None) is None


def test_scalars_that_do_not_validate_are_kept(sdk: ModuleType) -> None:
    assert parse(sdk, int, "12") == 12
    assert parse(sdk, int, "twelve") == "twelve"
    moment = parse(sdk, datetime.datetime, "2024-05-01T10:00:00Z")
    assert moment == datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.timezone.utc)
    assert parse(sdk, Dict[str, object], {"a": 1}) == {"a": 1}
    assert parse(sdk, object, [1]) == [1]


def test_non_mapping_for_a_model_is_returned_as_is(sdk: ModuleType) -> None:
    assert parse(sdk, sdk.types.Item, ["not", "an", "object"]) == [
        "not",
        "an",
        "object",
    ]
    assert parse(sdk, List[sdk.types.Item], {"not": "a list"}) == {"not": "a list"}


def test_adapters_are_cached(models: ModuleType, sdk: ModuleType) -> None:
    assert models._adapter(sdk.types.Item) is models._adapter(sdk.types.Item)
    assert models._adapter(sdk.types.Part) is models._adapter(sdk.types.Part)
