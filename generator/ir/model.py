"""The intermediate model: what the API is, with every decision about structure already made.

Language-neutral: types are a small algebra (`TypeExpr`), and named things carry their names as
words (`Name`), never as identifiers: casing, reserved words, prefixes for names that start with a
digit and collisions are each target's namer's business (`generator/targets/<name>/naming.py`).

Every IR object is a frozen dataclass: a builder that learns more about a definition (a component
declared before it is filled, an alias settled, usage marked) makes it anew with `dataclasses.replace`,
and the definitions map, keyed by id, holds the latest; references are ids (`DefRef`), so nothing holds
a stale copy. Lists inside are not copied, and no stage after the build changes them (a test renders
every golden spec against a deep copy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from ..errors import Place

JSON = Union[None, bool, int, float, str, list["JSON"], dict[str, "JSON"]]


class _Missing:
    """No default in the spec (distinct from a default of null)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __deepcopy__(self, memo: dict[int, object]) -> _Missing:
        return self  # one sentinel: a copy of the IR compares equal to it

    def __reduce__(self) -> str:
        return "MISSING"


MISSING = _Missing()


@dataclass(frozen=True)
class Name:
    """A name as words: `("chat", "session")`, from a title, a key, a path or configuration.

    `spelling` is the exact text configuration gave (`x-sdkgen` `name: ChatSession`), which a
    target keeps when its rules allow; `place` is where it was configured, for a target's message
    when its rules do not. Neither takes part in equality: two names are the same when their words are.
    """

    words: tuple[str, ...]
    spelling: str | None = field(default=None, compare=False)
    place: Place | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        """The name for messages and sorting: its spelling, else its words joined by spaces."""
        return self.spelling if self.spelling is not None else " ".join(self.words)

# ---- types ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Primitive:
    kind: Literal["string", "integer", "number", "boolean"]
    format: str | None = None


@dataclass(frozen=True)
class AnyType:
    """Any JSON value."""


@dataclass(frozen=True)
class NullType:
    pass


@dataclass(frozen=True)
class BinaryType:
    """Raw bytes: a file upload or a binary string."""


@dataclass(frozen=True)
class LiteralType:
    """One of fixed values (an inline enum or a const)."""

    values: tuple[str | int | float | bool, ...]


@dataclass(frozen=True)
class ArrayType:
    items: TypeExpr


@dataclass(frozen=True)
class MapType:
    """An object with arbitrary keys and values of one type."""

    values: TypeExpr


@dataclass(frozen=True)
class Discriminator:
    property: str
    mapping: tuple[tuple[str, str], ...]  # (wire value, def id)


@dataclass(frozen=True)
class UnionType:
    variants: tuple[TypeExpr, ...]
    discriminator: Discriminator | None = None


@dataclass(frozen=True)
class DefRef:
    """A named definition, by id (see `Definition.id`)."""

    id: str


TypeExpr = Union[
    Primitive, AnyType, NullType, BinaryType, LiteralType, ArrayType, MapType, UnionType, DefRef
]

def is_nullable(expr: TypeExpr) -> bool:
    """Whether null is a value of the type."""
    return isinstance(expr, NullType) or (isinstance(expr, UnionType) and any(isinstance(v, NullType) for v in expr.variants))


def without_null(expr: TypeExpr) -> tuple[TypeExpr, bool]:
    """The type without its null variant, and whether it had one (a lone null stays as it is)."""
    if isinstance(expr, UnionType):
        rest = tuple(v for v in expr.variants if not isinstance(v, NullType))
        if len(rest) == len(expr.variants):
            return expr, False
        if len(rest) == 1:
            return rest[0], True
        return UnionType(rest, expr.discriminator), True
    return expr, False


# ---- target settings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetSettings:
    """A target's own configuration (`x-sdkgen.<target>`), carried through the IR untouched: the raw
    value as the spec wrote it and where (`place.pointer` is the setting's JSON pointer). Only that
    target reads and checks it."""

    value: JSON
    place: Place


# ---- named definitions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Property:
    wire_name: str
    type: TypeExpr
    required: bool
    description: str | None = None
    default: object = MISSING
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    constraints: dict[str, object] = field(default_factory=dict)
    examples: list[object] = field(default_factory=list)
    pointer: str = ""


