"""Default names of an operation, when the spec configures none, and the hint inline types in it are
named from. All words: each target makes its own identifiers of them.

The names follow the conventions of well-known SDKs, read off the shape of the paths:

- resources nest by the path's literal segments: `/chat/completions` is `chat.completions`,
  `/vector_stores/{id}/files` is `vector_stores.files` (version segments such as `v1` are dropped);
- a method is named for what it does to its resource: `create` (POST on a collection), `list`
  (GET on one), `retrieve`, `update` and `delete` (on `/{id}`, or on a singleton such as
  `/organization/data_retention`), and a trailing action segment is its verb
  (`/fine_tuning/jobs/{id}/cancel` is `fine_tuning.jobs.cancel`). The operationId decides whether
  a trailing segment is an action: it is when the operationId starts with it (`cancelFineTuningJob`);
- a fixed query in a path key (`/responses?beta=true`, the spec's way to have a second operation on
  one route) puts the route under a resource named for it (`beta.responses`);
- an operation that needs another credential than the API's default goes under a resource named
  for what sets that credential's name apart from the default's (`AdminApiKeyAuth` beside
  `ApiKeyAuth`: `admin`), as SDKs keep such operations apart;
- two operations that would end with the same name on one resource take their operationIds' words
  instead (`operation_id_names`), and tags name the resource of a path with no literal segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from . import model as ir
from .naming import name_of, pascal, singular, words

PARAM = "{}"
_VERSION = re.compile(r"v\d+([._]\d+)*")
_FLAG_VALUES = ("", "true", "1", "yes")


@dataclass(frozen=True)
class RouteShapes:
    """What the spec's paths say about each path prefix (segments, parameters as `{}`)."""

    continued_by_param: frozenset[tuple[str, ...]]  # `/jobs` when some path is `/jobs/{id}...`
    extended: frozenset[tuple[str, ...]]  # prefixes of a longer path
    methods: Mapping[tuple[str, ...], frozenset[str]]  # the HTTP methods of each path


@dataclass(frozen=True)
class Route:
    """One operation as the default names see it."""

    path: str
    http_method: str
    operation_id: str | None
    tags: tuple[str, ...] = ()
    security: tuple[str, ...] | None = None  # the schemes its own `security` asks for, if it has one


def segments_of(path: str) -> tuple[str, ...]:
    """`/v1/jobs/{id}?beta=true` -> (jobs, {}): its literal segments and parameters, no version."""
    bare = path.partition("?")[0]
    parts = [s for s in bare.split("/") if s]
    return tuple(PARAM if s.startswith("{") else s for s in parts if not _VERSION.fullmatch(s))


def route_shapes(paths: Iterable[tuple[str, Iterable[str]]]) -> RouteShapes:
    """The shapes of the spec's paths: (path, its HTTP methods) each."""
    continued: set[tuple[str, ...]] = set()
    extended: set[tuple[str, ...]] = set()
    methods: dict[tuple[str, ...], set[str]] = {}
    for path, verbs in paths:
        segments = segments_of(path)
        methods.setdefault(segments, set()).update(verbs)
        for index in range(1, len(segments)):
            extended.add(segments[:index])
            if segments[index] == PARAM:
                continued.add(segments[:index])
    return RouteShapes(frozenset(continued), frozenset(extended), {k: frozenset(v) for k, v in methods.items()})


def default_names(route: Route, shapes: RouteShapes, default_security: tuple[str, ...]) -> tuple[tuple[ir.Name, ...], ir.Name]:
    """The resource path and method name of an operation that configures neither."""
    segments = segments_of(route.path)
    literal = [s for s in segments if s != PARAM]
    method = route.http_method
    prefix = _security_group(route.security, default_security) + _query_group(route.path)
    if not literal:
        owner = [_member(route.tags[0])] if route.tags else [ir.Name(("default",))]
        verb = _item_verb(method) if segments[-1:] == (PARAM,) else _collection_verb(method, segments, shapes)
        return (*prefix, *owner), ir.Name((verb,))
    if segments[-1] == PARAM:
        return (*prefix, *map(_member, literal)), ir.Name((_item_verb(method),))
    if _is_action(route, segments, shapes):
        return (*prefix, *map(_member, literal[:-1])), _leading_word(name_of(segments[-1], lower=True), method, method)
    return (*prefix, *map(_member, literal)), ir.Name((_collection_verb(method, segments, shapes),))


def operation_id_name(method: str, path: str, operation_id: str | None) -> ir.Name:
    """The operationId's words, else the HTTP method and the path's literal segments: what two
    operations that the conventions would name alike are told apart by."""
    if operation_id:
        return _leading_word(name_of(operation_id, lower=True), method, method)
    # Every literal segment, the version too: it may be all that tells two routes apart.
    parts = [s for s in path.partition("?")[0].split("/") if s]
    literal = [s for s in parts if not s.startswith("{")]
    by_id = parts[-1:] != [] and parts[-1].startswith("{")
    return name_of(" ".join([method] + literal + (["by_id"] if by_id else [])), lower=True)


