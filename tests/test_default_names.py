"""Names users expect with no configuration: resources by path, conventional methods, package and
env names from the title, pagination and page titles inferred, and the route matcher of
`bench/routes.py` (its network-needing part is not run here)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Dict, List, Optional

from bench.official_routes import normal_route, official_routes
from bench.routes import compare
from generator.docs.pages import page_heading
from generator.errors import Diagnostics
from generator.ir import model as ir
from generator.ir.build import build_api, title_name
from generator.spec.refs import open_spec
from generator.targets.python.naming import client_error_name, name_api, package_name

OK = {"204": {"description": "ok"}}


def _op(operation_id: Optional[str] = None, **more: Any) -> Dict[str, Any]:
    op: Dict[str, Any] = {"responses": more.pop("responses", OK), **more}
    if operation_id:
        op["operationId"] = operation_id
    return op


def _api(tmp_path: Path, paths: Dict[str, Any], title: str = "T", **top: Any) -> ir.Api:
    document = {"openapi": "3.1.0", "info": {"title": title, "version": "1"}, "paths": paths, **top}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    return build_api(open_spec(spec, "spec.json"), Diagnostics())


def _method_paths(api: ir.Api) -> Dict[str, str]:
    """`METHOD /path` -> `resource.path.method` as the Python client spells it."""
    names = name_api(api)
    out = {}
    for op in api.operations:
        chain = [names.attributes[op.resource[: d + 1]] for d in range(len(op.resource))]
        out[f"{op.http_method.upper()} {op.path}"] = ".".join(chain + [names.methods[op.id]])
    return out


ITEM = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
PATHS: Dict[str, Any] = {
    "/v1/pets": {"get": _op("listPets"), "post": _op("createPet")},
    "/v1/pets/{id}": {"parameters": [ITEM], "get": _op("showPetById"), "post": _op("modifyPet"), "delete": _op("deletePet")},
    "/v1/pets/{id}/cancel": {"parameters": [ITEM], "post": _op("cancelPetAdoption")},
    "/v1/pets/{id}/photos": {"parameters": [ITEM], "post": _op("addPetPhoto"), "get": _op("getPetPhotos")},
    "/v1/pets/{id}/toys": {"parameters": [ITEM], "get": _op("toysList")},  # noun-first operationIds
    "/v1/uploads/{id}/complete": {"parameters": [ITEM], "post": _op()},
    "/v1/chat/completions": {"post": _op("createChatCompletion")},
    "/v1/organization/data_retention": {"get": _op("getRetention"), "post": _op("setRetention")},
    "/v1/audio/speech": {"post": _op("createSpeech")},
    "/v1/stores/{id}/search": {"parameters": [ITEM], "post": _op("searchStore")},
    "/v1/threads": {"post": _op("createThread")},
    "/v1/threads/{id}/runs": {"parameters": [ITEM], "post": _op("createRun")},
    "/v1/threads/runs": {"post": _op("createThreadAndRun")},
    "/v1/responses": {"post": _op("createResponse")},
    "/v1/responses?beta=true": {"post": _op("betaCreateResponse")},
}


def test_resources_nest_by_path_and_methods_follow_the_conventions(tmp_path: Path) -> None:
    assert _method_paths(_api(tmp_path, PATHS)) == {
        "GET /v1/pets": "pets.list",
        "POST /v1/pets": "pets.create",
        "GET /v1/pets/{id}": "pets.retrieve",
        "POST /v1/pets/{id}": "pets.update",
        "DELETE /v1/pets/{id}": "pets.delete",
        "POST /v1/pets/{id}/cancel": "pets.cancel",  # the operationId says it is a verb
        "POST /v1/pets/{id}/photos": "pets.photos.create",  # a plural noun is a collection
        "GET /v1/pets/{id}/photos": "pets.photos.list",
        "GET /v1/pets/{id}/toys": "pets.toys.list",  # a plural word is no verb, whatever the operationId
        "POST /v1/uploads/{id}/complete": "uploads.complete",  # no operationId: a singular word after an item
        "POST /v1/chat/completions": "chat.completions.create",
        "GET /v1/organization/data_retention": "organization.data_retention.retrieve",  # a singleton
        "POST /v1/organization/data_retention": "organization.data_retention.update",
        "POST /v1/audio/speech": "audio.speech.create",  # nothing to retrieve: a POST creates
        "POST /v1/stores/{id}/search": "stores.search",
        "POST /v1/threads": "threads.create",
        "POST /v1/threads/{id}/runs": "threads.runs.create",
        # Named like the one above: the route that skips the thread's id yields, to its operationId.
        "POST /v1/threads/runs": "threads.runs.create_thread_and_run",
        "POST /v1/responses": "responses.create",
        "POST /v1/responses?beta=true": "beta.responses.create",  # a fixed query is a group
    }


def test_names_do_not_depend_on_the_order_of_the_paths(tmp_path: Path) -> None:
    expected = _method_paths(_api(tmp_path, PATHS))
    keys = list(PATHS)
    for seed in range(3):
        random.Random(seed).shuffle(keys)
        assert _method_paths(_api(tmp_path, {k: PATHS[k] for k in keys})) == expected


def test_alike_names_take_their_operation_ids_then_numbers(tmp_path: Path) -> None:
    paths = {
        "/things": {"get": _op("listThings")},
        "/v2/things": {"get": _op("list-things")},  # the same route shape once the version is dropped
        "/items": {"get": _op()},
        "/v2/items": {"get": _op()},
    }
    found = _method_paths(_api(tmp_path, paths))
    assert found["GET /things"] == "things.list_things" and found["GET /v2/things"] == "things.list_things_2"
    assert found["GET /items"] == "items.get_items" and found["GET /v2/items"] == "items.get_v2_items"
    assert len(set(found.values())) == len(found)


def test_a_configured_name_wins(tmp_path: Path) -> None:
    paths = {"/pets": {"get": _op("listPets", **{"x-sdkgen": {"resource": "zoo.animals", "method": "all"}}), "post": _op("createPet")}}
    assert _method_paths(_api(tmp_path, paths)) == {"GET /pets": "zoo.animals.all", "POST /pets": "pets.create"}


def test_another_credential_is_a_group_of_its_own(tmp_path: Path) -> None:
    schemes = {"ApiKeyAuth": {"type": "http", "scheme": "bearer"}, "AdminApiKeyAuth": {"type": "http", "scheme": "bearer"}}
    paths = {
        "/users": {"get": _op("listUsers", security=[{"AdminApiKeyAuth": []}])},
        "/files": {"get": _op("listFiles"), "post": _op("createFile", security=[{"ApiKeyAuth": []}])},
    }
    found = _method_paths(_api(tmp_path, paths, components={"securitySchemes": schemes}, security=[{"ApiKeyAuth": []}]))
    assert found == {"GET /users": "admin.users.list", "GET /files": "files.list", "POST /files": "files.create"}


def test_hostile_path_segments_still_make_identifiers(tmp_path: Path) -> None:
    paths = {
        "/2fa/{id}/class": {"parameters": [ITEM], "post": _op("class")},
        "/with_raw_response": {"get": _op()},
        "/{id}": {"parameters": [ITEM], "get": _op(tags=["Things & Stuff"])},
    }
    found = _method_paths(_api(tmp_path, paths))
    assert found == {"POST /2fa/{id}/class": "r_2fa.class_", "GET /with_raw_response": "with_raw_response_.retrieve", "GET /{id}": "things_stuff.retrieve"}


# ---- package and env names ---------------------------------------------------------------------


def test_package_and_env_names_from_the_title(tmp_path: Path) -> None:
    cases = {
        "Acme API": ("acme", "ACME_API_KEY", "AcmeError"),
        "GitHub REST API": ("github", "GITHUB_API_KEY", "GitHubError"),
        "Pet Store API": ("pet_store", "PET_STORE_API_KEY", "PetStoreError"),
        "API": ("api", "API_KEY", "ApiError"),  # never API_API_KEY; APIError is the runtime's own
        "Email": ("email_sdk", "EMAIL_API_KEY", "EmailError"),
    }
    for index, (title, (package, env, error)) in enumerate(cases.items()):
        folder = tmp_path / str(index)
        folder.mkdir()
        api = _api(folder, {"/x": {"get": _op()}}, title=title)
        assert (package_name(api), api.api_key_env, client_error_name(api, package_name(api))) == (package, env, error), title
    assert title_name("ChatBot").words == ("ChatBot",)  # one mixed-case token is one word
    assert title_name("My Service API").words == ("My",)


# ---- pagination -----------------------------------------------------------------------------------


def _list_spec(props: Dict[str, Any], params: List[str], item: Dict[str, Any]) -> Dict[str, Any]:
    body = {"type": "object", "properties": {"data": {"type": "array", "items": item}, **props}}
    return {
        "/things": {
            "get": _op(
                "listThings",
                parameters=[{"name": p, "in": "query", "schema": {"type": "string"}} for p in params],
                responses={"200": {"description": "ok", "content": {"application/json": {"schema": body}}}},
            )
        }
    }


def test_pagination_is_inferred(tmp_path: Path) -> None:
    with_id = {"type": "object", "properties": {"id": {"type": "string"}}}
    no_id = {"type": "object", "properties": {"name": {"type": "string"}}}
    flag = {"has_more": {"type": "boolean"}}
    cases = [
        (dict(flag), ["after", "limit"], with_id, ("after", None)),  # the last item's id
        ({**flag, "last_id": {"type": "string"}}, ["after"], no_id, ("after", "last_id")),
        ({**flag, "next_page": {"type": "string"}}, ["page"], no_id, ("page", "next_page")),
        ({"object": {"type": "string", "enum": ["list"]}}, [], no_id, ("after", None)),  # a single page
        (dict(flag), ["after"], no_id, None),  # no way to the next page
        ({"object": {"type": "string"}, "total": {"type": "integer"}}, [], no_id, None),  # more than a list
        ({}, ["after"], no_id, None),  # a cursor but no has_more: not a page of a kind sdkgen knows
    ]
    for index, (props, params, item, expected) in enumerate(cases):
        folder = tmp_path / str(index)
        folder.mkdir()
        [op] = _api(folder, _list_spec(props, params, item)).operations
        found = (op.pagination.cursor_param, op.pagination.cursor_field) if op.pagination else None
        assert found == expected, (index, op.pagination)


# ---- page titles ----------------------------------------------------------------------------------


def _titled(summary: Optional[str], operation_id: Optional[str] = "createVectorStoreFile") -> str:
    op = ir.Operation(
        id="#/paths/~1x/post", http_method="post", path="/x", operation_id=operation_id, resource=(), method=ir.Name(("create",)),
        params_name=None, summary=summary, description=None, deprecated=False, parameters=[], body=None,
        response=ir.Response("200", "empty", None), stream_response=None, error_responses=[], headers={}, pagination=None,
    )
    return page_heading(op)


def test_a_page_title_is_the_summarys_first_sentence_or_the_operation_ids_words() -> None:
    assert _titled("Create a vector store file.") == "Create a vector store file"
    assert _titled("Adds a [Part](/docs/parts) to an Upload. A Part is a chunk.") == "Adds a Part to an Upload"
    long = "Create a vector store file by attaching a File to a vector store, which " + "x " * 60
    assert _titled(long) == "Create vector store file"
    assert _titled("**Starting a new project?** Try the other API.") == "Create vector store file"
    assert _titled(long, operation_id=None).endswith(" …")


# ---- the route matcher of bench/routes.py -----------------------------------------------------------


def test_routes_compare_by_method_and_path_with_parameters_normalised() -> None:
    assert normal_route("get", "/models/{model}/") == "GET /models/{}"
    ours = {"GET /models/{}": "models.retrieve", "POST /chat/completions": "chat.create_chat_completion", "GET /x": "x.list"}
    official = {"GET /models/{}": {"models.retrieve"}, "POST /chat/completions": {"chat.completions.create", "beta.chat.completions.create"}, "GET /y": {"y.list"}}
    result = compare(ours, official)
    assert result.same == [("GET /models/{}", "models.retrieve")]
    assert result.different == [("POST /chat/completions", "chat.create_chat_completion", ("beta.chat.completions.create", "chat.completions.create"))]
    assert (result.common, result.share, result.ours_only, result.official_only) == (2, 0.5, ["GET /x"], ["GET /y"])


def test_official_routes_are_read_from_the_sdks_source(tmp_path: Path) -> None:
    root = tmp_path / "sdk"
    (root / "resources" / "chat").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "resources" / "__init__.py").write_text("")
    (root / "_client.py").write_text(
        "class Client(SyncAPIClient):\n"
        "    @cached_property\n"
        "    def chat(self) -> Chat:\n"
        "        from .resources.chat import Chat\n"
        "        return Chat(self)\n"
    )
    (root / "resources" / "chat" / "__init__.py").write_text(
        "import typing as _t\nif _t.TYPE_CHECKING:\n    from .chat import Chat as Chat\n"
    )
    (root / "resources" / "chat" / "chat.py").write_text(
        "from .completions import Completions\n"
        "class Chat(SyncAPIResource):\n"
        "    @cached_property\n"
        "    def completions(self) -> Completions:\n"
        "        return Completions(self._client)\n"
        "    @cached_property\n"
        "    def with_raw_response(self) -> ChatWithRawResponse:\n"
        "        return ChatWithRawResponse(self)\n"
    )
    (root / "resources" / "chat" / "completions.py").write_text(
        "class Completions(SyncAPIResource):\n"
        "    def create(self, **kw):\n"
        "        return self._post('/chat/completions', body=kw)\n"
        "    def retrieve(self, completion_id):\n"
        "        return self._get(path_template('/chat/completions/{completion_id}', completion_id=completion_id))\n"
        "    def delete(self, completion_id):\n"
        "        return self._delete(f'/chat/completions/{completion_id}')\n"
        "    def list(self):\n"
        "        return self._get_api_list('/chat/completions', page=SyncCursorPage)\n"
        "    def search(self):\n"
        "        return self._get_api_list('/chat/completions/search', page=SyncPage, method='post')\n"
        "class AsyncCompletions(AsyncAPIResource):\n"
        "    async def create(self, **kw):\n"
        "        return await self._post('/chat/completions', body=kw)\n"
    )
    assert official_routes(root, client_class="Client") == {
        "POST /chat/completions": {"chat.completions.create"},
        "GET /chat/completions/{}": {"chat.completions.retrieve"},
        "DELETE /chat/completions/{}": {"chat.completions.delete"},
        "GET /chat/completions": {"chat.completions.list"},
        "POST /chat/completions/search": {"chat.completions.search"},
    }


# ---- no number where a word tells two names apart ----------------------------------------------------


def test_nested_resources_and_param_schemas_get_words_not_numbers(tmp_path: Path) -> None:
    from generator.targets.java.plan import plan

    thing = {"type": "object", "properties": {"id": {"type": "string"}}}
    body = lambda ref: {"content": {"application/json": {"schema": {"type": "object", "properties": {"tool": {"$ref": ref}}}}}}  # noqa: E731
    returns = lambda ref: {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref}}}}}  # noqa: E731
    paths = {
        "/users/{id}/roles": {"parameters": [ITEM], "get": _op()},
        "/groups/{id}/roles": {"parameters": [ITEM], "get": _op()},
        "/completions": {"post": _op()},
        "/chat/completions": {"post": _op()},
        # `Tool` in both directions beside a schema the spec itself names `ToolParam`, used both ways too.
        "/tools": {"post": _op(requestBody=body("#/components/schemas/Tool"), responses=returns("#/components/schemas/Tool"))},
        "/tool_params": {"post": _op(requestBody=body("#/components/schemas/ToolParam"), responses=returns("#/components/schemas/ToolParam"))},
    }
    schemas = {"Tool": {**thing, "properties": {"id": {"type": "string"}, "tags": {"type": "array", "items": thing}}}, "ToolParam": {**thing, "properties": {"id": {"type": "string"}, "tags": {"type": "array", "items": thing}}}}
    api = _api(tmp_path, paths, components={"schemas": schemas})
    names = name_api(api)
    by_route = {f"{op.http_method.upper()} {op.path}": op for op in api.operations}
    assert names.params_types[by_route["GET /users/{id}/roles"].id] == "UserRoleListParams"
    assert names.params_types[by_route["GET /groups/{id}/roles"].id] == "RoleListParams"  # the first by place keeps it
    assert names.params_types[by_route["POST /completions"].id] == "CompletionCreateParams"  # the shallower keeps it
    assert names.params_types[by_route["POST /chat/completions"].id] == "ChatCompletionCreateParams"
    assert names.class_stems[(ir.Name(("completions",)),)] == "Completions"
    tool, tool_param = "#/components/schemas/Tool", "#/components/schemas/ToolParam"
    assert (names.models[tool], names.params[tool]) == ("Tool", "ToolRequestParam")
    assert (names.models[tool_param], names.params[tool_param]) == ("ToolParamModel", "ToolParam")
    every = [*names.models.values(), *names.params.values(), *names.params_types.values()]
    assert not any(n[-1].isdigit() for n in every if n), every
    services = sorted(c.name for key, c in plan(api).classes.items() if key.startswith("svc:"))
    assert services == sorted(["RootService", "UserService", "GroupService", "RoleService", "UserRoleService", "CompletionService", "ChatService", "ChatCompletionService", "ToolService", "ParamService"]), services
