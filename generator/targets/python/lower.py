"""IR -> the Python view: every identifier, annotation, literal and docstring the templates print.

Templates only lay these out. Names for fields, keyword arguments and modules are settled here with the
same resolver the IR uses for type names.
"""

from __future__ import annotations

import keyword
import math
from dataclasses import dataclass, field
from typing import Iterator

from ...ir import model as ir
from ...ir.build import type_refs
from ...ir.graph import cyclic_components
from ...ir.naming import Claim, public_identifier, resolve, snake_identifier, with_trailing_underscore
from .annotate import Annotator
from .text import comment, docstring, py_literal, py_str

# Attributes of pydantic's BaseModel (v2, with v1 names it still has): a field may not take them.
PYDANTIC_ATTRIBUTES = frozenset(
    """construct copy dict from_orm json model_computed_fields model_config model_construct model_copy
    model_dump model_dump_json model_extra model_fields model_fields_set model_json_schema
    model_parametrized_name model_post_init model_rebuild model_validate model_validate_json
    model_validate_strings parse_file parse_obj parse_raw schema schema_json update_forward_refs
    validate""".split()
)
# Modules the type modules import by name: a field of that name would hide them.
MODULE_NAMES = frozenset({"datetime", "builtins", "typing", "typing_extensions", "pydantic"})
# Methods the runtime's BaseModel adds (templates/python/runtime/_models.py.j2).
RUNTIME_MODEL_ATTRIBUTES = frozenset({"to_dict", "to_json"})
FIELD_RESERVED = frozenset(keyword.kwlist) | PYDANTIC_ATTRIBUTES | MODULE_NAMES | RUNTIME_MODEL_ATTRIBUTES
# Names a method body refers to: a keyword argument may not take them.
ARGUMENT_RESERVED = frozenset(keyword.kwlist) | frozenset(
    """self cast extra_headers extra_query extra_body timeout max_retries str int float bool object
    bytes datetime builtins httpx omit not_given typing typing_extensions isinstance""".split()
)
OPTIONS_ARGUMENTS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")


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
    module: str
    access: str  # attribute path from the client: "beta.chatkit.sessions"
    names: ResourceNames
    doc: list[str]
    children: list[ChildView]
    methods: list[MethodView]
    imports: list[str]


@dataclass
class PythonView:
    package_name: str
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
    # The client's class attributes: spec headers as (name, value) literals, the idempotency
    # header's name as a literal (or `None`).
    client_headers: list[tuple[str, str]] = field(default_factory=list)
    idempotency_header: str = "None"


# ---- helpers --------------------------------------------------------------------------------------


def _is_nullable(expr: ir.TypeExpr) -> bool:
    return isinstance(expr, ir.NullType) or (
        isinstance(expr, ir.UnionType) and any(isinstance(v, ir.NullType) for v in expr.variants)
    )