def skips_an_item(path: str, shapes: RouteShapes) -> bool:
    """`/threads/runs` beside `/threads/{id}/runs`: a literal right after a collection's name, where
    its items' paths have a parameter. Of two operations named alike, such a one yields the name."""
    segments = segments_of(path)
    return any(
        segments[index] != PARAM and segments[index - 1] != PARAM and segments[:index] in shapes.continued_by_param
        for index in range(1, len(segments))
    )


def default_hint(resource: tuple[ir.Name, ...], method: ir.Name) -> str:
    """"OrderCreate" for shop.orders.create: the hint inline types are named from."""
    owner = pascal(singular(_member_text(resource[-1]))) if resource else ""
    return f"{owner}{pascal(_member_text(method))}Params"


def _item_verb(method: str) -> str:
    return {"get": "retrieve", "delete": "delete", "post": "update", "put": "update", "patch": "update"}.get(method, method)


def _collection_verb(method: str, segments: tuple[str, ...], shapes: RouteShapes) -> str:
    """`list`/`create` on a collection (its items have paths, or its name is plural); `retrieve`/
    `update` on a singleton (`/organization/data_retention`)."""
    name = words(segments[-1]) if segments else []
    plural = bool(name) and singular(name[-1]) != name[-1]
    collection = segments in shapes.continued_by_param or plural
    if method == "get":
        return "list" if collection else "retrieve"
    if method == "post":
        retrievable = "get" in shapes.methods.get(segments, frozenset())
        return "update" if retrievable and not collection else "create"
    return _item_verb(method)


def _is_action(route: Route, segments: tuple[str, ...], shapes: RouteShapes) -> bool:
    """A trailing literal segment that is a verb on what precedes it, not a resource of its own:
    the operationId starts with its first word (`cancel` of `cancelFineTuningJob`, past a group's
    own word: `betaCancel...` under `beta`), or it is a singular word right after an item that only
    a POST reaches (`/uploads/{id}/complete`; a GET there reads a part of the item: `content`)."""
    if len(segments) < 2 or segments in shapes.extended or segments in shapes.continued_by_param:
        return False
    tail = [w.lower() for w in words(segments[-1])]
    if not tail:
        return False
    if route.operation_id:
        spelled = [w.lower() for w in words(route.operation_id)]
        group = [w for name in _query_group(route.path) for w in name.words]
        if group and spelled[: len(group)] == group:
            spelled = spelled[len(group) :]
        # A single plural word is a collection even so (`ordersList` on `/stores/{id}/orders`).
        verb_like = len(tail) > 1 or singular(tail[0]) == tail[0]
        if verb_like and (spelled[:1] == tail[:1] or "".join(spelled).startswith("".join(tail))):
            return True
    alone = shapes.methods.get(segments, frozenset()) == {"post"}
    return alone and segments[-2] == PARAM and singular(tail[-1]) == tail[-1]


def _query_group(path: str) -> tuple[ir.Name, ...]:
    """`beta` of `/responses?beta=true`: a fixed query's key (and value, unless a flag's)."""
    query = path.partition("?")[2]
    out = []
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        text = key if value.lower() in _FLAG_VALUES else f"{key} {value}"
        name = name_of(text, lower=True)
        if name.words:
            out.append(_leading_word(name, "r", "default"))
    return tuple(out)


def _security_group(own: tuple[str, ...] | None, default: tuple[str, ...]) -> tuple[ir.Name, ...]:
    """`admin` for an operation that asks for `AdminApiKeyAuth` where the API asks for `ApiKeyAuth`:
    the words of its scheme's name that the default's names lack."""
    if not own or not default or set(own) & set(default):
        return ()
    common = {w.lower() for name in default for w in words(name)}
    extra = [w.lower() for w in words(own[0]) if w.lower() not in common]
    return (ir.Name(tuple(extra)),) if extra and not extra[0][0].isdigit() else ()


def _member(text: str) -> ir.Name:
    return _leading_word(name_of(text, lower=True), "r", "default")


def _leading_word(name: ir.Name, prefix: str, fallback: str) -> ir.Name:
    """A member's name starts with a letter in every language: words that start with a digit get
    `prefix` in front (`2fa` -> `get 2fa`), no words at all are `fallback`."""
    if not name.words:
        return ir.Name((fallback,))
    return ir.Name((prefix, *name.words)) if name.words[0][0].isdigit() else name


def _member_text(name: ir.Name) -> str:
    return name.spelling if name.spelling is not None else "_".join(name.words)
