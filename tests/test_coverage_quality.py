"""The coverage fixtures as a whole: nothing is dropped, each construct that cannot be expressed is
warned about once, by place, and the generated signatures type the way a user expects (checked with
`mypy --strict` for 3.9 on small usage files: overloads, awkward names, unions).

black, mypy and imports of every golden tree are in test_generated_quality.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from coverage_sdk import THEMES, golden_sdk, python_dir, spec_path
from generator.ir.build import build_api
from generator.targets.python.naming import name_api
from generator.errors import Diagnostics
from generator.spec.refs import open_spec
from generator.spec.document import Spec
from typecheck import mypy_strict

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _api(theme: str) -> tuple[Spec, Diagnostics, object]:
    spec = open_spec(spec_path(theme), f"{theme}.yaml")
    diagnostics = Diagnostics()
    return spec, diagnostics, build_api(spec, diagnostics)


@pytest.mark.parametrize("theme", THEMES)
def test_every_schema_and_operation_is_generated(theme: str) -> None:
    document = yaml.safe_load(spec_path(theme).read_text(encoding="utf-8"))
    _, _, api = _api(theme)
    sdk = golden_sdk(theme)
    python = name_api(api)  # type: ignore[arg-type]
    for key in document["components"]["schemas"]:
        ident = "#/components/schemas/" + key.replace("~", "~0").replace("/", "~1")
        names = [n for n in (python.models[ident], python.params[ident]) if n]
        assert names, f"{key} has no Python type"
        assert all(hasattr(sdk.types, n) for n in names), f"{key}: {names} not in {theme}.types"
    operations = {(op.path, op.http_method): op for op in api.operations}  # type: ignore[attr-defined]
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                op = operations[(path, method)]
                resource = sdk.Client(base_url="http://unused")
                for depth in range(1, len(op.resource) + 1):
                    resource = getattr(resource, python.attributes[op.resource[:depth]])
                assert callable(getattr(resource, python.methods[op.id])), f"{method} {path}"


EXPECTED_WARNINGS: Dict[str, List[str]] = {
    "cov_params": [
        "#/paths/~1search/get/parameters/9: cookie parameter 'session' is not supported; send it with extra_headers",
    ],
    "cov_shapes": [
        "#/components/schemas/Labels/additionalProperties: named properties beside typed additionalProperties: "
        "the request type has the named keys only (send others with extra_body); responses keep every key",
    ],
    "cov_streaming": [
        "#/paths/~1reports/get/responses/200: a text/event-stream response, but no body field asks for it "
        "(a boolean `stream`, or a `stream...` field with the value 'sse'): the method returns the "
        "application/json response",
    ],
}


@pytest.mark.parametrize("theme", THEMES)
def test_warnings_name_their_place_once(theme: str) -> None:
    _, diagnostics, _ = _api(theme)
    found = [f"{w.place.pointer}: {w.message}" for w in diagnostics.warnings]
    assert found == EXPECTED_WARNINGS.get(theme, [])


USAGE = {
    "cov_streaming": '''
from typing import Union

from typing_extensions import assert_type

from cov_streaming import AsyncClient, AsyncStream, BinaryResponse, Client, Stream
from cov_streaming.types import Completion, CompletionChunk, ServerEvent, SpeechEvent

client = Client(base_url="http://localhost")
assert_type(client.completions.create(prompt="p"), Completion)
assert_type(client.completions.create(prompt="p", stream=False), Completion)
assert_type(client.completions.create(prompt="p", stream=None), Completion)
assert_type(client.completions.create(prompt="p", stream=True), Stream[CompletionChunk])
flag: bool = bool(len("x"))
assert_type(
    client.completions.create(prompt="p", stream=flag),
    Union[Completion, Stream[CompletionChunk]],
)
assert_type(client.speech.create(input="x"), BinaryResponse)
assert_type(client.speech.create(input="x", stream_format="sse"), Stream[SpeechEvent])
assert_type(client.events.list(), Stream[ServerEvent])
for chunk in client.completions.create(prompt="p", stream=True):
    assert_type(chunk.delta, str)
client.completions.create(prompt="p", stream="yes")  # type: ignore[call-overload]


async def use() -> None:
    aclient = AsyncClient(base_url="http://localhost")
    assert_type(await aclient.completions.create(prompt="p"), Completion)
    stream = await aclient.completions.create(prompt="p", stream=True)
    assert_type(stream, AsyncStream[CompletionChunk])
    async for event in stream:
        assert_type(event, CompletionChunk)
''',
    "cov_names": '''
from typing_extensions import assert_type

from cov_names import Client
from cov_names.types import Record, TracingConfig, TracingConfig2

client = Client(base_url="http://localhost")
record = client.records.create(class_="a", from_="b", none=1, self_="c", model_config="d", json="e")
assert_type(record, Record)
assert_type(record.class_, str)
assert_type(record.model_config_, "str | None")
assert_type(client.close_.close("id", timeout_=3, timeout=2.0), TracingConfig)
assert_type(client.close(), None)
assert_type(client.with_raw_response_.copy().second, "TracingConfig2 | None")
''',
    "cov_composition": '''
from typing import List, Union

from typing_extensions import assert_type

from cov_composition import Client
from cov_composition.types import Animal, Cat, Dog, Zoo

zoo = Client(base_url="http://localhost").zoo.retrieve()
assert_type(zoo, Zoo)
assert_type(zoo.animals, List[Animal])
for animal in zoo.animals:
    if isinstance(animal, Cat):
        assert_type(animal.lives, "int | None")
    else:
        assert_type(animal, Dog)
Client(base_url="http://localhost").animals.create(body={"kind": "dog", "name": "Rex"})
Client(base_url="http://localhost").animals.create(body={"kind": "dog"})  # type: ignore[arg-type]
''',
}


@pytest.mark.parametrize("theme", sorted(USAGE))
def test_signatures_type_as_a_user_expects(theme: str, tmp_path: Path) -> None:
    usage = tmp_path / f"use_{theme}.py"
    usage.write_text(USAGE[theme].lstrip())
    result = mypy_strict(python_dir(theme), packages=[theme], files=[usage])
    assert result.ok, result.report()
