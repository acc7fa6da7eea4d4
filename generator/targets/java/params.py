"""The view of each operation's params class: its body's fields (a nested `Body` model), its path,
query and header parameters, and how the service's overloads call it.

`SessionCreateParams.builder().user("x").build()` refuses a builder without a required body field or
a required query or header parameter, naming it; a path parameter is checked when the call is made,
so that `threads().retrieve("cthr_123")` can set it after the rest was built.

A `multipart/form-data` body's file fields (`format: binary`, or an array of them) are not members
of `Body`: they are `MultipartFile`s (the runtime's), set from a `Path`, `byte[]` or `InputStream`,
and sent as file parts after the text fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import model as ir
from ...ir.naming import Claim, name_of, singular
from .models import FieldView, ModelView, field_views
from .naming import member_identifier, settle_members
from .plan import JavaClass, Plan
from .text import java_string, javadoc
from .types import JType, strip_null

# Names the params class gives its own methods (`_body()`, `_headers()`, ...), never a field's.
_OWN = frozenset({"body", "headers", "queryParams", "pathParam"})


@dataclass(frozen=True)
class ParamView:
    wire: str  # Java literal
    location: str  # path, query, header
    name: str  # getter and builder method
    doc: list[str]
    type: JType
    required: bool  # build() refuses a builder without it (never for path parameters)


@dataclass(frozen=True)
class FileView:
    wire: str  # Java literal
    name: str  # getter and builder method
    doc: list[str]
    required: bool  # build() refuses a builder without it
    many: bool  # an array of files: a list, and `adder` adds one
    adder: str | None


@dataclass(frozen=True)
class ParamsView:
    cls: JavaClass
    label: str  # the class's name as a Java literal
    doc: list[str]
    body_fields: list[FieldView] | None  # None: no JSON object body
    raw_body: bool  # a body that is not an object: sent as the JsonValue given
    params: list[ParamView]
    path_param: ParamView | None  # the first path parameter: the service's positional argument
    needs_nothing: bool  # every field and parameter is optional: `list()` with no params is fine
    body_model: ModelView | None  # the nested `Body` class
    encoding: str  # json, form, multipart (text fields and files), text, none
    content_type: str  # the body's media type (Java literal)
    files: list[FileView]  # a multipart body's file fields


def _param_key(op: ir.Operation, param: ir.Parameter) -> str:
    return param.pointer or f"{op.id}/{param.location}/{param.wire_name}"


def params_view(plan: Plan, op: ir.Operation) -> ParamsView:
    cls = plan.cls(f"op:{op.id}")
    params = [p for p in op.parameters if p.location in ("path", "query", "header")]
    props = op.body.fields if op.body is not None and op.body.fields is not None else []
    claims = [Claim(f"body:{p.wire_name}", (member_identifier(name_of(p.wire_name).words),)) for p in props]
    claims += [
        Claim(f"{p.location}:{p.wire_name}", (member_identifier(name_of(p.wire_name).words),), 1) for p in params
    ]
    raw_body = op.body is not None and op.body.fields is None
    if raw_body:
        claims.append(Claim("raw:body", ("body_",), 2))
    encoding = _encoding(op)
    files: dict[str, bool] = {}  # wire name -> a list of files
    if encoding == "multipart":
        files = {p.wire_name: many for p in props if (many := _file_field(p.type)) is not None}
    claims += [Claim(f"add:{p.wire_name}", (_adder_name(p),), 2) for p in props if files.get(p.wire_name)]
    names = settle_members(claims, _OWN)
    body_fields = None
    if op.body is not None and op.body.fields is not None:
        owner = op.body.type.id if isinstance(op.body.type, ir.DefRef) else op.id
        texts = [p for p in props if p.wire_name not in files]
        body_fields = field_views(plan, owner, texts, {p.wire_name: names[f"body:{p.wire_name}"] for p in texts})
    file_views = [
        FileView(
            java_string(p.wire_name),
            names[f"body:{p.wire_name}"],
            javadoc(p.description),
            p.required,
            files[p.wire_name],
            names.get(f"add:{p.wire_name}"),
        )
        for p in props
        if p.wire_name in files
    ]
    views = [
        ParamView(
            java_string(p.wire_name),
            p.location,
            names[f"{p.location}:{p.wire_name}"],
            javadoc(p.description),
            plan.types.lower(p.type, _param_key(op, p)),
            p.required and p.location != "path",
        )
        for p in params
    ]
    path = next((v for v in views if v.location == "path"), None)
    needs_nothing = (
        not any(v.required for v in views)
        and not any(f.required for f in body_fields or [])
        and not any(f.required for f in file_views)
        and not raw_body
    )
    return ParamsView(
        cls,
        java_string(cls.name),
        javadoc(op.summary or op.description),
        body_fields,
        raw_body,
        views,
        path,
        needs_nothing,
        None if body_fields is None else ModelView(cls, [], body_fields),
        encoding,
        java_string(op.body.content_type) if op.body is not None else "null",
        file_views,
    )


def _file_field(expr: ir.TypeExpr) -> bool | None:
    """Whether a multipart member is a list of files (True), one file (False), or no file (None)."""
    bare, _ = strip_null(expr)
    if isinstance(bare, ir.ArrayType):
        item, _ = strip_null(bare.items)
        return True if isinstance(item, ir.BinaryType) else None
    return False if isinstance(bare, ir.BinaryType) else None


def _adder_name(prop: ir.Property) -> str:
    """`attachments` -> `addAttachment`: adds one file to a list of them."""
    words = name_of(prop.wire_name).words or ("file",)
    return member_identifier(("add", *words[:-1], singular(words[-1])))


def _encoding(op: ir.Operation) -> str:
    """How the body is sent: json, form (urlencoded), multipart (text fields and files), text, or none."""
    if op.body is None:
        return "none"
    if op.body.encoding in ("form", "multipart"):
        return op.body.encoding if op.body.fields is not None else "json"
    if op.body.encoding == "text" and op.body.fields is None:
        return "text"
    return "json"
