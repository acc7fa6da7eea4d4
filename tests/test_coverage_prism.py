"""The golden SDK of every coverage fixture, driven against Prism mocking its own spec.

Prism answers 422 to any request that does not match the spec, so each call succeeding proves the SDK
put the construct on the wire as the spec says; parsing Prism's examples proves the other direction.
Prism cannot serve text/event-stream nor audio/* bodies, nor read repeated multipart parts as an array:
those are in test_coverage_wire.py, against a local server.
"""

from __future__ import annotations

import asyncio
import datetime
import io
from typing import Any, Callable, Iterator

import pytest

from coverage_sdk import golden_sdk, spec_path


@pytest.fixture(scope="module")
def clients(prism_for: Callable[[Any], str]) -> Iterator[Callable[[str], Any]]:
    made: dict[str, Any] = {}

    def client(theme: str) -> Any:
        if theme not in made:
            made[theme] = golden_sdk(theme).Client(base_url=prism_for(spec_path(theme)), max_retries=0)
        return made[theme]

    yield client
    for made_client in made.values():
        made_client.close()


def async_client(prism_for: Callable[[Any], str], theme: str) -> Any:
    return golden_sdk(theme).AsyncClient(base_url=prism_for(spec_path(theme)), max_retries=0)


# ---- cov_nullable_enums (OpenAPI 3.0) -------------------------------------------------------------


def test_nullable_fields_round_trip(clients: Callable[[str], Any]) -> None:
    sdk = golden_sdk("cov_nullable_enums")
    client = clients("cov_nullable_enums")
    # Required-but-nullable and optional nullable fields sent as null: Prism accepts them (3.0 nullable).
    created = client.pets.create(
        name="Rex",
        nickname=None,
        owner=None,
        tags=["a", None],
        mood=None,
        weight=None,
        legacy_code=None,
        odd="",
        size="1024x1024",
        level=3,
        status="sold",
        password="secret",
    )
    assert isinstance(created, sdk.types.Pet)
    pet = client.pets.retrieve("pet_1", size="256x256", level=2)
    assert pet.nickname is None and pet.owner is None and pet.mood is None and pet.tags is None
    assert pet.weight is None and pet.legacy_code is None
    assert pet.size == "1024x1024" and pet.odd == "" and pet.level == 2
    assert pet.to_dict()["nickname"] is None  # null stays null on the way back out


def test_defaults_apply_when_the_server_leaves_a_field_out() -> None:
    pet = golden_sdk("cov_nullable_enums").types.Pet.model_validate({"id": "p", "name": "n", "nickname": None, "owner": None})
    assert pet.status == "available" and pet.weight == 1.5 and pet.level == 1  # level: the $ref's default
    assert "status" not in pet.to_dict()  # a default is not something the server sent


# ---- cov_shapes -----------------------------------------------------------------------------------


def test_type_lists_const_maps_and_nested_arrays(clients: Callable[[str], Any]) -> None:
    sdk = golden_sdk("cov_shapes")
    shape = clients("cov_shapes").shapes.create(
        kind="shape",
        version=2,
        enabled=True,
        label=None,
        id_or_index="seven",
        nothing=None,
        grid=[[1, 2], [3]],
        nested_optional=[[None, "a"]],
        points_by_name={"origin": {"x": 0, "y": 0}},
        metadata={"free": [1, "two", None, {"deep": True}]},
        extras={},
        strict={"x": 1.5, "y": 2},
        anything=[1, "x"],
        flags=None,
        nullable_point=None,
        nullable_point_list=[{"x": 1, "y": 1}],
    )
    assert shape.kind == "shape" and shape.version == 2 and shape.label is None
    assert shape.id_or_index == 7 and shape.nothing is None
    assert shape.grid == [[1, 2], [3, 4]] and shape.nested_optional == [[None, "a"]]
    assert isinstance(shape.points_by_name["origin"], sdk.types.Point)
    assert shape.metadata == {"any": [1, "two", None]} and shape.extras == {}
    assert shape.ratio == 0.5  # left out by the server: the default
    maps = clients("cov_shapes").points.list()
    assert [type(p) for p in maps[0]["corners"]] == [sdk.types.Point, sdk.types.Point]


def test_typed_extra_keys_beside_properties(clients: Callable[[str], Any]) -> None:
    labels = clients("cov_shapes").labels.update(name="main", extra_body={"color": "blue"})
    assert labels.name == "main" and labels.to_dict() == {"name": "main", "color": "blue"}


# ---- cov_composition ------------------------------------------------------------------------------