def default_fits(value: object, expr: ir.TypeExpr, definitions: dict[str, ir.Definition]) -> bool:
    """Whether a spec default is a scalar the field's type admits, so it can be the field's default.

    Defaults that are objects or lists, dates, or values the schema itself rejects are left out (the
    field defaults to None, as without a default).
    """
    if value is ir.MISSING or isinstance(value, (dict, list)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if isinstance(expr, ir.UnionType):
        return any(default_fits(value, v, definitions) for v in expr.variants)
    if isinstance(expr, ir.NullType):
        return value is None
    if isinstance(expr, ir.AnyType):
        return isinstance(value, (str, int, float, bool)) or value is None
    if isinstance(expr, ir.LiteralType):
        return any(value == v and type(value) is type(v) for v in expr.values)
    if isinstance(expr, ir.Primitive):
        if expr.kind == "string":
            return isinstance(value, str) and expr.format not in ("date-time", "date")
        if expr.kind == "boolean":
            return isinstance(value, bool)
        if expr.kind == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(expr, ir.DefRef):
        definition = definitions.get(expr.id)
        if isinstance(definition, ir.EnumDef):
            return (value is None and definition.nullable) or default_fits(value, ir.LiteralType(definition.values), definitions)
        if isinstance(definition, ir.AliasDef):
            return default_fits(value, definition.target, definitions)
    return False


def _describe(description: str | None, deprecated: bool = False) -> str | None:
    if deprecated:
        return "Deprecated." + ("\n\n" + description if description else "")
    return description


def import_lines(used: set[str], runtime_prefix: str) -> list[str]:
    """`import`/`from` lines for the helper names an annotator used, in a fixed order."""
    lines = []
    if "builtins" in used:
        lines.append("import builtins")
    if "datetime" in used:
        lines.append("import datetime")
    typing_names = sorted(n for n in ("Dict", "Iterable", "List", "Optional", "TYPE_CHECKING", "Union", "cast", "overload") if n in used)
    extension_names = sorted(n for n in ("Annotated", "Literal", "Required", "TypeAlias", "TypeAliasType", "TypedDict") if n in used)
    if typing_names:
        lines.append(f"from typing import {', '.join(typing_names)}")
    if lines and (extension_names or "Field" in used):
        lines.append("")
    if "Field" in used:
        lines.append("from pydantic import Field")
    if extension_names:
        lines.append(f"from typing_extensions import {', '.join(extension_names)}")
    if "FileTypes" in used:
        lines.append("")
        lines.append(f"from {runtime_prefix}_types import FileTypes")
    return lines


_RUNTIME_MODULES = {
    "SyncAPIResource": "_resource",
    "AsyncAPIResource": "_resource",
    "to_raw_response_wrapper": "_response",
    "async_to_raw_response_wrapper": "_response",
    "to_streamed_response_wrapper": "_response",
    "async_to_streamed_response_wrapper": "_response",
    "BinaryResponse": "_response",
    "SyncCursorPage": "_pagination",
    "AsyncPaginator": "_pagination",
    "CursorPagination": "_pagination",
    "Stream": "_streaming",
    "AsyncStream": "_streaming",
}
_RESOURCE_BASICS = {
    "SyncAPIResource", "AsyncAPIResource", "to_raw_response_wrapper",
    "async_to_raw_response_wrapper", "to_streamed_response_wrapper", "async_to_streamed_response_wrapper",
    "Body", "Headers", "NotGiven", "Query", "Timeout", "not_given",
}


def runtime_import_lines(names: set[str]) -> list[str]:
    """`from .._x import ...` lines for runtime names, grouped by module in a fixed order."""
    by_module: dict[str, list[str]] = {}
    for name in names:
        by_module.setdefault(_RUNTIME_MODULES.get(name, "_types"), []).append(name)
    return [
        f"from ..{module} import {', '.join(sorted(by_module[module], key=lambda n: (n.lower(), n)))}"
        for module in sorted(by_module)
    ]


def _topological(aliases: list[tuple[str, ir.Definition]], local: set[str]) -> list[tuple[str, ir.Definition]]:
    """Aliases ordered so each comes after the aliases its value names (values run at import)."""
    by_id = dict(aliases)
    done: set[str] = set()
    out: list[tuple[str, ir.Definition]] = []

    def deps(ident: str) -> list[str]:
        definition = by_id[ident]
        target = definition.target if isinstance(definition, ir.AliasDef) else None
        return sorted(t for t in (type_refs(target) if target is not None else []) if t in local and t in by_id)

    for start, _ in aliases:
        if start in done:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(deps(start)))]
        visiting = {start}
        while stack:
            ident, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                visiting.discard(ident)
                if ident not in done:
                    done.add(ident)
                    out.append((ident, by_id[ident]))
            elif child not in done and child not in visiting:
                visiting.add(child)
                stack.append((child, iter(deps(child))))
    return out


def _alias_cycles(aliases: list[tuple[str, ir.Definition]], local: set[str]) -> dict[str, frozenset[str]]:
    """For each alias on a cycle of aliases, the members of its cycle (their names are quoted in its
    value: some are defined after it)."""
    by_id = dict(aliases)
    edges = {
        ident: [t for t in type_refs(d.target) if t in local and t in by_id] if isinstance(d, ir.AliasDef) else []
        for ident, d in aliases
    }
    cycles: dict[str, frozenset[str]] = {}
    for component in cyclic_components(edges):
        members = frozenset(component)
        for ident in component:
            cycles[ident] = members
    return cycles


