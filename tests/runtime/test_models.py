"""Lenient parsing: whatever a 2xx response holds is kept, typed where it can be.

On the generated ChatKit models (nested objects, Literal enums, discriminated unions, fields typed by
aliases defined further down the module); field aliases only on the stand-ins (ChatKit has none).
"""

from __future__ import annotations

import copy
import datetime
import json
import subprocess
import sys
from types import ModuleType
from typing import Any, Dict, List, Optional, Sequence, Union

import pytest

from runtime_package import GENERATED_PYTHON, ITEM, SESSION, THREAD

USER_MESSAGE: Dict[str, Any] = {
    "id": "cthi_1",
    "object": "chatkit.thread_item",
    "created_at": 1,
    "thread_id": "cthr_1",
    "type": "chatkit.user_message",
    "content": [
        {"type": "input_text", "text": "hello"},
        {"type": "quoted_text", "text": "earlier"},
    ],
    "attachments": [
        {"type": "image", "id": "a1", "name": "cat.png", "mime_type": "image/png"}
    ],
    "inference_options": {"tool_choice": {"id": "tool_1"}, "model": None},
}


@pytest.fixture
def models(sdk: ModuleType) -> ModuleType:
    return sdk.types.models


def parse(sdk: ModuleType, type_: Any, data: Any) -> Any:
    return sdk._models.parse_response(type_, data)


def test_valid_data_is_validated(sdk: ModuleType, models: ModuleType) -> None:
    session = parse(sdk, models.ChatSession, SESSION)
    assert isinstance(session.workflow, models.ChatKitWorkflow)
    assert isinstance(session.workflow.tracing, models.ChatKitWorkflowTracing)
    assert session.chatkit_configuration.file_upload.max_files == 10
    assert session.model_extra == {}
    assert session.to_dict() == SESSION


def test_unknown_field_is_kept_and_round_trips(
    sdk: ModuleType, models: ModuleType
) -> None:
    data = {**THREAD, "added_later": {"nested": [1, 2]}}
    thread = parse(sdk, models.ChatKitThread, data)
    assert thread.added_later == {"nested": [1, 2]}
    assert thread.model_dump(by_alias=True) == data
    assert thread.to_dict() == data
    assert json.loads(thread.to_json()) == data


def test_unknown_enum_value_is_kept(sdk: ModuleType, models: ModuleType) -> None:
    data = copy.deepcopy(SESSION)
    data["status"] = "frozen"
    data["chatkit_configuration"]["history"]["enabled"] = "sometimes"
    session = parse(sdk, models.ChatSession, data)
    assert isinstance(session, models.ChatSession)
    assert session.status == "frozen"
    history = session.chatkit_configuration.history
    assert isinstance(history, models.ChatSessionHistory)
    assert history.enabled == "sometimes"
    assert session.to_dict() == data


def test_missing_required_field_still_parses(
    sdk: ModuleType, models: ModuleType
) -> None:
    data = {key: value for key, value in SESSION.items() if key != "client_secret"}
    session = parse(sdk, models.ChatSession, data)
    assert isinstance(session, models.ChatSession)
    assert session.id == "cksess_1"
    assert isinstance(session.workflow, models.ChatKitWorkflow)
    with pytest.raises(AttributeError):
        session.client_secret
    assert session.to_dict() == data


def test_lists_and_dicts_of_models(sdk: ModuleType, models: ModuleType) -> None:
    newer = {**THREAD, "status": {"type": "frozen"}}
    threads = parse(sdk, List[models.ChatKitThread], [THREAD, newer])
    assert [type(thread) for thread in threads] == [models.ChatKitThread] * 2
    assert threads[1].status.type == "frozen"
    by_key = parse(sdk, Dict[str, models.ChatKitThread], {"x": newer})
    assert by_key["x"].status.type == "frozen"
    sequence = parse(sdk, Sequence[models.ChatKitThread], [newer])
    assert isinstance(sequence[0], models.ChatKitThread)


def test_discriminated_union_keeps_known_and_unknown_variants(
    sdk: ModuleType, models: ModuleType
) -> None:
    widget = {**USER_MESSAGE, "type": "chatkit.widget", "widget": 42}
    unknown = {"id": "x", "type": "chatkit.audio", "seconds": 3}
    del widget["content"], widget["attachments"], widget["inference_options"]
    data = [USER_MESSAGE, widget, unknown]
    items = parse(sdk, List[models.ChatKitThreadItemListData], data)
    user, widget_item, audio = items
    assert isinstance(user, models.ChatKitThreadUserMessageItem)
    assert isinstance(
        user.content[1], models.ChatKitThreadUserMessageItemContentQuotedText
    )
    assert isinstance(user.attachments[0], models.ChatKitAttachment)
    assert isinstance(
        user.inference_options.tool_choice,
        models.ChatKitThreadUserMessageItemInferenceOptionsToolChoice,
    )
    # Not valid (widget is not a string), but clearly a widget: its Literal matches.
    assert (
        isinstance(widget_item, models.ChatKitWidgetItem) and widget_item.widget == 42
    )
    assert audio.type == "chatkit.audio" and audio.to_dict()["seconds"] == 3
    assert isinstance(audio, sdk.UnknownVariant)
    assert [item.to_dict() for item in items] == data


