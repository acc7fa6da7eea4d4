"""The checked-in ChatKit SDK (`generated/python/chatkit_client`) driven for real against Prism.

Every ChatKit method is called through `Client` and through `AsyncClient` (the `api` fixture runs each
test once per client) against Prism serving spec/chatkit.yaml. Prism refuses what the spec does not
allow (401 without `Authorization: Bearer`, 422 for a bad parameter or body), so a 200 here means the
SDK put a valid request on the wire; the answer is the spec's example, which must parse into the
documented model. Prism ignores headers the spec does not declare, so the requests themselves are
recorded with an httpx event hook and checked too (`OpenAI-Beta`, omitted arguments, query strings).

The last tests need no server: the seed document's example response, a newer server's answer (unknown
field, unknown enum value) and the public OpenAI spec's examples (which leave out required fields) all
parse, keep everything, and round-trip.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import sys
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generated" / "python"))

import chatkit_client  # noqa: E402
from chatkit_client import AsyncClient, Client  # noqa: E402
from chatkit_client._models import parse_response  # noqa: E402
from chatkit_client.types.models import (  # noqa: E402
    ChatKitThread,
    ChatKitThreadAssistantMessageItem,
    ChatKitThreadStatusActive,
    ChatKitThreadStatusClosed,
    ChatKitThreadUserMessageItem,
    ChatKitThreadUserMessageItemContentInputText,
    ChatKitWorkflow,
    ChatSession,
    ThreadDeleteResponse,
)

SEED = Path("/work/shared/seed/000_e83197dccf7e12e2.txt")
if not SEED.exists():
    SEED = ROOT.parent / "shared" / "seed" / "000_e83197dccf7e12e2.txt"
PUBLIC_SPEC = SEED.parent.parent / "specs" / "openai-openapi.yaml"

BETA_HEADER = ("openai-beta", "chatkit_beta=v1")
SESSION_STATUSES = ("active", "expired", "cancelled")

# Every parameter of sessions.create, values the spec allows.
ALL_CREATE_PARAMS: Dict[str, Any] = {
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
}


class Api:
    """A `Client` or an `AsyncClient` on Prism, with every request it sends recorded.

    `api.run(x)` is `x` for the sync client and `await x` for the async one, so one test body drives
    both. Prism sends no `x-request-id` (the real API does); the response hook adds one to every
    response as it arrives, so `request_id` is read from a header that really came through httpx.
    """

    def __init__(self, mode: str, base_url: str) -> None:
        self.mode = mode
        self.sent: List[httpx.Request] = []
        self.request_ids: List[str] = []
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        if mode == "sync":
            self.client: Any = Client(
                api_key="x",
                base_url=base_url,
                http_client=httpx.Client(
                    event_hooks={"request": [self._record], "response": [self._tag]}
                ),
            )
        else:
            self.loop = asyncio.new_event_loop()

            async def record(request: httpx.Request) -> None:
                self._record(request)

            async def tag(response: httpx.Response) -> None:
                self._tag(response)

            self.client = AsyncClient(
                api_key="x",
                base_url=base_url,
                http_client=httpx.AsyncClient(
                    event_hooks={"request": [record], "response": [tag]}
                ),
            )

    def _record(self, request: httpx.Request) -> None:
        self.sent.append(request)

    def _tag(self, response: httpx.Response) -> None:
        self.request_ids.append(f"req_{len(self.request_ids) + 1}")
        response.headers["x-request-id"] = self.request_ids[-1]

    @property
    def chatkit(self) -> Any:
        return self.client.beta.chatkit

    @property
    def raw(self) -> Any:
        return self.client.with_raw_response.beta.chatkit

    def run(self, value: Any) -> Any:
        """`value`, awaited when it is awaitable (a coroutine, an AsyncPaginator)."""
        if self.loop is not None and inspect.isawaitable(value):
            return self.loop.run_until_complete(_awaited(value))
        return value

    def all_items(self, pages: Any) -> List[Any]:
        """Every item of every page: `list(page)` / `[x async for x in paginator]`."""
        if self.loop is None:
            return list(pages)
        return self.loop.run_until_complete(_collect(pages))

    def page_count(self, first_page: Any) -> int:
        if self.loop is None:
            return len(list(first_page.iter_pages()))
        return len(self.loop.run_until_complete(_collect(first_page.iter_pages())))

    def streamed(self, manager: Any) -> Tuple[Any, Any, bool, bytes]:
        """Enter a `with_streaming_response` call: (response, parse(), unread on entry, body)."""
        if self.loop is None:
            with manager as response:
                unread = not response.http_response.is_stream_consumed
                return (
                    response,
                    response.parse(),
                    unread,
                    response.http_response.content,
                )

        async def enter() -> Tuple[Any, Any, bool, bytes]:
            async with manager as response:
                unread = not response.http_response.is_stream_consumed
                return (
                    response,
                    await response.parse(),
                    unread,
                    response.http_response.content,
                )

        return self.loop.run_until_complete(enter())

    def streamed_bytes(self, manager: Any) -> Tuple[Any, bytes]:
        """Enter a `with_streaming_response` call and read its body with `iter_bytes`."""
        if self.loop is None:
            with manager as response:
                return response, b"".join(response.iter_bytes(64))

        async def enter() -> Tuple[Any, bytes]:
            async with manager as response:
                return response, b"".join([c async for c in response.iter_bytes(64)])

        return self.loop.run_until_complete(enter())

    def last_sent(self) -> httpx.Request:
        return self.sent[-1]

    def close(self) -> None:
        if self.loop is None:
            self.client.close()
        else:
            self.loop.run_until_complete(self.client.close())
            self.loop.close()


async def _awaited(value: Any) -> Any:
    return await value


async def _collect(iterator: Any) -> List[Any]:
    return [each async for each in iterator]


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, prism_url: str) -> Iterator[Api]:
    api = Api(request.param, prism_url)
    yield api
    api.close()


def sent_json(request: httpx.Request) -> Any:
    return json.loads(request.content)


# --- every method, against Prism ---------------------------------------------------------------


def check_session(session: Any) -> None:
    assert isinstance(session, ChatSession)
    assert session.object == "chatkit.session"
    assert session.status in SESSION_STATUSES
    assert isinstance(session.id, str) and session.id
    assert isinstance(session.expires_at, int)
    assert isinstance(session.client_secret, str)
    assert isinstance(session.workflow, ChatKitWorkflow)
    assert isinstance(session.workflow.tracing.enabled, bool)
    assert isinstance(session.rate_limits.max_requests_per_1_minute, int)
    assert isinstance(session.chatkit_configuration.history.enabled, bool)
    # A valid answer is validated, not built leniently: nothing is left unset or extra.
    assert session.model_extra == {}
    assert "id" in session.model_fields_set


def check_thread(thread: Any) -> None:
    assert isinstance(thread, ChatKitThread)
    assert thread.object == "chatkit.thread"
    assert thread.id.startswith("cthr_")
    assert isinstance(thread.created_at, int)
    assert isinstance(
        thread.status, (ChatKitThreadStatusActive, ChatKitThreadStatusClosed)
    )
    assert thread.title is None or isinstance(thread.title, str)


def test_sessions_create_required_params_only(api: Api) -> None:
    session = api.run(
        api.chatkit.sessions.create(user="user_123", workflow={"id": "wf_123"})
    )
    check_session(session)
    request = api.last_sent()
    assert (request.method, request.url.path) == ("POST", "/chatkit/sessions")
    # Omitted arguments are not sent at all (not even as null).
    assert sent_json(request) == {"user": "user_123", "workflow": {"id": "wf_123"}}
    assert request.headers["content-type"] == "application/json"


def test_sessions_create_all_params(api: Api) -> None:
    session = api.run(api.chatkit.sessions.create(**ALL_CREATE_PARAMS))
    check_session(session)
    assert sent_json(api.last_sent()) == ALL_CREATE_PARAMS


def test_sessions_cancel(api: Api) -> None:
    session = api.run(api.chatkit.sessions.cancel("cksess_123"))
    check_session(session)
    assert session.status == "cancelled"
    request = api.last_sent()
    assert (request.method, request.url.path) == (
        "POST",
        "/chatkit/sessions/cksess_123/cancel",
    )
    assert request.content == b""


def test_threads_retrieve(api: Api) -> None:
    thread = api.run(api.chatkit.threads.retrieve("cthr_abc123"))
    check_thread(thread)
    assert thread.id == "cthr_abc123"
    assert api.last_sent().url.path == "/chatkit/threads/cthr_abc123"


def test_threads_delete(api: Api) -> None:
    deleted = api.run(api.chatkit.threads.delete("cthr_abc123"))
    assert isinstance(deleted, ThreadDeleteResponse)
    assert deleted.object == "chatkit.thread.deleted"
    assert deleted.deleted is True and deleted.id == "cthr_abc123"
    assert api.last_sent().method == "DELETE"


def test_threads_list(api: Api) -> None:
    pages = api.chatkit.threads.list(
        limit=2, order="desc", after="cthr_1", before="cthr_9", user="user_123"
    )
    if api.mode == "sync":
        assert isinstance(pages, chatkit_client.SyncCursorPage)
    else:
        assert isinstance(pages, chatkit_client.AsyncPaginator)
    threads = api.all_items(pages)
    assert len(threads) == 2
    for thread in threads:
        check_thread(thread)
    assert api.last_sent().url.params.multi_items() == [
        ("limit", "2"),
        ("order", "desc"),
        ("after", "cthr_1"),
        ("before", "cthr_9"),
        ("user", "user_123"),
    ]
    # The first page, and what it says about the list.
    page = api.run(api.chatkit.threads.list())
    page_type = (
        chatkit_client.SyncCursorPage
        if api.mode == "sync"
        else chatkit_client.AsyncCursorPage
    )
    assert isinstance(page, page_type)
    assert page.has_more is False and not page.has_next_page()
    assert page.items == page.data and [t.id for t in page.items] == [
        t.id for t in threads
    ]
    assert page.body["first_id"] == threads[0].id
    assert page.body["last_id"] == threads[-1].id
    assert api.page_count(page) == 1
    # Omitted query params are not sent.
    assert api.last_sent().url.query == b""


def test_threads_list_items(api: Api) -> None:
    pages = api.chatkit.threads.list_items(
        "cthr_abc123", limit=3, order="asc", after="cthi_1", before="cthi_9"
    )
    items = api.all_items(pages)
    assert [type(item) for item in items] == [
        ChatKitThreadUserMessageItem,
        ChatKitThreadAssistantMessageItem,
    ]
    user_message, assistant_message = items
    assert user_message.thread_id == "cthr_abc123"
    assert isinstance(
        user_message.content[0], ChatKitThreadUserMessageItemContentInputText
    )
    assert user_message.attachments == []
    assert assistant_message.content[0].type == "output_text"
    assert isinstance(assistant_message.content[0].text, str)
    request = api.last_sent()
    assert request.url.path == "/chatkit/threads/cthr_abc123/items"
    assert request.url.params.multi_items() == [
        ("limit", "3"),
        ("order", "asc"),
        ("after", "cthi_1"),
        ("before", "cthi_9"),
    ]
    page = api.run(api.chatkit.threads.list_items("cthr_abc123"))
    assert page.has_more is False and len(page.items) == 2
    assert api.last_sent().url.query == b""


# (resource, method, positional args, keyword args, what `.parse()` returns, method and path sent)
METHODS = [
    pytest.param(
        "sessions", "create", (), {"user": "u", "workflow": {"id": "w"}}, ChatSession,
        ("POST", "/chatkit/sessions"), id="sessions.create",
    ),
    pytest.param(
        "sessions", "cancel", ("cksess_1",), {}, ChatSession,
        ("POST", "/chatkit/sessions/cksess_1/cancel"), id="sessions.cancel",
    ),
    pytest.param(
        "threads", "retrieve", ("cthr_1",), {}, ChatKitThread,
        ("GET", "/chatkit/threads/cthr_1"), id="threads.retrieve",
    ),
    pytest.param(
        "threads", "delete", ("cthr_1",), {}, ThreadDeleteResponse,
        ("DELETE", "/chatkit/threads/cthr_1"), id="threads.delete",
    ),
    pytest.param(
        "threads", "list", (), {"limit": 5}, "page",
        ("GET", "/chatkit/threads"), id="threads.list",
    ),
    pytest.param(
        "threads", "list_items", ("cthr_1",), {"limit": 5}, "page",
        ("GET", "/chatkit/threads/cthr_1/items"), id="threads.list_items",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("resource", "method", "args", "kwargs", "parsed", "sent"), METHODS
)
def test_raw_response(
    api: Api,
    resource: str,
    method: str,
    args: Any,
    kwargs: Any,
    parsed: Any,
    sent: Any,
) -> None:
    """`.with_raw_response.<method>`: the HTTP response, then the documented model on `.parse()`."""
    for raw_resource in (
        getattr(api.raw, resource),  # client.with_raw_response.beta.chatkit.threads
        getattr(
            api.chatkit, resource
        ).with_raw_response,  # client.beta.chatkit.threads.with_raw_response
    ):
        response = api.run(getattr(raw_resource, method)(*args, **kwargs))
        response_type = (
            chatkit_client.APIResponse
            if api.mode == "sync"
            else chatkit_client.AsyncAPIResponse
        )
        assert isinstance(response, response_type), type(response)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        assert response.request_id == api.request_ids[-1]
        assert (response.method, response.url.path) == sent
        assert response.retries_taken == 0
        result = api.run(response.parse())
        if parsed == "page":
            page_type = (
                chatkit_client.SyncCursorPage
                if api.mode == "sync"
                else chatkit_client.AsyncCursorPage
            )
            assert isinstance(result, page_type)
            assert len(result.items) == 2 and result.has_more is False
        else:
            assert isinstance(result, parsed)
        assert api.run(response.parse()) is result  # parsed once
    # The raw mode ends with the call: the plain method returns the model again.
    plain = api.run(getattr(getattr(api.chatkit, resource), method)(*args, **kwargs))
    assert not isinstance(
        plain, (chatkit_client.APIResponse, chatkit_client.AsyncAPIResponse)
    )


@pytest.mark.parametrize(
    ("resource", "method", "args", "kwargs", "parsed", "sent"), METHODS
)
def test_streaming_response(
    api: Api,
    resource: str,
    method: str,
    args: Any,
    kwargs: Any,
    parsed: Any,
    sent: Any,
) -> None:
    """`.with_streaming_response.<method>`: headers on entry (body unread), `.parse()`, closed on exit."""
    streaming = getattr(api.chatkit, resource).with_streaming_response
    call = getattr(streaming, method)
    response, result, unread, body = api.streamed(call(*args, **kwargs))
    response_type = (
        chatkit_client.APIResponse
        if api.mode == "sync"
        else chatkit_client.AsyncAPIResponse
    )
    assert isinstance(response, response_type), type(response)
    assert unread and response.http_response.is_closed
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.request_id == api.request_ids[-1]
    assert (response.method, response.url.path) == sent
    if parsed == "page":
        page_type = (
            chatkit_client.SyncCursorPage
            if api.mode == "sync"
            else chatkit_client.AsyncCursorPage
        )
        assert isinstance(result, page_type) and len(result.items) == 2
    else:
        assert isinstance(result, parsed)
    # The body in chunks instead: the same JSON document.
    response, chunked = api.streamed_bytes(call(*args, **kwargs))
    assert json.loads(chunked) == json.loads(body)
    assert response.http_response.is_closed
    # The streaming mode ends with the call.
    plain = api.run(getattr(getattr(api.chatkit, resource), method)(*args, **kwargs))
    assert not isinstance(
        plain, (chatkit_client.APIResponse, chatkit_client.AsyncAPIResponse)
    )


PATH_PARAM_CALLS = [
    pytest.param("sessions", "cancel", "session_id", id="sessions.cancel"),
    pytest.param("threads", "retrieve", "thread_id", id="threads.retrieve"),
    pytest.param("threads", "delete", "thread_id", id="threads.delete"),
    pytest.param("threads", "list_items", "thread_id", id="threads.list_items"),
]


@pytest.mark.parametrize(("resource", "method", "name"), PATH_PARAM_CALLS)
def test_empty_path_param_raises_before_any_request(
    api: Api, resource: str, method: str, name: str
) -> None:
    call = getattr(getattr(api.chatkit, resource), method)
    raw_call = getattr(getattr(api.raw, resource), method)
    for each in (call, raw_call):
        with pytest.raises(
            ValueError, match=f"Expected a non-empty value for `{name}`"
        ):
            result = api.run(each(""))
            api.all_items(result)  # a lazily fetched page fetches here
    assert api.sent == []


def test_every_request_has_the_beta_header_and_auth(api: Api) -> None:
    chatkit = api.chatkit
    api.run(chatkit.sessions.create(user="u", workflow={"id": "w"}))
    api.run(chatkit.sessions.cancel("cksess_1"))
    api.run(chatkit.threads.retrieve("cthr_1"))
    api.run(chatkit.threads.delete("cthr_1"))
    api.all_items(chatkit.threads.list())
    api.all_items(chatkit.threads.list_items("cthr_1"))
    api.run(api.raw.threads.retrieve("cthr_1"))
    assert len(api.sent) == 7
    version = chatkit_client.__version__
    for request in api.sent:
        assert request.headers.get(BETA_HEADER[0]) == BETA_HEADER[1], request.url
        assert request.headers["authorization"] == "Bearer x"
        assert request.headers["user-agent"].startswith(
            f"chatkit_client/{version} Python/"
        )
        assert request.headers["accept"] == "application/json"


def test_extra_headers_can_override_the_beta_header(api: Api) -> None:
    api.run(
        api.chatkit.threads.retrieve(
            "cthr_1", extra_headers={"OpenAI-Beta": "chatkit_beta=v2", "X-Debug": "1"}
        )
    )
    request = api.last_sent()
    assert request.headers.get_list("openai-beta") == ["chatkit_beta=v2"]
    assert request.headers["x-debug"] == "1"


# --- Prism's refusals arrive as the documented errors ------------------------------------------


def test_missing_auth_is_an_authentication_error(api: Api) -> None:
    with pytest.raises(chatkit_client.AuthenticationError) as caught:
        api.run(
            api.chatkit.threads.retrieve(
                "cthr_1", extra_headers={"Authorization": chatkit_client.omit}
            )
        )
    assert caught.value.status_code == 401
    assert "authorization" not in api.last_sent().headers
    assert len(api.sent) == 1  # a 401 is not retried


def test_request_prism_refuses_is_an_unprocessable_entity_error(api: Api) -> None:
    with pytest.raises(chatkit_client.UnprocessableEntityError) as caught:
        api.all_items(api.chatkit.threads.list(order="sideways"))  # type: ignore[arg-type]
    error = caught.value
    assert error.status_code == 422 and error.response.status_code == 422
    assert isinstance(error.body, dict)
    assert "order" in json.dumps(error.body)
    assert error.request_id == api.request_ids[-1]
    assert len(api.sent) == 1


# --- configuration from the environment ---------------------------------------------------------


def test_env_var_fallbacks(prism_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "x")
    monkeypatch.setenv("OPENAI_BASE_URL", prism_url)
    with Client() as client:
        assert client.api_key == "x"
        assert str(client.base_url) == prism_url + "/"
        check_thread(client.beta.chatkit.threads.retrieve("cthr_abc123"))

    async def run() -> Any:
        async with AsyncClient() as client:
            return await client.beta.chatkit.sessions.cancel("cksess_1")

    check_session(asyncio.run(run()))


def test_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "from-env")
    client = Client()
    assert str(client.base_url) == "https://api.openai.com/v1/"
    assert Client(api_key="given").api_key == "given"


def test_missing_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    for client_class in (Client, AsyncClient):
        with pytest.raises(chatkit_client.ChatkitClientError, match="OPENAI_API_KEY"):
            client_class()
    monkeypatch.setenv("OPENAI_API_KEY", "")
    with pytest.raises(chatkit_client.ChatkitClientError, match="OPENAI_API_KEY"):
        Client()


# --- parsing what servers send (no server needed) ----------------------------------------------


def seed_example() -> Dict[str, Any]:
    """The example response at the end of the seed document."""
    text = SEED.read_text()
    start = text.rindex("Returns Examples")
    match = re.search(r"\{.*\}", text[start:], re.DOTALL)
    assert match is not None
    example: Dict[str, Any] = json.loads(match.group(0))
    return example


def test_seed_example_parses_and_round_trips() -> None:
    example = seed_example()
    session = parse_response(ChatSession, example)
    check_session(session)
    assert session.workflow.state_variables == {"foo": "string"}
    assert session.chatkit_configuration.file_upload.max_files == 0
    assert session.model_dump(by_alias=True, exclude_unset=True) == example
    assert session.to_dict() == example
    assert json.loads(session.to_json()) == example
    # Validated by pydantic directly too: the seed example is a valid ChatSession.
    assert ChatSession.model_validate(example) == session


def _client_answering(body: Any) -> Client:
    """A client whose every request gets `body` (JSON, 200), as a newer server would answer."""
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    return Client(
        api_key="x",
        base_url="https://api.test/v1",
        http_client=httpx.Client(transport=transport),
    )


def test_newer_server_unknown_field_and_enum_value_are_kept() -> None:
    newer = seed_example()
    newer["status"] = "paused"  # not in the spec's enum
    newer["workspace"] = {"id": "ws_1", "tier": "enterprise"}  # not in the spec at all
    newer["workflow"]["tracing"]["sample_rate"] = 0.25
    session = _client_answering(newer).beta.chatkit.sessions.create(
        user="u", workflow={"id": "w"}
    )
    assert isinstance(session, ChatSession)
    assert session.status == "paused"
    assert session.workspace == {"id": "ws_1", "tier": "enterprise"}  # type: ignore[attr-defined]
    assert session.workflow.tracing.sample_rate == 0.25  # type: ignore[attr-defined]
    assert isinstance(session.workflow, ChatKitWorkflow)
    assert session.to_dict() == newer
    assert session.model_dump(by_alias=True, exclude_unset=True) == newer


def test_newer_server_unknown_union_variants_are_kept() -> None:
    thread = {
        "id": "cthr_1",
        "object": "chatkit.thread",
        "created_at": 1,
        "title": None,
        "status": {
            "type": "archived",
            "archived_at": 5,
        },  # a status variant the spec lacks
        "user": "u",
    }
    item = {
        "id": "cthi_1",
        "object": "chatkit.thread_item",
        "created_at": 1,
        "thread_id": "cthr_1",
        "type": "chatkit.audio",  # an item type the spec lacks
        "audio_url": "https://x",
    }
    client = _client_answering(thread)
    parsed = client.beta.chatkit.threads.retrieve("cthr_1")
    assert isinstance(parsed, ChatKitThread)
    assert parsed.status.type == "archived"
    assert parsed.to_dict() == thread
    listing = {"object": "list", "data": [item], "has_more": False, "last_id": "cthi_1"}
    items = list(_client_answering(listing).beta.chatkit.threads.list_items("cthr_1"))
    assert items[0].type == "chatkit.audio"
    assert items[0].to_dict() == item


@pytest.fixture(scope="module")
def public_examples() -> Dict[str, Any]:
    """The example responses the public OpenAI spec gives for the ChatKit operations."""
    if not PUBLIC_SPEC.exists():
        pytest.skip(f"{PUBLIC_SPEC} is not there")
    spec = yaml.load(
        PUBLIC_SPEC.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    examples = {}
    for path, method in [
        ("/chatkit/sessions", "post"),
        ("/chatkit/sessions/{session_id}/cancel", "post"),
        ("/chatkit/threads", "get"),
        ("/chatkit/threads/{thread_id}", "get"),
        ("/chatkit/threads/{thread_id}/items", "get"),
    ]:
        text = spec["paths"][path][method]["x-oaiMeta"]["examples"]["response"]
        examples[f"{method} {path}"] = json.loads(text)
    return examples


def test_public_spec_examples_without_required_fields_still_parse(
    public_examples: Dict[str, Any],
) -> None:
    created = public_examples["post /chatkit/sessions"]
    assert "id" not in created and "user" not in created  # required, but left out
    session = _client_answering(created).beta.chatkit.sessions.create(
        user="u", workflow={"id": "w"}
    )
    assert isinstance(session, ChatSession)
    assert session.status == "active" and session.client_secret == "chatkit_token_123"
    assert (
        isinstance(session.workflow, ChatKitWorkflow)
        and session.workflow.id == "workflow_alpha"
    )
    assert session.scope == {"project": "alpha", "environment": "staging"}  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        session.id  # noqa: B018  (left out by the server: unset, not invented)
    assert session.to_dict() == created

    cancelled = parse_response(
        ChatSession, public_examples["post /chatkit/sessions/{session_id}/cancel"]
    )
    assert isinstance(cancelled, ChatSession) and cancelled.status == "cancelled"

    listing = public_examples["get /chatkit/threads"]
    threads = list(_client_answering(listing).beta.chatkit.threads.list())
    assert [type(t) for t in threads] == [ChatKitThread, ChatKitThread]
    assert [t.to_dict() for t in threads] == listing["data"]

    thread = parse_response(
        ChatKitThread, public_examples["get /chatkit/threads/{thread_id}"]
    )
    assert isinstance(thread, ChatKitThread) and thread.title == "Customer escalation"
    assert thread.to_dict() == public_examples["get /chatkit/threads/{thread_id}"]

    items_listing = public_examples["get /chatkit/threads/{thread_id}/items"]
    items = list(
        _client_answering(items_listing).beta.chatkit.threads.list_items("cthr_1")
    )
    assert len(items) == 2
    # `type: user_message` (without the `chatkit.` prefix) matches no variant's tag: the item is an
    # UnknownVariant (no `isinstance` mistakes it for a known item), with everything the server sent.
    assert [i.to_dict() for i in items] == items_listing["data"]
    assert isinstance(items[0], chatkit_client.UnknownVariant)
    assert items[0].content[0]["text"] == "I need help debugging an onboarding issue."
