"""spec/chatkit.yaml under Prism, with raw HTTP: every operation answers, and invalid requests are refused.

This checks the spec and the mock server the SDK tests run against, before any generated code is
involved: valid calls get a 200 whose body validates against the documented response schema, and
requests that break the spec get the 4xx an SDK test would see.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource

from prism import CHATKIT_SPEC

HEADERS = {"Authorization": "Bearer sk-test", "OpenAI-Beta": "chatkit_beta=v1"}
SPEC: Dict[str, Any] = yaml.safe_load(CHATKIT_SPEC.read_text())
# What sdkgen makes of each operation (its names, headers and pagination): spec/sdkgen.yaml.
CONFIG = yaml.safe_load((CHATKIT_SPEC.parent / "sdkgen.yaml").read_text(encoding="utf-8"))

# (method, path template, path params, request kwargs): each operation with every parameter it takes.
VALID_CALLS = [
    pytest.param(
        "post", "/chatkit/sessions", {},
        {"json": {
            "user": "user_789",
            "workflow": {
                "id": "workflow_alpha",
                "version": "2024-10-01",
                "state_variables": {"count": 5, "name": "Ada", "vip": True, "score": 0.5},
                "tracing": {"enabled": False},
            },
            "expires_after": {"anchor": "created_at", "seconds": 600},
            "rate_limits": {"max_requests_per_1_minute": 30},
            "chatkit_configuration": {
                "automatic_thread_titling": {"enabled": False},
                "file_upload": {"enabled": True, "max_file_size": 16, "max_files": 3},
                "history": {"enabled": True, "recent_threads": 5},
            },
        }},
        id="sessions.create",
    ),
    pytest.param(
        "post", "/chatkit/sessions/{session_id}/cancel", {"session_id": "cksess_123"}, {},
        id="sessions.cancel",
    ),
    pytest.param(
        "get", "/chatkit/threads", {},
        {"params": {"limit": 2, "order": "desc", "after": "cthr_1", "before": "cthr_9", "user": "user_123"}},
        id="threads.list",
    ),
    pytest.param(
        "get", "/chatkit/threads/{thread_id}", {"thread_id": "cthr_abc123"}, {},
        id="threads.retrieve",
    ),
    pytest.param(
        "delete", "/chatkit/threads/{thread_id}", {"thread_id": "cthr_abc123"}, {},
        id="threads.delete",
    ),
    pytest.param(
        "get", "/chatkit/threads/{thread_id}/items", {"thread_id": "cthr_abc123"},
        {"params": {"limit": 3, "order": "asc", "after": "cthi_1", "before": "cthi_9"}},
        id="threads.list_items",
    ),
]


# The spec as a JSON Schema resource, so that `#/components/...` refs in a response schema resolve.
REGISTRY: Registry = Registry().with_resource(
    "urn:spec", Resource.from_contents({"$schema": Draft202012Validator.META_SCHEMA["$id"], **SPEC})
)


def _response_validator(schema: Dict[str, Any]) -> Draft202012Validator:
    rebased = json.loads(json.dumps(schema).replace('"#/components/', '"urn:spec#/components/'))
    return Draft202012Validator(rebased, registry=REGISTRY)


@pytest.fixture(scope="module")
def client(prism_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=prism_url, headers=HEADERS, timeout=10.0) as http:
        yield http


def test_spec_is_valid_openapi() -> None:
    validate_openapi(SPEC)


def test_every_operation_is_exercised() -> None:
    methods = ("get", "put", "post", "delete", "patch")
    in_spec = {(m, p) for p, item in SPEC["paths"].items() for m in item if m in methods}
    covered = {(c.values[0], c.values[1]) for c in VALID_CALLS}
    assert covered == in_spec


@pytest.mark.parametrize("method, template, path_params, kwargs", VALID_CALLS)
def test_valid_request_gets_documented_response(
    client: httpx.Client, method: str, template: str, path_params: Dict[str, str], kwargs: Dict[str, Any]
) -> None:
    response = client.request(method.upper(), template.format(**path_params), **kwargs)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    operation = SPEC["paths"][template][method]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    body = response.json()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _response_validator(schema).iter_errors(body)]
    assert not errors, errors
    pagination = CONFIG["operations"][f"{method.upper()} {template}"].get("pagination")
    if pagination:  # the fields the SDK's paginator reads are in the answer
        assert isinstance(body[pagination["items"]], list) and body[pagination["items"]]
        assert isinstance(body[pagination["has-more"]], bool)
        assert body[pagination["cursor-field"]] == body[pagination["items"]][-1]["id"]


@pytest.mark.parametrize(
    "body, where",
    [
        pytest.param({"user": "user_789"}, ["body"], id="no-workflow"),
        pytest.param({"workflow": {"id": "w"}}, ["body"], id="no-user"),
        pytest.param({"user": "", "workflow": {"id": "w"}}, ["body", "user"], id="empty-user"),
        pytest.param({"user": "u", "workflow": {}}, ["body", "workflow"], id="workflow-without-id"),
        pytest.param(
            {"user": "u", "workflow": {"id": "w"}, "expires_after": {"anchor": "created_at", "seconds": 601}},
            ["body", "expires_after", "seconds"],
            id="expires-after-over-600",
        ),
        pytest.param(
            {"user": "u", "workflow": {"id": "w"}, "rate_limits": {"max_requests_per_1_minute": "ten"}},
            ["body", "rate_limits", "max_requests_per_1_minute"],
            id="rate-limit-not-integer",
        ),
    ],
)
def test_invalid_create_body_is_422(client: httpx.Client, body: Dict[str, Any], where: List[str]) -> None:
    response = client.post("/chatkit/sessions", json=body)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 422
    assert [v.get("location") for v in problem["validation"]] == [where], problem


@pytest.mark.parametrize(
    "params, name",
    [
        pytest.param({"limit": 101}, "limit", id="limit-over-100"),
        pytest.param({"limit": -1}, "limit", id="limit-negative"),
        pytest.param({"order": "sideways"}, "order", id="order-not-in-enum"),
    ],
)
def test_invalid_query_is_422(client: httpx.Client, params: Dict[str, Any], name: str) -> None:
    response = client.get("/chatkit/threads", params=params)

    assert response.status_code == 422, response.text
    assert [v["location"] for v in response.json()["validation"]] == [["query", name]]


def test_missing_body_is_422(client: httpx.Client) -> None:
    response = client.post("/chatkit/sessions")

    assert response.status_code == 422, response.text


def test_body_on_operation_without_request_body_is_415(client: httpx.Client) -> None:
    # An SDK must not send `{}` (or any body) to an operation that takes none, such as cancel.
    response = client.post("/chatkit/sessions/cksess_123/cancel", json={})

    assert response.status_code == 415, response.text


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Basic c2stdGVzdA==", "sk-test"],
    ids=["missing", "no-token", "basic", "no-scheme"],
)
def test_security_requires_bearer_token(prism_url: str, authorization: "str | None") -> None:
    headers = {"OpenAI-Beta": "chatkit_beta=v1"}
    if authorization is not None:
        headers["Authorization"] = authorization
    response = httpx.get(prism_url + "/chatkit/threads", headers=headers)

    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"


def test_undeclared_beta_header_is_not_checked(prism_url: str) -> None:
    # `OpenAI-Beta` is sent by the SDK from spec/sdkgen.yaml, not declared as a parameter: Prism ignores it.
    response = httpx.get(prism_url + "/chatkit/threads", headers={"Authorization": "Bearer sk-test"})

    assert response.status_code == 200, response.text