def test_fields_typed_by_aliases_defined_later() -> None:
    """`ChatKitThread.status` is typed by `ChatKitThreadStatus`, defined below the class.

    In a fresh interpreter, so that the first parse of the module's models goes through a
    TypeAdapter (a list), which leaves the model class itself not yet built.
    """
    script = f"""
import sys
sys.path.insert(0, {str(GENERATED_PYTHON)!r})
from typing import List
from chatkit_client._models import parse_response
from chatkit_client.types import models
data = {{"id": "t1", "object": "chatkit.thread", "created_at": 1, "user": "u",
         "status": {{"type": "archived"}}}}
locked = {{**data, "status": {{"type": "locked", "reason": "spam"}}}}
threads = parse_response(List[models.ChatKitThread], [data, locked])
assert isinstance(threads[0], models.ChatKitThread), type(threads[0])
assert threads[0].status.type == "archived"
assert isinstance(threads[1].status, models.ChatKitThreadStatusLocked), threads[1].status
assert threads[0].to_dict() == data and threads[1].to_dict() == locked
print("ok")
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_union_picks_first_valid_variant_else_raw(
    sdk: ModuleType, models: ModuleType
) -> None:
    Status = Union[models.ChatKitThreadStatusActive, models.ChatKitThreadStatusLocked]
    locked = parse(sdk, Status, {"type": "locked", "reason": None})
    assert isinstance(locked, models.ChatKitThreadStatusLocked)
    assert parse(sdk, Union[int, List[int]], "many") == "many"
    assert parse(sdk, Optional[models.ChatKitThread], None) is None


def test_scalars_that_do_not_validate_are_kept(sdk: ModuleType) -> None:
    assert parse(sdk, int, "12") == 12
    assert parse(sdk, int, "twelve") == "twelve"
    moment = parse(sdk, datetime.datetime, "2024-05-01T10:00:00Z")
    assert moment == datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.timezone.utc)
    assert parse(sdk, Dict[str, object], {"a": 1}) == {"a": 1}
    assert parse(sdk, object, [1]) == [1]


def test_non_mapping_for_a_model_is_returned_as_is(
    sdk: ModuleType, models: ModuleType
) -> None:
    assert parse(sdk, models.ChatKitThread, ["not", "an", "object"]) == [
        "not",
        "an",
        "object",
    ]
    assert parse(sdk, List[models.ChatKitThread], {"not": "a list"}) == {
        "not": "a list"
    }


def test_adapters_are_cached(sdk: ModuleType, models: ModuleType) -> None:
    adapter = sdk._models._adapter
    assert adapter(models.ChatSession) is adapter(models.ChatSession)
    union = models.ChatKitThreadItemListData
    assert adapter(union) is adapter(union)


# --- stand-ins: field aliases (no ChatKit field needs one) ----------------------------------


def test_alias_and_field_name_both_populate(standin: ModuleType) -> None:
    by_name = standin.types.Item(
        id="i", object_="item", name="n", status="active"
    ).model_dump(by_alias=True, exclude_unset=True)
    assert by_name == {"id": "i", "object": "item", "name": "n", "status": "active"}
    # An unknown enum value forces construction: the alias still maps to the field.
    data = {**ITEM, "object": "item.v2"}
    constructed = standin._models.parse_response(standin.types.Item, data)
    assert constructed.object_ == "item.v2"
    assert "object" not in (constructed.model_extra or {})
    assert constructed.to_dict() == data


# --- unions: a value no variant matches is an UnknownVariant, never a known variant ------------


@pytest.mark.parametrize(
    "status",
    [
        {"type": "weird_new_status"},
        {"type": "weird_new_status", "reason": "moved"},  # a field Locked has too
        {"reason": "no type at all"},
    ],
)
def test_unknown_discriminator_value_is_no_known_variant(
    sdk: ModuleType, models: ModuleType, status: Dict[str, Any]
) -> None:
    variants = (
        models.ChatKitThreadStatusActive,
        models.ChatKitThreadStatusLocked,
        models.ChatKitThreadStatusClosed,
    )
    thread = parse(sdk, models.ChatKitThread, {**THREAD, "status": status})
    assert isinstance(thread, models.ChatKitThread)
    assert not isinstance(thread.status, variants)
    assert isinstance(thread.status, sdk.UnknownVariant)
    assert thread.status.to_dict() == status
    assert thread.to_dict()["status"] == status
    # The alias itself (the discriminator read from its Annotated Field), and in a list.
    alone = parse(sdk, models.ChatKitThreadStatus, status)
    assert isinstance(alone, sdk.UnknownVariant) and not isinstance(alone, variants)
    listed = parse(sdk, List[models.ChatKitThreadStatus], [status, {"type": "active"}])
    assert isinstance(listed[0], sdk.UnknownVariant)
    assert isinstance(listed[1], models.ChatKitThreadStatusActive)


def test_known_discriminator_value_with_bad_fields_keeps_its_variant(
    sdk: ModuleType, models: ModuleType
) -> None:
    locked = parse(sdk, models.ChatKitThreadStatus, {"type": "locked", "reason": 7})
    assert isinstance(locked, models.ChatKitThreadStatusLocked) and locked.reason == 7


def test_plain_union_with_no_fitting_variant_is_unknown(
    sdk: ModuleType, models: ModuleType
) -> None:
    Plain = Union[models.ChatKitThreadStatusActive, models.ChatKitThreadStatusLocked]
    for data in ({"type": "closed"}, {"something": "else"}):
        value = parse(sdk, Plain, data)
        assert isinstance(value, sdk.UnknownVariant) and value.to_dict() == data
    # A variant whose fields fit (Literal matches, a field has a newer type) is still chosen.
    locked = parse(sdk, Plain, {"type": "locked", "reason": ["list"]})
    assert isinstance(locked, models.ChatKitThreadStatusLocked)


def test_unknown_enum_value_still_passes_through(
    sdk: ModuleType, models: ModuleType
) -> None:
    thread = parse(sdk, models.ChatKitThread, {**THREAD, "object": "chatkit.thread.v2"})
    assert thread.object == "chatkit.thread.v2"