# ---- lowering -------------------------------------------------------------------------------------


class Lowering:
    def __init__(self, api: ir.Api):
        self.api = api
        self.definitions = api.definitions
        # Type names a class body may mention: a field of that name would hide the type there.
        # (Configured names need not be PascalCase, so a field and a type can collide.)
        self.type_names = frozenset(
            name for d in self.definitions.values() for name in (d.name, d.param_name) if name
        )
        self.field_reserved = FIELD_RESERVED | self.type_names
        self.field_names = {ident: self._field_names(d) for ident, d in self.definitions.items() if isinstance(d, ir.ObjectDef)}

    def annotator(self, side: str, shadowed: frozenset[str] = frozenset(), files: bool = False) -> Annotator:
        return Annotator(self.definitions, side, shadowed=shadowed, field_names=self.field_names, files=files)  # type: ignore[arg-type]

    def _field_names(self, definition: ir.ObjectDef) -> dict[str, str]:
        reserved = self.field_reserved
        claims = []
        for prop in definition.properties:
            name = with_trailing_underscore(snake_identifier(prop.wire_name), reserved)
            # A wire name that is already the identifier keeps it (no alias); others come after.
            claims.append(Claim(prop.wire_name, (name,), 0 if name == prop.wire_name else 1))
        return resolve(claims, avoid=lambda n: n in reserved or n.startswith("_"))

    # ---- types modules ----------------------------------------------------------------------

    def model(self, ident: str, definition: ir.ObjectDef, used: set[str], types_used: set[str]) -> ModelView:
        names = self.field_names[ident]
        shadowed = frozenset(names.values())
        fields = []
        for prop in definition.properties:
            if prop.write_only:
                continue
            annotate = self.annotator("model", shadowed)
            annotation = annotate(prop.type)
            name = names[prop.wire_name]
            default: str | None = None
            if not prop.required and default_fits(prop.default, prop.type, self.definitions):
                default = py_literal(prop.default)  # absent on the wire means the spec's default
            elif not prop.required or _is_nullable(prop.type):
                if not _is_nullable(prop.type):
                    annotate.used.add("Optional")
                    annotation = f"Optional[{annotation}]"
                default = "None"
            if name != prop.wire_name:
                annotate.used.add("Field")
                default = f"Field(default={default}, alias={py_str(prop.wire_name)})" if default else f"Field(alias={py_str(prop.wire_name)})"
            used |= annotate.used
            types_used |= annotate.types_used
            fields.append(FieldView(name, annotation, default, docstring(_describe(prop.description, prop.deprecated), 4)))
        return ModelView(definition.name, docstring(_describe(definition.description, definition.deprecated), 4), fields)

    def alias(
        self, definition: ir.Definition, side: str, used: set[str], types_used: set[str], cycle: frozenset[str] = frozenset()
    ) -> AliasView:
        annotate = self.annotator(side)
        annotate.forward = cycle
        if isinstance(definition, ir.EnumDef):
            expr: ir.TypeExpr = ir.LiteralType(definition.values) if definition.values else ir.NullType()
            if definition.nullable and definition.values:
                expr = ir.UnionType((expr, ir.NullType()))
        else:
            assert isinstance(definition, ir.AliasDef)
            expr = definition.target
        annotation = annotate(expr)
        used |= annotate.used | {"TypeAlias"}
        types_used |= annotate.types_used
        name = definition.param_name if side == "param" and definition.param_name else definition.name
        if cycle:
            used |= {"TYPE_CHECKING", "TypeAliasType"}
        doc = docstring(_describe(definition.description, definition.deprecated), 0)
        return AliasView(name, annotation, doc, recursive=bool(cycle), name_literal=py_str(name))

    def typed_dict(
        self,
        name: str,
        description: str | None,
        props: list[tuple[str, ir.TypeExpr | str, bool, str | None]],
        used: set[str],
        types_used: set[str],
        files: bool = False,
    ) -> TypedDictView:
        """A TypedDict; a prop's type is IR, or an annotation already made (see `raw_body_annotation`)."""
        keys = []
        local_used: set[str] = set()
        local_types: set[str] = set()
        for wire, expr, required, doc in props:
            annotate = self.annotator("param", files=files)
            if isinstance(expr, str):
                annotation = expr
                annotate.used.add("Union")
            else:
                annotation = annotate(expr)
            if required:
                annotation = f"Required[{annotation}]"
                annotate.used.add("Required")
            local_used |= annotate.used
            local_types |= annotate.types_used
            # pyright refuses an empty key (Python, mypy and the spec allow it); only a functional
            # TypedDict can have one.
            note = "  # pyright: ignore[reportGeneralTypeIssues]" if not wire else ""
            keys.append(KeyView(py_str(wire), wire, annotation, docstring(doc, 4), note))
        vocabulary = local_used | local_types | {"str", "int", "float", "bool", "object", "bytes", "None", "Required", "datetime", "builtins"}
        functional = any(not k.name.isidentifier() or not k.name.isascii() or keyword.iskeyword(k.name) or k.name in vocabulary for k in keys)
        used |= local_used | {"TypedDict"}
        types_used |= local_types
        if functional:  # values of TypedDict(...) run at import: quote them as forward references
            for key in keys:
                key.annotation = py_str(key.annotation)
        return TypedDictView(name, docstring(description, 4 if not functional else 0), keys, functional, py_str(name))

    def object_typed_dict(self, definition: ir.ObjectDef, used: set[str], types_used: set[str]) -> TypedDictView:
        props: list[tuple[str, ir.TypeExpr | str, bool, str | None]] = [
            (p.wire_name, p.type, p.required, _describe(p.description, p.deprecated)) for p in definition.properties if not p.read_only
        ]
        return self.typed_dict(definition.param_name, _describe(definition.description, definition.deprecated), props, used, types_used)

    def operation_typed_dict(self, op: ir.Operation, used: set[str], types_used: set[str]) -> TypedDictView:
        props: list[tuple[str, ir.TypeExpr | str, bool, str | None]] = []
        if op.body is not None and op.body.fields is not None:
            props += [(f.wire_name, f.type, f.required, _describe(f.description, f.deprecated)) for f in op.body.fields]
        elif op.body is not None:
            props.append(("body", raw_body_annotation(op.body) or op.body.type, op.body.required, op.body.description))
        seen = {p[0] for p in props}
        for param in op.parameters:
            if param.location in ("query", "header") and param.wire_name not in seen:
                props.append((param.wire_name, param.type, param.required, _describe(param.description, param.deprecated)))
                seen.add(param.wire_name)
        files = op.body is not None and op.body.encoding == "multipart"
        return self.typed_dict(op.params_name, None, props, used, types_used, files=files)

    # ---- everything -------------------------------------------------------------------------

    def lower(self) -> PythonView:
        model_used: set[str] = set()
        model_types: set[str] = set()
        param_used: set[str] = set()
        param_types: set[str] = set()
        models, model_alias_defs, typed_dicts, param_alias_defs = [], [], [], []
        for ident, d in self.definitions.items():
            if d.name:
                if isinstance(d, ir.ObjectDef):
                    models.append(self.model(ident, d, model_used, model_types))
                else:
                    model_alias_defs.append((ident, d))
            if d.param_name:
                if isinstance(d, ir.ObjectDef):
                    typed_dicts.append(self.object_typed_dict(d, param_used, param_types))
                else:
                    param_alias_defs.append((ident, d))
        for op in self.api.operations:
            typed_dicts.append(self.operation_typed_dict(op, param_used, param_types))
        typed_dicts.sort(key=lambda t: (t.name.lower(), t.name))
        model_local = {i for i, d in self.definitions.items() if d.name}
        enums = [self.alias(d, "model", model_used, model_types) for _, d in model_alias_defs if isinstance(d, ir.EnumDef)]
        others = [(i, d) for i, d in model_alias_defs if not isinstance(d, ir.EnumDef)]
        model_cycles = _alias_cycles(others, model_local)
        model_aliases = [
            self.alias(d, "model", model_used, model_types, model_cycles.get(i, frozenset())) for i, d in _topological(others, model_local)
        ]
        param_local = {i for i, d in self.definitions.items() if d.param_name}
        param_cycles = _alias_cycles(param_alias_defs, param_local)
        param_aliases = [
            self.alias(d, "param", param_used, param_types, param_cycles.get(i, frozenset()))
            for i, d in _topological(param_alias_defs, param_local)
        ]

        models_imports = import_lines(model_used, "..")
        if models:
            models_imports += ["", "from .._models import BaseModel"]
        model_names = {m.name for m in models} | {a.name for a in enums + model_aliases}
        param_names = {t.name for t in typed_dicts} | {a.name for a in param_aliases}
        params_imports = import_lines(param_used, "..")
        shared = sorted(param_types - param_names)
        if shared:
            params_imports += ["", f"from .models import {', '.join(shared)}"]

        resources = ResourceLowering(self).all()
        top = [c for r in resources if not r.module for c in r.children]
        return PythonView(
            package_name=self.api.package_name,
            enums=enums,
            models=models,
            model_aliases=model_aliases,
            typed_dicts=typed_dicts,
            param_aliases=param_aliases,
            models_imports=models_imports,
            params_imports=params_imports,
            models_exports=sorted(model_names, key=lambda n: (n.lower(), n)),
            params_exports=sorted(param_names, key=lambda n: (n.lower(), n)),
            resources=[r for r in resources if r.module],
            top_children=top,
            client_headers=[(py_str(k), py_str(v)) for k, v in self.api.headers.items()],
            idempotency_header=py_str(self.api.idempotency_header) if self.api.idempotency_header else "None",
        )