@dataclass(frozen=True)
class Definition:
    """A named thing: an object, an enum, or an alias of another type.

    `id` is the JSON pointer of the schema it comes from (unique, stable). `name_candidates` are the
    names it could take, best first; `param_candidates` names configured for its request-side form.
    """

    id: str
    name_candidates: tuple[Name, ...]
    param_candidates: tuple[Name, ...] = ()
    description: str | None = None
    title: str | None = None
    deprecated: bool = False
    used_in_responses: bool = False
    used_in_requests: bool = False
    examples: list[object] = field(default_factory=list)
    is_component: bool = False
    target_settings: dict[str, TargetSettings] = field(default_factory=dict)  # by target name


@dataclass(frozen=True)
class ObjectDef(Definition):
    properties: list[Property] = field(default_factory=list)
    # Extra keys: None when the spec forbids them (additionalProperties: false); AnyType when it
    # says nothing.
    additional: TypeExpr | None = field(default_factory=AnyType)


@dataclass(frozen=True)
class EnumDef(Definition):
    values: tuple[str | int | float | bool, ...] = ()
    nullable: bool = False


@dataclass(frozen=True)
class AliasDef(Definition):
    target: TypeExpr = field(default_factory=AnyType)


# ---- operations -----------------------------------------------------------------------------------

ParamLocation = Literal["path", "query", "header", "cookie"]


@dataclass(frozen=True)
class Parameter:
    wire_name: str
    location: ParamLocation
    type: TypeExpr
    required: bool
    description: str | None = None
    deprecated: bool = False
    style: str | None = None  # query serialisation when not the default (form, explode)
    default: object = MISSING
    constraints: dict[str, object] = field(default_factory=dict)
    examples: list[object] = field(default_factory=list)
    pointer: str = ""


BodyEncoding = Literal["json", "multipart", "form", "binary", "text"]


@dataclass(frozen=True)
class RequestBody:
    content_type: str
    encoding: BodyEncoding
    type: TypeExpr
    required: bool
    description: str | None = None
    # When the body is an object, its properties become keyword arguments.
    fields: list[Property] | None = None
    pointer: str = ""
    examples: list[object] = field(default_factory=list)  # the media type's example(s), for the docs


ResponseKind = Literal["json", "text", "binary", "stream", "empty"]


@dataclass(frozen=True)
class Response:
    status: str
    kind: ResponseKind
    type: TypeExpr | None
    content_type: str | None = None
    description: str | None = None
    examples: list[object] = field(default_factory=list)


@dataclass(frozen=True)
class StreamSwitch:
    """The request body field that asks for the event stream instead of the default response.

    The operation streams when the field has this value (`stream: true`); any other value, or leaving
    the field out unless its default is this value, gets the default response.
    """

    wire_name: str
    value: bool | str


@dataclass(frozen=True)
class Pagination:
    items: str
    has_more: str
    cursor_param: str
    cursor_field: str | None
    item_type: TypeExpr


@dataclass(frozen=True)
class Operation:
    id: str  # JSON pointer of the operation
    http_method: str
    path: str
    operation_id: str | None
    resource: tuple[Name, ...]  # the resource path on the client: (beta, stores, orders)
    method: Name  # the method's name on that resource
    params_name: Name | None  # the configured name of the type of all its parameters
    summary: str | None
    description: str | None
    deprecated: bool
    parameters: list[Parameter]
    body: RequestBody | None
    response: Response  # what the method returns
    stream_response: Response | None  # the text/event-stream alternative, when a body field asks for it
    error_responses: list[Response]
    headers: dict[str, str]
    pagination: Pagination | None
    tags: list[str] = field(default_factory=list)
    stream_switch: StreamSwitch | None = None  # set exactly when stream_response is


@dataclass(frozen=True)
class Resource:
    path: tuple[Name, ...]  # (beta, stores, orders); () is the client itself
    operations: list[Operation] = field(default_factory=list)
    children: list[Resource] = field(default_factory=list)


@dataclass(frozen=True)
class Auth:
    kind: Literal["bearer", "basic", "header", "query", "none"]
    name: str | None = None


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    description: str | None
    spec_name: str  # the spec file's name, for headers
    package: Name  # the SDK's name: configured, else the title's words
    base_url: str | None
    auth: Auth
    api_key_env: str
    base_url_env: str
    headers: dict[str, str]
    definitions: dict[str, Definition]  # by id, in the spec's order
    operations: list[Operation]
    root: Resource  # path () — the client itself
    idempotency_header: str | None = "Idempotency-Key"  # None: no idempotency key is sent
    targets: tuple[str, ...] = ("python",)  # the targets the spec asks for (`x-sdkgen.targets`)
    target_settings: dict[str, TargetSettings] = field(default_factory=dict)  # by target name
    # The command that regenerates the output, as headers name it: set by the run, not the spec.
    regenerate: str = "sdkgen generate"