def test_discriminated_unions_parse_to_their_variant(clients: Callable[[str], Any]) -> None:
    types = golden_sdk("cov_composition").types
    client = clients("cov_composition")
    zoo = client.zoo.retrieve()
    assert isinstance(zoo, types.Zoo)
    # allOf: properties and required from both refs and the inline part.
    assert (zoo.id, zoo.name, zoo.created_at) == ("zoo_1", "City Zoo", 1700000000)
    assert [type(a) for a in zoo.animals] == [types.Dog, types.Cat]
    assert [type(s) for s in zoo.shapes] == [types.Circle, types.Square]  # implicit mapping
    assert isinstance(zoo.keeper, types.Keeper) and zoo.identifier == 42
    assert zoo.tags == ["a", 1, True] and isinstance(zoo.location, types.LatLng)
    animal = client.animals.create(body={"kind": "cat", "name": "Tom", "lives": 9})
    assert isinstance(animal, types.Dog) and animal.bark_volume == 11  # Prism's example is a dog


def test_discriminator_literals_in_the_models() -> None:
    types = golden_sdk("cov_composition").types
    assert types.Circle.model_fields["shape_type"].annotation is not str  # narrowed to Literal["circle"]
    parsed = types.Zoo.model_validate(
        {"id": "z", "name": "n", "created_at": 1, "animals": [], "shapes": [{"shape_type": "square", "side": 1}]}
    )
    assert isinstance(parsed.shapes[0], types.Square)


# ---- cov_recursion --------------------------------------------------------------------------------


def test_recursive_models_both_ways(clients: Callable[[str], Any]) -> None:
    types = golden_sdk("cov_recursion").types
    client = clients("cov_recursion")
    tree = client.trees.create(
        value="root", children=[{"value": "a", "children": [{"value": "b", "parent": None}]}], parent=None
    )
    assert isinstance(tree.children[1].children[0], types.TreeNode)
    assert tree.children[1].children[0].value == "leaf"
    result = client.expressions.evaluate(
        expression={
            "op": "multiply",
            "left": {"op": "number", "value": 2},
            "right": {"op": "add", "left": {"op": "number", "value": 1}, "right": {"op": "number", "value": 2}},
        },
        folder={"name": "root", "entries": {"docs": {"name": "docs", "entries": {}}}},
    )
    assert isinstance(result.expression, types.BinaryExpression)
    assert isinstance(result.expression.left, types.NumberExpression)
    assert isinstance(result.employee.department.head, types.Employee)  # mutual recursion
    assert isinstance(result.folder.entries["docs"], types.Folder)  # a recursive map


# ---- cov_formats_files ----------------------------------------------------------------------------


def test_formats_round_trip(clients: Callable[[str], Any]) -> None:
    event = clients("cov_formats_files").events.create(
        id=2**53 - 1,
        starts_at=datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc),
        day=datetime.date(2024, 5, 1),
        ends_at=None,
        created=1714566600,
        checksum="aGVsbG8=",
    )
    assert event.id == 9007199254740991
    assert event.starts_at == datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc)
    assert event.day == datetime.date(2024, 5, 1) and event.created == 1714566600


def test_multipart_upload_with_a_file(clients: Callable[[str], Any]) -> None:
    stored = clients("cov_formats_files").files.create(
        file=("notes.txt", io.BytesIO(b"hello"), "text/plain"),
        purpose="assistants",
        note="a plain form field",
        expires_after_days=3,
    )
    assert stored.id == "file_1" and stored.bytes == 5


def test_binary_download_and_raw_upload(clients: Callable[[str], Any]) -> None:
    sdk = golden_sdk("cov_formats_files")
    files = clients("cov_formats_files").files
    download = files.content.retrieve("file_1")
    assert isinstance(download, sdk.BinaryResponse) and download.content == b"hello"
    stored = files.content.update("file_1", body=b"\x00\x01binary")
    assert stored.filename == "notes.txt"


def test_async_binary_download(prism_for: Callable[[Any], str]) -> None:
    async def main() -> bytes:
        async with async_client(prism_for, "cov_formats_files") as client:
            download = await client.files.content.retrieve("file_1")
            return bytes(download.content)

    assert asyncio.run(main()) == b"hello"


# ---- cov_params -----------------------------------------------------------------------------------


def test_query_styles_deep_objects_and_headers(clients: Callable[[str], Any]) -> None:
    search = clients("cov_params").search
    raw = search.with_raw_response.retrieve(
        x_request_id="req-1",
        tags=["a", "b"],
        ids=[1, 2],
        words=["x", "y"],
        colors=["red", "blue"],
        filter={"status": "open", "min_age": 3},
        include_archived=True,
        since=datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc),
        x_page_size=10,
    )
    assert raw.parse().count == 2
    request = raw.http_response.request
    query = request.url.query.decode()
    assert "tags=a&tags=b" in query and "ids=1%2C2" in query
    assert "filter%5Bstatus%5D=open" in query and "filter%5Bmin_age%5D=3" in query
    assert "include_archived=true" in query
    assert request.headers["X-Request-Id"] == "req-1" and request.headers["X-Page-Size"] == "10"


