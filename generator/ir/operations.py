"""Paths and operations -> IR operations: parameters, request body, the response a method returns."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from . import model as ir
from .config import OperationConfig, PaginationConfig, operation_config
from ..spec.pointers import join_pointer, ref_pointer
from .default_names import default_hint, default_method_name, default_resource
from .naming import pascal
from .schema_nodes import constraints_of, examples_of, hint_of, union
from .schemas import SchemaBuilder
from ..spec.document import Spec

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DEFAULT_STYLE = {"query": "form", "path": "simple", "header": "simple", "cookie": "form"}
_STYLE_NAMES = {
    ("form", False): "form_no_explode",
    ("spaceDelimited", True): "space_delimited",
    ("spaceDelimited", False): "space_delimited",
    ("pipeDelimited", True): "pipe_delimited",
    ("pipeDelimited", False): "pipe_delimited",
    ("deepObject", True): "deep_object",
    ("deepObject", False): "deep_object",
}


def is_json(content_type: str) -> bool:
    base = content_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json") or "json" in base


def _media_kind(content_type: str) -> str:
    base = content_type.split(";")[0].strip().lower()
    if is_json(base):
        return "json"
    if base == "text/event-stream":
        return "stream"
    if base == "multipart/form-data":
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base.startswith("text/"):
        return "text"
    return "binary"


def _text(node: Any, key: str) -> str | None:
    if not isinstance(node, dict):
        return None
    value = node.get(key)
    return value if isinstance(value, str) and value.strip() else None


class OperationBuilder:
    def __init__(self, spec: Spec, schemas: SchemaBuilder):
        self.spec = spec
        self.schemas = schemas

    def deref(self, node: Any, ptr: str) -> tuple[Any, str]:
        """Follow a `$ref` to a parameter, request body, response or path item."""
        seen: list[str] = []
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target = ref_pointer(node["$ref"])
            if target in seen:
                raise self.spec.error("a $ref cycle: " + " -> ".join(seen + [target]), ptr)
            seen.append(target)
            node, ptr = self.spec.node_at(target), target
        return node, ptr

    def build_all(self) -> list[ir.Operation]:
        operations = []
        paths = self.spec.document.get("paths")
        if not isinstance(paths, dict):
            return []
        for path, raw_item in paths.items():
            item_ptr = join_pointer("#/paths", str(path))
            item, resolved_ptr = self.deref(raw_item, item_ptr)
            if not isinstance(item, dict):
                continue
            shared = self._raw_parameters(item.get("parameters"), join_pointer(resolved_ptr, "parameters"))
            for method in HTTP_METHODS:
                operation = item.get(method)
                if isinstance(operation, dict):
                    op_ptr = join_pointer(resolved_ptr, method)
                    operations.append(self.build(str(path), method, operation, op_ptr, shared))
        return operations

    # ---- parameters ---------------------------------------------------------------------------

    def _raw_parameters(self, raw: Any, ptr: str) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
        found: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        if not isinstance(raw, list):
            return found
        for index, entry in enumerate(raw):
            param, param_ptr = self.deref(entry, join_pointer(ptr, index))
            if isinstance(param, dict) and isinstance(param.get("name"), str):
                found[(str(param.get("in")), param["name"])] = (param, param_ptr)
        return found

    def _parameter(self, param: dict[str, Any], ptr: str, hint: str) -> ir.Parameter | None:
        location = param.get("in")
        name = param["name"]
        if location not in ("path", "query", "header", "cookie"):
            return None
        if location == "cookie":
            self.schemas.warn(
                f"cookie parameter {name!r} is not supported; send it with extra_headers", ptr
            )
            return None
        if location == "header" and name.lower() in ("accept", "content-type", "authorization"):
            return None  # OpenAPI says these header parameters are ignored
        schema, schema_ptr = param.get("schema"), join_pointer(ptr, "schema")
        if schema is None and isinstance(param.get("content"), dict) and param["content"]:
            media_type = next(iter(param["content"]))
            schema = param["content"][media_type].get("schema") if isinstance(param["content"][media_type], dict) else None
            schema_ptr = join_pointer(ptr, "content", media_type, "schema")
        expr = self.schemas.type_of(schema, schema_ptr, hint + pascal(name))
        style = param.get("style", _DEFAULT_STYLE[location])
        explode = param.get("explode", style == "form")
        style_name = _STYLE_NAMES.get((str(style), bool(explode))) if location == "query" else None
        resolved_schema = schema
        if isinstance(schema, dict) and "$ref" in schema:
            resolved_schema, _ = self.schemas.resolve(schema, schema_ptr)
        description = _text(param, "description") or _text(resolved_schema, "description")
        return ir.Parameter(
            wire_name=name,
            location=location,
            type=expr,
            required=param.get("required") is True or location == "path",
            description=description,
            deprecated=param.get("deprecated") is True,
            style=style_name,
            default=resolved_schema.get("default", ir.MISSING) if isinstance(resolved_schema, dict) else ir.MISSING,
            constraints=constraints_of(resolved_schema),
            examples=examples_of(param) or examples_of(resolved_schema),
            pointer=ptr,
        )

    # ---- operation ----------------------------------------------------------------------------

    def build(
        self,
        path: str,
        method: str,
        operation: dict[str, Any],
        op_ptr: str,
        shared: dict[tuple[str, str], tuple[dict[str, Any], str]],
    ) -> ir.Operation:
        config = operation_config(self.spec, operation, op_ptr)
        operation_id = _text(operation, "operationId")
        tags = [t for t in operation.get("tags") or [] if isinstance(t, str)] if isinstance(operation.get("tags"), list) else []
        resource = config.resource if config.resource is not None else default_resource(path, tags)
        method_name = config.method or default_method_name(method, path, operation_id)
        # Inline types in the parameters, body and responses are named after the operation
        # (`SessionCreate...`): from the configured params name, else the resource and method.
        params_name = config.params_name
        hint_name = hint_of(params_name) if params_name is not None else default_hint(resource, method_name)
        hint_base = hint_name[: -len("Params")] if hint_name.endswith("Params") else hint_name

        raw_params = dict(shared)
        raw_params.update(self._raw_parameters(operation.get("parameters"), join_pointer(op_ptr, "parameters")))
        parameters = []
        for param, param_ptr in raw_params.values():
            built = self._parameter(param, param_ptr, hint_base)
            if built is not None:
                parameters.append(built)
        declared = {p.wire_name for p in parameters if p.location == "path"}
        for name in re.findall(r"{([^}]+)}", path):
            if name not in declared:
                declared.add(name)
                self.schemas.warn(f"path parameter {name!r} is not declared; typed as a string", op_ptr)
                parameters.append(ir.Parameter(name, "path", ir.Primitive("string"), True, pointer=op_ptr))

        body = self._body(operation.get("requestBody"), join_pointer(op_ptr, "requestBody"), hint_base)
        response, stream, errors = self._responses(operation.get("responses"), join_pointer(op_ptr, "responses"), hint_base)
        switch = self._stream_switch(body) if stream is not None else None
        if stream is not None and switch is None:
            self.schemas.warn(
                "a text/event-stream response, but no body field asks for it (a boolean `stream`, or a "
                f"`stream...` field with the value 'sse'): the method returns the {response.content_type} response",
                join_pointer(op_ptr, "responses", stream.status),
            )
            stream = None
        pagination = self._pagination(config, method, parameters, response, op_ptr)
        return ir.Operation(
            id=op_ptr,
            http_method=method,
            path=path,
            operation_id=operation_id,
            resource=resource,
            method=method_name,
            params_name=params_name,
            summary=_text(operation, "summary"),
            description=_text(operation, "description"),
            deprecated=operation.get("deprecated") is True,
            parameters=parameters,
            body=body,
            response=response,
            stream_response=stream,
            stream_switch=switch,
            error_responses=errors,
            headers=config.headers,
            pagination=pagination,
            tags=tags,
        )

    def _body(self, raw: Any, ptr: str, hint: str) -> ir.RequestBody | None:
        if raw is None:
            return None
        body, body_ptr = self.deref(raw, ptr)
        content = body.get("content") if isinstance(body, dict) else None
        if not isinstance(content, dict) or not content:
            return None
        order = {"json": 0, "multipart": 1, "form": 2, "text": 3, "binary": 4, "stream": 5}
        positions = {ct: index for index, ct in enumerate(content)}
        content_type = min(content, key=lambda ct: (order[_media_kind(str(ct))], positions[ct]))
        media = content[content_type] if isinstance(content[content_type], dict) else {}
        schema_ptr = join_pointer(body_ptr, "content", str(content_type), "schema")
        kind = _media_kind(str(content_type))
        encoding = {"json": "json", "multipart": "multipart", "form": "form", "text": "text"}.get(kind, "binary")
        schema = media.get("schema")
        expr: ir.TypeExpr = ir.BinaryType() if encoding == "binary" and schema is None else self.schemas.type_of(schema, schema_ptr, hint + "Body")
        fields = None
        target = expr
        if isinstance(target, ir.DefRef):
            self.schemas.fill(target.id)
            definition = self.schemas.definitions[target.id]
            if isinstance(definition, ir.ObjectDef) and encoding in ("json", "multipart", "form"):
                fields = body_fields(definition)
        examples = examples_of(media)
        if isinstance(media.get("examples"), dict):
            examples += [e.get("value") for e in media["examples"].values() if isinstance(e, dict) and "value" in e]
        return ir.RequestBody(
            content_type=str(content_type),
            encoding=encoding,  # type: ignore[arg-type]
            type=expr,
            required=body.get("required") is True,
            description=_text(body, "description"),
            fields=fields,
            pointer=body_ptr,
            examples=examples,
        )

    def _stream_switch(self, body: ir.RequestBody | None) -> ir.StreamSwitch | None:
        """The body field that asks for the event stream: `stream: true` (OpenAI's style), else a
        `stream...` field one of whose values is "sse" (`stream_format: sse`)."""
        fields = body.fields if body is not None and body.fields is not None else []
        for prop in fields:
            if prop.wire_name == "stream" and ir.without_null(prop.type)[0] in (ir.Primitive("boolean"), ir.LiteralType((True,))):
                return ir.StreamSwitch("stream", True)
        for prop in fields:
            if prop.wire_name.startswith("stream") and "sse" in self._literal_values(ir.without_null(prop.type)[0]):
                return ir.StreamSwitch(prop.wire_name, "sse")
        return None

    def _literal_values(self, expr: ir.TypeExpr) -> tuple[object, ...]:
        if isinstance(expr, ir.LiteralType):
            return expr.values
        if isinstance(expr, ir.DefRef):
            definition = self.schemas.definitions.get(expr.id)
            if isinstance(definition, ir.EnumDef):
                return definition.values
        return ()

    def _response(self, status: str, raw: Any, ptr: str, hint: str) -> tuple[ir.Response, ir.Response | None]:
        response, response_ptr = self.deref(raw, ptr)
        description = _text(response, "description")
        content = response.get("content") if isinstance(response, dict) else None
        if not isinstance(content, dict) or not content:
            return ir.Response(status, "empty", None, description=description), None
        by_kind: dict[str, str] = {}
        for content_type in content:
            by_kind.setdefault(_media_kind(str(content_type)), str(content_type))
        built: dict[str, ir.Response] = {}
        for kind in ("json", "stream", "text", "binary", "multipart", "form"):
            if kind not in by_kind:
                continue
            content_type = by_kind[kind]
            media = content[content_type] if isinstance(content[content_type], dict) else {}
            schema_ptr = join_pointer(response_ptr, "content", content_type, "schema")
            suffix = "Event" if kind == "stream" else "Response"
            if kind in ("json", "stream"):
                expr: ir.TypeExpr | None = self.schemas.type_of(media.get("schema"), schema_ptr, hint + suffix)
            elif kind == "text":
                expr = ir.Primitive("string")
            else:
                expr = ir.BinaryType()
            out_kind = kind if kind in ("json", "stream", "text") else "binary"
            examples = examples_of(media)
            if isinstance(media.get("examples"), dict):
                examples += [e.get("value") for e in media["examples"].values() if isinstance(e, dict) and "value" in e]
            built[kind] = ir.Response(status, out_kind, expr, content_type, description, examples)
        # An event stream beside another representation is the alternative a request asks for (see
        # `_stream_switch`); the other one is what the method returns by default.
        main = next((r for kind, r in built.items() if kind != "stream"), built.get("stream"))
        assert main is not None
        stream = built.get("stream") if main.kind != "stream" else None
        return main, stream

    def _responses(self, raw: Any, ptr: str, hint: str) -> tuple[ir.Response, ir.Response | None, list[ir.Response]]:
        if not isinstance(raw, dict):
            return ir.Response("200", "empty", None), None, []
        codes = [str(code) for code in raw]
        success = sorted(c for c in codes if c.startswith("2"))
        if not success and "default" in codes and not any(c[:1] in "45" for c in codes):
            # Only a `default` response: it is what the operation returns.
            main, stream = self._response("default", raw["default"], join_pointer(ptr, "default"), hint)
            return main, stream, []
        errors = [self._response(c, raw[self._key(raw, c)], join_pointer(ptr, c), hint + "Error")[0] for c in codes if c[:1] in "45" or c == "default"]
        if not success:
            return ir.Response("200", "empty", None), None, errors
        candidates = [self._response(c, raw[self._key(raw, c)], join_pointer(ptr, c), hint) for c in success]
        with_content = [c for c in candidates if c[0].kind != "empty"]
        if not with_content:
            return candidates[0][0], None, errors
        main, stream = with_content[0]
        others = [c[0] for c in with_content[1:] if c[0].kind == main.kind and c[0].type != main.type]
        if main.type is not None and main.kind == "json":
            variants = [main.type] + [o.type for o in others if o.type is not None]
            if len(with_content) < len(candidates):  # a success with no body (204) returns None
                variants.append(ir.NullType())
            main = ir.Response(main.status, main.kind, union(variants), main.content_type, main.description, main.examples)
        return main, stream, errors

    @staticmethod
    def _key(raw: dict[Any, Any], code: str) -> Any:
        """YAML may read a status code as an int key."""
        return code if code in raw else int(code) if code.isdigit() and int(code) in raw else code

    # ---- pagination ---------------------------------------------------------------------------

    def _pagination(
        self,
        config: OperationConfig,
        method: str,
        parameters: list[ir.Parameter],
        response: ir.Response,
        op_ptr: str,
    ) -> ir.Pagination | None:
        if config.pagination is False or response.kind != "json" or not isinstance(response.type, ir.DefRef):
            return None
        explicit = isinstance(config.pagination, PaginationConfig)
        settings = config.pagination if isinstance(config.pagination, PaginationConfig) else PaginationConfig()
        if not explicit and method != "get":
            return None
        self.schemas.fill(response.type.id)
        page = self.schemas.definitions[response.type.id]
        props = {p.wire_name: p for p in page.properties} if isinstance(page, ir.ObjectDef) else {}
        items = props.get(settings.items)
        item_type = items.type if items is not None else None
        if item_type is not None:  # a nullable list is a list
            item_type = ir.without_null(item_type)[0]
        problems = []
        if not isinstance(item_type, ir.ArrayType):
            problems.append(f"no array property {settings.items!r} in the response")
        if settings.has_more not in props:
            problems.append(f"no property {settings.has_more!r} in the response")
        if not any(p.location == "query" and p.wire_name == settings.cursor_param for p in parameters):
            problems.append(f"no query parameter {settings.cursor_param!r}")
        if settings.cursor_field is not None and settings.cursor_field not in props:
            problems.append(f"no property {settings.cursor_field!r} in the response")
        if problems:
            if explicit:
                raise self.spec.error("pagination does not fit this operation: " + "; ".join(problems), join_pointer(op_ptr, "x-sdkgen", "pagination"))
            return None
        assert isinstance(item_type, ir.ArrayType)
        if settings.cursor_field is None and not explicit and not self._items_have_id(item_type.items):
            return None
        return ir.Pagination(settings.items, settings.has_more, settings.cursor_param, settings.cursor_field, item_type.items)

    def _items_have_id(self, item: ir.TypeExpr) -> bool:
        variants = item.variants if isinstance(item, ir.UnionType) else (item,)
        for variant in variants:
            if not isinstance(variant, ir.DefRef):
                return False
            self.schemas.fill(variant.id)
            definition = self.schemas.definitions[variant.id]
            if not isinstance(definition, ir.ObjectDef) or not any(p.wire_name == "id" for p in definition.properties):
                return False
        return True


def body_fields(definition: ir.ObjectDef) -> list[ir.Property]:
    """The keyword arguments an object body becomes: its properties a request may send."""
    return [p for p in definition.properties if not p.read_only]


def with_body_fields(op: ir.Operation, definitions: dict[str, ir.Definition]) -> ir.Operation:
    """`op` with its body's fields taken again from its definition, once the definitions are final
    (discriminator tags are narrowed after the operations are built)."""
    body = op.body
    if body is None or body.fields is None or not isinstance(body.type, ir.DefRef):
        return op
    definition = definitions[body.type.id]
    assert isinstance(definition, ir.ObjectDef)
    return replace(op, body=replace(body, fields=body_fields(definition)))