def _module_stem(path: tuple[str, ...]) -> str:
    """A resource module's name: no leading `_` (`__init__`, the runtime's modules), and short
    enough for a file name on any filesystem."""
    stem = public_identifier("_".join(path), "resource")
    while len(stem.encode("utf-8")) > 100:
        stem = stem[:-1]
    return stem


class ResourceLowering:
    """Resource classes and their methods."""

    def __init__(self, lowering: Lowering):
        self.lowering = lowering
        self.api = lowering.api
        nodes = list(self._walk(self.api.root))
        modules = resolve(
            [Claim("/".join(n.path), (_module_stem(n.path),)) for n in nodes if n.path],
            fold=str.lower,
            avoid=lambda name: keyword.iskeyword(name),
        )
        self.modules = {n.path: modules.get("/".join(n.path), "") for n in nodes}
        self.param_names = {d.param_name for d in self.api.definitions.values() if d.param_name}

    def _walk(self, node: ir.Resource) -> Iterator[ir.Resource]:
        yield node
        for child in node.children:
            yield from self._walk(child)

    @staticmethod
    def names(node: ir.Resource) -> ResourceNames:
        stem = node.class_name
        return ResourceNames(
            f"{stem}Resource", f"Async{stem}Resource", f"{stem}ResourceWithRawResponse", f"Async{stem}ResourceWithRawResponse",
            f"{stem}ResourceWithStreamingResponse", f"Async{stem}ResourceWithStreamingResponse",
        )

    def all(self) -> list[ResourceView]:
        return [self.resource(node) for node in self._walk(self.api.root)]

    def resource(self, node: ir.Resource) -> ResourceView:
        used: set[str] = set()
        types_used: set[str] = set()
        runtime: set[str] = set()
        methods = [self.method(op, used, types_used, runtime) for op in node.operations]
        children = [ChildView(c.name, self.modules[c.path], self.names(c)) for c in node.children]
        # A resource with no operations of its own (only sub-resources) uses none of the call names.
        call_names = {"Optional", "Union", "cast"} if methods else set()
        imports = import_lines((used - {"FileTypes"}) | call_names, "..")
        if "FileTypes" in used:
            runtime.add("FileTypes")
        param_names = sorted(types_used & self.param_names)
        model_names = sorted(types_used - self.param_names)
        type_imports = []
        if model_names:
            type_imports.append(f"from ..types.models import {', '.join(model_names)}")
        if param_names:
            type_imports.append(f"from ..types.params import {', '.join(param_names)}")
        child_imports = [
            f"from .{c.module} import {', '.join(c.classes.imported())}"
            for c in sorted(children, key=lambda c: c.module)
        ]
        basics = _RESOURCE_BASICS if methods else {"SyncAPIResource", "AsyncAPIResource"}
        local = runtime_import_lines(runtime | basics) + type_imports + child_imports
        return ResourceView(
            module=self.modules[node.path],
            access=".".join(node.path),
            names=self.names(node),
            doc=[],
            children=children,
            methods=methods,
            imports=["from functools import cached_property", *imports, "", *local],
        )

    def method(self, op: ir.Operation, used: set[str], types_used: set[str], runtime: set[str]) -> MethodView:
        files = op.body is not None and op.body.encoding == "multipart"
        annotate = self.lowering.annotator("param", files=files)
        model_annotate = self.lowering.annotator("model")
        entries: list[tuple[int, str, str, ir.TypeExpr, bool, str]] = []  # (priority, key, wire, type, required, location)
        for index, param in enumerate(op.parameters):
            priority = {"path": 0, "query": 2, "header": 3}.get(param.location, 4)
            entries.append((priority, f"{param.location}:{param.wire_name}", param.wire_name, param.type, param.required, param.location))
        whole_body = None
        if op.body is not None:
            if op.body.fields is not None:
                for prop in op.body.fields:
                    location = "file" if op.body.encoding == "multipart" and _is_binary(prop.type) else "body"
                    entries.append((1, f"body:{prop.wire_name}", prop.wire_name, prop.type, prop.required, location))
            else:
                entries.append((1, "whole_body", "body", op.body.type, op.body.required, "whole_body"))
        claims = []
        for priority, key, wire, _, _, location in entries:
            name = with_trailing_underscore(snake_identifier(wire), ARGUMENT_RESERVED)
            # By location (path first), and within one, a wire name that is the identifier already.
            claims.append(Claim(key, (name, f"{location}_{snake_identifier(wire)}"), 2 * priority + (name != wire)))
        names = resolve(claims, reserved=ARGUMENT_RESERVED | set(OPTIONS_ARGUMENTS), avoid=lambda n: n.startswith("_"))
        arguments: list[ArgumentView] = []
        for priority, key, wire, expr, required, location in entries:
            raw = raw_body_annotation(op.body) if location == "whole_body" and op.body is not None else None
            if raw is not None:
                annotation = raw
                annotate.used.add("Union")
            else:
                annotation = annotate(expr)
            default = None
            if not required:
                annotate.used.add("Union")
                runtime.update({"Omit", "omit"})
                annotation = f"Union[{annotation}, Omit]"
                default = "omit"
            arguments.append(ArgumentView(names[key], py_str(wire), annotation, default, location))
        by_location = {loc: [a for a in arguments if a.location == loc] for loc in ("path", "query", "header", "body", "file", "whole_body")}
        positional = by_location["path"]
        rest = [a for a in arguments if a.location != "path"]
        keyword_args = [a for a in rest if a.default is None] + [a for a in rest if a.default is not None]

        response = op.response
        page_item = None
        pagination = None
        stream: str | None = None
        if op.pagination is not None:
            page_item = model_annotate(op.pagination.item_type)
            runtime.update({"SyncCursorPage", "AsyncPaginator", "CursorPagination"})
            cursor_field = py_str(op.pagination.cursor_field) if op.pagination.cursor_field else "None"
            pagination = [
                ("items", py_str(op.pagination.items)),
                ("has_more", py_str(op.pagination.has_more)),
                ("cursor_param", py_str(op.pagination.cursor_param)),
                ("cursor_field", cursor_field),
            ]
            return_annotation = f"SyncCursorPage[{page_item}]"
            async_return = f"AsyncPaginator[{page_item}]"
            cast_to = page_item
        elif response.kind == "empty" or response.type is None:
            return_annotation = async_return = "None"
            cast_to = "None"
        elif response.kind == "binary":
            runtime.add("BinaryResponse")
            return_annotation = async_return = cast_to = "BinaryResponse"
        elif response.kind == "stream":
            item = model_annotate(response.type)
            runtime.update({"Stream", "AsyncStream"})
            return_annotation, async_return, cast_to, stream = f"Stream[{item}]", f"AsyncStream[{item}]", item, "True"
        elif response.kind == "text":
            return_annotation = async_return = cast_to = "str"
        else:
            return_annotation = async_return = cast_to = model_annotate(response.type)
        overloads: list[OverloadView] = []
        if op.stream_switch is not None and op.stream_response is not None and op.stream_response.type is not None and pagination is None:
            switched = self._stream_overloads(op, op.stream_switch, op.stream_response.type, keyword_args, annotate, model_annotate, runtime)
            if switched is not None:
                overloads, stream, stream_cast = switched
                item = model_annotate(op.stream_response.type)
                cast_to = f"{item} if {stream} else {cast_to}"
                return_annotation = f"Union[{return_annotation}, Stream[{stream_cast}]]"
                async_return = f"Union[{async_return}, AsyncStream[{stream_cast}]]"
        used |= annotate.used | model_annotate.used
        types_used |= annotate.types_used | model_annotate.types_used
        content_type = None
        if op.body is not None and op.body.encoding != "json":
            content_type = py_str(op.body.content_type.split(";")[0].strip())
        styles = [(a.wire, py_str(p.style)) for p, a in zip([p for p in op.parameters if p.location == "query"], by_location["query"]) if p.style]
        doc_text = _method_doc(op.summary, op.description)
        return MethodView(
            name=op.method_name,
            doc=docstring(_describe(doc_text, op.deprecated), 8),
            http_method=py_str(op.http_method),
            path=py_str(op.path),
            positional=positional,
            keyword_args=keyword_args,
            path_params=by_location["path"],
            query=by_location["query"],
            query_styles=styles,
            headers=[(py_str(k), py_str(v)) for k, v in {**_accept(op), **op.headers}.items()],
            header_params=by_location["header"],
            body_fields=by_location["body"],
            files=by_location["file"],
            whole_body=by_location["whole_body"][0] if by_location["whole_body"] else None,
            content_type=content_type,
            return_annotation=return_annotation,
            async_return_annotation=async_return,
            cast_to=cast_to,
            stream=stream,
            page_item=page_item,
            pagination=pagination,
            deprecated=op.deprecated,
            overloads=overloads,
        )

    def _stream_overloads(
        self,
        op: ir.Operation,
        switch: ir.StreamSwitch,
        item_type: ir.TypeExpr,
        keyword_args: list[ArgumentView],
        annotate: Annotator,
        model_annotate: Annotator,
        runtime: set[str],
    ) -> tuple[list[OverloadView], str, str] | None:
        """OpenAI's overloads: the switch field's value picks the return type.

        (1) the other values, or leaving the field out: the default response; (2) the streaming value:
        `Stream[Event]`; (3) any value of the field's type (a `bool` variable): either. Returns the
        overloads, the condition that streams (source), and the event annotation.
        """
        fields = {f.wire_name: f for f in (op.body.fields or [])} if op.body is not None else {}
        prop = fields.get(switch.wire_name)
        arg = next((a for a in keyword_args if a.location in ("body", "file") and a.wire == py_str(switch.wire_name)), None)
        if prop is None or arg is None:
            return None
        values = self._switch_values(prop.type)
        nullable = _is_nullable(prop.type)
        omit_streams = prop.default == switch.value
        others = [v for v in values if v != switch.value]
        item = model_annotate(item_type)
        runtime.update({"Stream", "AsyncStream", "Omit", "omit"})
        annotate.used.update({"Literal", "Union", "Optional", "overload"})

        def literal(choices: list[object], with_null: bool) -> str | None:
            if not choices:
                return "None" if with_null else None
            text = f"Literal[{', '.join(py_literal(v) for v in choices)}]"
            return f"Optional[{text}]" if with_null else text

        def variant(annotation: str | None, omittable: bool) -> list[ArgumentView] | None:
            if annotation is None and not omittable:
                return None
            if annotation is None:
                changed = ArgumentView(arg.name, arg.wire, "Omit", "omit", arg.location)
            elif omittable:
                changed = ArgumentView(arg.name, arg.wire, f"Union[{annotation}, Omit]", "omit", arg.location)
            else:
                changed = ArgumentView(arg.name, arg.wire, annotation, None, arg.location)
            rest = [a for a in keyword_args if a is not arg]
            if changed.default is not None:
                return [changed if a is arg else a for a in keyword_args]
            # A required keyword goes with the other required ones, as in the method's own signature.
            at = len([a for a in rest if a.default is None])
            return rest[:at] + [changed] + rest[at:]

        main_sync, main_async = self._main_returns(op, model_annotate)
        plain = variant(literal(others, nullable), omittable=not prop.required and not omit_streams)
        streaming = variant(literal([switch.value], False), omittable=not prop.required and omit_streams)
        either = variant(annotate(prop.type), omittable=False)
        overloads = []
        if plain is not None:
            overloads.append(OverloadView(plain, main_sync, main_async))
        if streaming is not None:
            overloads.append(OverloadView(streaming, f"Stream[{item}]", f"AsyncStream[{item}]"))
        if either is not None:
            overloads.append(
                OverloadView(either, f"Union[{main_sync}, Stream[{item}]]", f"Union[{main_async}, AsyncStream[{item}]]")
            )
        condition = f"{arg.name} is True" if switch.value is True else f"{arg.name} == {py_literal(switch.value)}"
        if omit_streams:
            condition = f"({condition} or isinstance({arg.name}, Omit))"
        return overloads, condition, item

    def _switch_values(self, expr: ir.TypeExpr) -> list[object]:
        """The values a switch field can take (a boolean's two, an enum's), nulls left out."""
        variants = expr.variants if isinstance(expr, ir.UnionType) else (expr,)
        values: list[object] = []
        for variant in variants:
            if isinstance(variant, ir.Primitive) and variant.kind == "boolean":
                values += [False, True]
            elif isinstance(variant, ir.LiteralType):
                values += list(variant.values)
            elif isinstance(variant, ir.DefRef):
                definition = self.api.definitions.get(variant.id)
                if isinstance(definition, ir.EnumDef):
                    values += list(definition.values)
                elif isinstance(definition, ir.AliasDef):
                    values += self._switch_values(definition.target)
        return list(dict.fromkeys(values))

    def _main_returns(self, op: ir.Operation, model_annotate: Annotator) -> tuple[str, str]:
        response = op.response
        if response.kind == "empty" or response.type is None:
            return "None", "None"
        if response.kind == "binary":
            return "BinaryResponse", "BinaryResponse"
        if response.kind == "text":
            return "str", "str"
        annotation = model_annotate(response.type)
        return annotation, annotation


