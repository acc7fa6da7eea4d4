"""The Python view: what the templates print, every identifier, annotation and literal decided."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ...ir import model as ir
from .naming import PythonNames

# ---- views ----------------------------------------------------------------------------------------


@dataclass
class FieldView:
    name: str
    annotation: str
    default: str | None  # source after "=", or None for a required field
    doc: list[str]


@dataclass
class ModelView:
    name: str
    doc: list[str]
    fields: list[FieldView]


@dataclass
class AliasView:
    name: str
    annotation: str
    doc: list[str]
    # On a cycle of aliases (through a list, a dict or a union): mypy reads a `TypeAlias` whose value
    # names the cycle in quotes; pydantic resolves it at run time as a `TypeAliasType`.
    recursive: bool = False
    name_literal: str = ""


@dataclass
class KeyView:
    key: str  # the key as a Python string literal
    name: str  # the key as written in a class body (identifier)
    annotation: str
    doc: list[str]
    note: str = ""  # a comment after the key, in the TypedDict(...) syntax


@dataclass
class TypedDictView:
    name: str
    doc: list[str]
    keys: list[KeyView]
    functional: bool  # keys that are not identifiers: TypedDict("Name", {...}) syntax
    name_literal: str = ""


@dataclass
class TypesModuleView:
    """One module of `types/`: the types one set of resources reaches (see `modules.py`)."""

    name: str  # file stem: `_chat`, `_shared_chat_responses`, `_other`
    doc: str  # the module's docstring, one line
    imports: list[str]
    exports: list[str]
    enums: list[AliasView]
    models: list[ModelView]
    model_aliases: list[AliasView]
    typed_dicts: list[TypedDictView]
    param_aliases: list[AliasView]
    memo_key: str = ""  # names all of the above (`modules._module`); "" without a memo


@dataclass
class ModuleImports:
    """Import lines of a generated module, computed from what its code uses."""

    lines: list[str]


@dataclass
class ArgumentView:
    name: str
    wire: str  # Python string literal of the wire name
    annotation: str
    default: str | None
    location: str  # path, query, header, body, file, whole_body
    # The IR node it comes from, and the annotation of a value without `Omit` (for the docs).
    source: ir.Parameter | ir.Property | ir.RequestBody | None = None
    value_annotation: str = ""


@dataclass
class MethodView:
    name: str
    doc: list[str]
    http_method: str  # literal
    path: str  # literal
    positional: list[ArgumentView]
    keyword_args: list[ArgumentView]
    path_params: list[ArgumentView]
    query: list[ArgumentView]
    query_styles: list[tuple[str, str]]
    headers: list[tuple[str, str]]  # (literal, literal) constants from the spec
    header_params: list[ArgumentView]
    body_fields: list[ArgumentView]
    files: list[ArgumentView]
    whole_body: ArgumentView | None
    content_type: str | None  # literal
    return_annotation: str
    async_return_annotation: str
    cast_to: str  # source of the `cast_to=` argument (an expression when a switch picks the stream)
    stream: str | None  # source of the `stream=` argument, or None for a response that never streams
    page_item: str | None  # annotation of a page's items, for paginated lists
    pagination: list[tuple[str, str]] | None  # CursorPagination(...) keyword arguments, as source
    deprecated: bool
    # `typing.overload` signatures before the method (a body field that switches to an event stream).
    overloads: list[OverloadView] = field(default_factory=list)
    operation: ir.Operation | None = None  # the IR operation it comes from (for the docs)


@dataclass
class OverloadView:
    keyword_args: list[ArgumentView]
    return_annotation: str
    async_return_annotation: str


@dataclass
class ChildView:
    attribute: str
    module: str
    classes: ResourceNames


@dataclass
class ResourceNames:
    sync: str
    async_: str
    sync_raw: str
    async_raw: str
    sync_streaming: str
    async_streaming: str

    def imported(self) -> list[str]:
        """Every class, in import order."""
        return [self.async_, self.async_raw, self.async_streaming, self.sync, self.sync_raw, self.sync_streaming]


@dataclass
class ResourceView:
    path: tuple[ir.Name, ...]  # the IR resource it is
    module: str
    access: str  # attribute path from the client: "beta.stores.orders"
    names: ResourceNames
    doc: list[str]
    children: list[ChildView]
    methods: list[MethodView]
    imports: list[str]
    # The child classes, for type checkers only (the accessors import them when first used).
    child_imports: list[str] = field(default_factory=list)
    type_names: list[str] = field(default_factory=list)  # the types its methods name
    memo_key: str = ""  # names all of the above (`Lowering._resource_key`); "" without a memo


@dataclass
class PythonView:
    package_name: str
    names: PythonNames
    # The definitions in the order the types modules list them (by their Python names).
    definitions: dict[str, ir.Definition]
    enums: list[AliasView]  # Literal aliases: printed first, nothing they name comes later
    models: list[ModelView]
    model_aliases: list[AliasView]
    typed_dicts: list[TypedDictView]
    param_aliases: list[AliasView]
    models_imports: list[str]
    params_imports: list[str]
    models_exports: list[str]
    params_exports: list[str]
    resources: list[ResourceView]
    top_children: list[ChildView]
    runtime_exports: list[str] = field(default_factory=list)
    # The split types modules, each type's module, and the lines of the lazy index and aggregates.
    types_modules: list[TypesModuleView] = field(default_factory=list)
    types_home: dict[str, str] = field(default_factory=dict)
    types_index: list[tuple[str, list[str]]] = field(default_factory=list)  # (module, its names)
    types_exports: list[str] = field(default_factory=list)
    types_checking_imports: list[str] = field(default_factory=list)
    models_aggregate_imports: list[str] = field(default_factory=list)
    params_aggregate_imports: list[str] = field(default_factory=list)
    client_imports: list[str] = field(default_factory=list)  # the top resources, for type checkers
    # The client's class attributes: spec headers as (name, value) literals, the idempotency
    # header's name as a literal (or `None`).
    client_headers: list[tuple[str, str]] = field(default_factory=list)
    idempotency_header: str = "None"
    # Each model's attribute for each wire property, by definition id (for the docs).
    field_names: Mapping[str, dict[str, str]] = field(default_factory=dict)