def test_path_level_parameters_and_operations_without_ids(clients: Callable[[str], Any]) -> None:
    members = clients("cov_params").orgs.members
    assert members.retrieve("org 1", "m/1", verbose=True).role == "admin"
    assert members.update("org_1", "m1", verbose=False, role="owner").role == "owner"
    assert members.delete("org_1", "m1") is None
    assert [m.id for m in members.list(12)] == ["mem_1"]


# ---- cov_responses --------------------------------------------------------------------------------


def test_several_success_responses_and_empty_ones(clients: Callable[[str], Any]) -> None:
    types = golden_sdk("cov_responses").types
    jobs = clients("cov_responses").jobs
    assert isinstance(jobs.create(mode="now"), types.JobResult)
    assert jobs.delete("job_1") is None  # 204
    assert isinstance(jobs.update("job_1"), types.JobTicket)
    assert jobs.log.retrieve("job_1") == "line 1\nline 2\n"
    client = clients("cov_responses")
    assert client.health.retrieve().ok is True  # a default-only response is the result
    assert client.ping.create() is None
    assert client.versions.list() == ["1.0", "1.1"]


def test_error_responses_raise(clients: Callable[[str], Any]) -> None:
    sdk = golden_sdk("cov_responses")
    jobs = clients("cov_responses").jobs
    with pytest.raises(sdk.NotFoundError) as missing:
        jobs.delete("job_1", extra_headers={"Prefer": "code=404"})
    assert missing.value.status_code == 404 and "message" in missing.value.body
    with pytest.raises(sdk.APIStatusError) as failed:  # the `default` response
        jobs.create(extra_headers={"Prefer": "code=500"})
    assert failed.value.status_code == 500


def test_async_responses(prism_for: Callable[[Any], str]) -> None:
    async def main() -> list[Any]:
        async with async_client(prism_for, "cov_responses") as client:
            return [await client.jobs.delete("j"), await client.jobs.log.retrieve("j"), await client.versions.list()]

    assert asyncio.run(main()) == [None, "line 1\nline 2\n", ["1.0", "1.1"]]


# ---- cov_names ------------------------------------------------------------------------------------


def test_same_titled_inline_variants_get_distinct_models() -> None:
    types = golden_sdk("cov_names").types
    session = types.Session.model_validate({"tracing": {"group_id": "g"}, "input_tracing": {"workflow_name": "w"}})
    assert isinstance(session.tracing, types.SessionTracingConfiguration)
    assert isinstance(session.input_tracing, types.TracingConfiguration)
    assert types.Session.model_validate({"tracing": "auto"}).tracing == "auto"


def test_awkward_names_keep_their_wire_names(clients: Callable[[str], Any]) -> None:
    client = clients("cov_names")
    raw = client.records.with_raw_response.create(
        class_="A", from_="x", none=1, self_="me", model_config="c", json="j", copy=True, foo_bar=2,
        type="t", field_1st="first", field="", cafe="latte", u540d_u524d="name", str_="s", list=[1],
    )  # fmt: skip
    sent = raw.http_response.request.content.decode()
    for wire in ('"class"', '"from"', '"None"', '"self"', '"model_config"', '"json"', '"copy"', '"1st"', '""', '"café"', '"名前"'):
        assert wire in sent
    record = raw.parse()
    assert (record.class_, record.from_, record.none, record.self, record.model_config_) == ("A", "x", 1, "me", "c")
    assert (record.foo_bar, record.foo_bar_2, record.foo_bar_3) == (2, 3, 1)
    assert (record.type, record.type2) == ("t", "thing")
    assert (record.cafe, record.u540d_u524d, record.field, record.field_1st) == ("latte", "name", "empty", "first")
    assert record.to_dict()["@type"] == "thing" and record.to_dict()["名前"] == "name"


def test_resources_named_like_client_attributes(clients: Callable[[str], Any]) -> None:
    client = clients("cov_names")
    assert client.close_.close("r1", class_="k", timeout_=5, self_="s").enabled is True
    pair = client.with_raw_response_.copy()
    assert pair.first.enabled is True and pair.second.mode == "auto" and pair.json_.value == 1
    assert client.with_raw_response.close_.close("r1").parse().enabled is True  # the SDK's own attribute
    assert [t.id for t in client.things.list_things()] == ["a"]
    assert [t.name for t in client.things.list_things_2()] == ["a"]
