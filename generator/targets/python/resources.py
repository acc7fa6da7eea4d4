"""IR resources -> the Python view of the resource modules: classes, methods, arguments, imports."""

from __future__ import annotations

import keyword
from typing import TYPE_CHECKING, Iterator

from ...ir import model as ir
from ...ir.naming import Claim, resolve
from .annotate import Annotator
from .identifiers import public_identifier, snake_identifier, with_trailing_underscore
from .layout import import_from
from .support import RESOURCE_BASICS, describe, import_lines, is_binary, raw_body_annotation, runtime_import_lines
from .text import docstring, py_literal, py_str
from .views import ArgumentView, ChildView, MethodView, OverloadView, ResourceNames, ResourceView

if TYPE_CHECKING:
    from .lower import Lowering

# Names a method body refers to: a keyword argument may not take them.
ARGUMENT_RESERVED = frozenset(keyword.kwlist) | frozenset(
    """self cast extra_headers extra_query extra_body timeout max_retries str int float bool object
    bytes datetime builtins httpx omit not_given typing typing_extensions isinstance""".split()
)
OPTIONS_ARGUMENTS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries")


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
        self.python = lowering.names
        segments = self.python.segments
        nodes = list(self._walk(self.api.root))
        modules = resolve(
            [Claim("/".join(segments[n.path]), (_module_stem(segments[n.path]),)) for n in nodes if n.path],
            fold=str.lower,
            avoid=lambda name: keyword.iskeyword(name),
        )
        self.modules = {n.path: modules.get("/".join(segments[n.path]), "") for n in nodes}
        self.param_names = {name for name in self.python.params.values() if name}

    def _walk(self, node: ir.Resource) -> Iterator[ir.Resource]:
        """Every resource, children in the order of their segments (as the namer saw them)."""
        yield node
        for child in self._children(node):
            yield from self._walk(child)

    def _children(self, node: ir.Resource) -> list[ir.Resource]:
        return sorted(node.children, key=lambda c: self.python.segments[c.path][-1])

    def access(self, node: ir.Resource) -> str:
        """The attribute path from the client: "beta.stores.orders"."""
        return ".".join(self.python.attributes[node.path[:depth]] for depth in range(1, len(node.path) + 1))

    def names(self, node: ir.Resource) -> ResourceNames:
        stem = self.python.class_stems[node.path]
        return ResourceNames(
            f"{stem}Resource", f"Async{stem}Resource", f"{stem}ResourceWithRawResponse", f"Async{stem}ResourceWithRawResponse",
            f"{stem}ResourceWithStreamingResponse", f"Async{stem}ResourceWithStreamingResponse",
        )

    def nodes(self) -> list[ir.Resource]:
        """Every resource, in the order of `all`."""
        return list(self._walk(self.api.root))

    def all(self) -> list[ResourceView]:
        return [self.resource(node) for node in self.nodes()]

    def resource(self, node: ir.Resource) -> ResourceView:
        used: set[str] = set()
        types_used: set[str] = set()
        runtime: set[str] = set()
        methods = [self.method(op, used, types_used, runtime) for op in node.operations]
        methods.sort(key=lambda m: m.name)
        children = [ChildView(self.python.attributes[c.path], self.modules[c.path], self.names(c)) for c in self._children(node)]
        # A resource with no operations of its own (only sub-resources) uses none of the call names.
        call_names = {"Optional", "Union", "cast"} if methods else set()
        imports = import_lines((used - {"FileTypes"}) | call_names, "..")
        if "FileTypes" in used:
            runtime.add("FileTypes")
        child_imports = [
            import_from(f".{c.module}", c.classes.imported(), depth=1)
            for c in sorted(children, key=lambda c: c.module)
        ]
        if child_imports:
            imports = import_lines((used - {"FileTypes"}) | call_names | {"TYPE_CHECKING"}, "..")
        basics = RESOURCE_BASICS if methods else {"SyncAPIResource", "AsyncAPIResource"}
        return ResourceView(
            path=node.path,
            module=self.modules[node.path],
            access=self.access(node),
            names=self.names(node),
            doc=[],
            children=children,
            methods=methods,
            # The types' lines come after these (`lower`: where each type lives is known then).
            imports=["from functools import cached_property", *imports, "", *runtime_import_lines(runtime | basics)],
            child_imports=child_imports,
            type_names=sorted(types_used, key=lambda n: (n.lower(), n)),
        )

    def method(self, op: ir.Operation, used: set[str], types_used: set[str], runtime: set[str]) -> MethodView:
        files = op.body is not None and op.body.encoding == "multipart"
        annotate = self.lowering.annotator("param", files=files)
        model_annotate = self.lowering.annotator("model")
        entries: list[tuple[int, str, str, ir.TypeExpr, bool, str]] = []  # (priority, key, wire, type, required, location)
        sources: list[ir.Parameter | ir.Property | ir.RequestBody] = []  # the IR node of each entry
        for index, param in enumerate(op.parameters):
            priority = {"path": 0, "query": 2, "header": 3}.get(param.location, 4)
            entries.append((priority, f"{param.location}:{param.wire_name}", param.wire_name, param.type, param.required, param.location))
            sources.append(param)
        whole_body = None
        if op.body is not None:
            if op.body.fields is not None:
                for prop in op.body.fields:
                    location = "file" if op.body.encoding == "multipart" and is_binary(prop.type) else "body"
                    entries.append((1, f"body:{prop.wire_name}", prop.wire_name, prop.type, prop.required, location))
                    sources.append(prop)
            else:
                entries.append((1, "whole_body", "body", op.body.type, op.body.required, "whole_body"))
                sources.append(op.body)
        claims = []
        for priority, key, wire, _, _, location in entries:
            name = with_trailing_underscore(snake_identifier(wire), ARGUMENT_RESERVED)
            # By location (path first), and within one, a wire name that is the identifier already.
            claims.append(Claim(key, (name, f"{location}_{snake_identifier(wire)}"), 2 * priority + (name != wire)))
        names = resolve(claims, reserved=ARGUMENT_RESERVED | set(OPTIONS_ARGUMENTS), avoid=lambda n: n.startswith("_"))
        arguments: list[ArgumentView] = []
        for (priority, key, wire, expr, required, location), source in zip(entries, sources):
            raw = raw_body_annotation(op.body) if location == "whole_body" and op.body is not None else None
            if raw is not None:
                annotation = raw
                annotate.used.add("Union")
            else:
                annotation = annotate(expr)
            value_annotation = annotation
            default = None
            if not required:
                annotate.used.add("Union")
                runtime.update({"Omit", "omit"})
                annotation = f"Union[{annotation}, Omit]"
                default = "omit"
            arguments.append(ArgumentView(names[key], py_str(wire), annotation, default, location, source, value_annotation))
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
            name=self.python.methods[op.id],
            doc=docstring(describe(doc_text, op.deprecated), 8),
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
            operation=op,
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
        """Overloads, as well-known SDKs have them: the switch field's value picks the return type.

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
        nullable = ir.is_nullable(prop.type)
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


def _method_doc(summary: str | None, description: str | None) -> str | None:
    """Summary and description, without saying the same thing twice."""
    if summary and description and description.strip().startswith(summary.strip()):
        return description
    parts = [t for t in (summary, description) if t]
    return "\n\n".join(parts) if parts else None