def _accept(op: ir.Operation) -> dict[str, str]:
    """An `Accept` header for a response that is not JSON (the client asks for JSON by default)."""
    response = op.response
    if response.kind not in ("binary", "text") or response.content_type is None or op.pagination is not None:
        return {}
    types = [response.content_type]
    if op.stream_switch is not None and op.stream_response is not None and op.stream_response.content_type:
        types.append(op.stream_response.content_type)
    return {"Accept": ", ".join(types)}


def raw_body_annotation(body: ir.RequestBody) -> str | None:
    """What a method takes for a body sent as it is (not JSON, not a form): bytes or text."""
    return "Union[bytes, str]" if body.encoding in ("binary", "text") else None


def _method_doc(summary: str | None, description: str | None) -> str | None:
    """Summary and description, without saying the same thing twice."""
    if summary and description and description.strip().startswith(summary.strip()):
        return description
    parts = [t for t in (summary, description) if t]
    return "\n\n".join(parts) if parts else None


def _is_binary(expr: ir.TypeExpr) -> bool:
    if isinstance(expr, ir.BinaryType):
        return True
    if isinstance(expr, ir.ArrayType):
        return _is_binary(expr.items)
    if isinstance(expr, ir.UnionType):
        return any(_is_binary(v) for v in expr.variants)
    return False


def lower(api: ir.Api) -> PythonView:
    return Lowering(api).lower()


__all__ = ["lower", "PythonView", "comment"]
