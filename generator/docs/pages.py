"""Stage 5b: the Markdown API reference: `docs/index.md` and one page per operation.

Everything a page prints is decided here, from the IR (descriptions, types, examples) and the Python
view (names, annotations, the call signature). Spec text is escaped by `docs_text` before it reaches a
template; the templates only lay the pages out and never see spec text as template source.
"""

from __future__ import annotations

import hashlib
import keyword
import re
from dataclasses import dataclass, field
from typing import Union

import jinja2

from ..ir import model as ir
from .text import (
    code_block,
    code_cell,
    code_span,
    first_sentence,
    json_text,
    link_target,
    md_cell,
    md_heading,
    md_inline,
    md_link_text,
    md_prose,
    one_line,
)
from .tree import Row, TreeBuilder, TreeCache
from .examples import (
    FILE_BYTES,
    Example,
    ExampleBuilder,
    env_name,
    fill_path,
    for_json,
    json_safe,
    py_value,
    form_pairs,
    query_pairs,
    query_string,
    shell_quote,
    wire_text,
)
from ..ir.naming import snake
from ..targets.python.identifiers import PYTHON_BUILTINS
from ..targets.python.lower import ArgumentView, MethodView, PythonView, ResourceView
from ..targets.python.text import py_str

WIDTH = 88  # Python examples and signatures wrap at black's width
OPTIONAL_EXAMPLE_ARGS = 2  # optional arguments an example request shows, besides the required ones

Source = Union[ir.Parameter, ir.Property, ir.RequestBody]


@dataclass
class Argument:
    """A method argument with what the spec says about it."""

    view: ArgumentView
    wire: str
    location: str  # path, query, header, body, file, whole_body
    required: bool
    source: Source


@dataclass
class OperationPage:
    file: str  # path under the output folder
    link: str  # link from the index
    title: str
    http: str
    deprecated: bool
    description: list[str]
    signature: list[str]
    params_intro: list[str]
    params: list[Row]
    returns_intro: list[str]
    returns: list[Row]
    returns_after: list[str]
    python_example: list[str]
    curl_example: list[str]
    response_intro: list[str]
    response_example: list[str]
    index_summary: str = ""
    method_cell: str = ""
    http_cell: str = ""


@dataclass
class IndexSection:
    heading: str
    pages: list[OperationPage] = field(default_factory=list)


# ---- entry point ----------------------------------------------------------------------------------


def render_docs(api: ir.Api, view: PythonView, env: jinja2.Environment, md_header: str) -> dict[str, str]:
    """Every docs file: `docs/index.md` and `docs/<resource>.<method>.md` per operation."""
    operations = {op.id: op for op in api.operations}
    files: dict[str, str] = {}
    taken: set[str] = set()
    sections: list[IndexSection] = []
    page_template = env.get_template("docs/operation.md.j2")
    api_title = md_link_text(api.title) or "API reference"
    caches = {"request": TreeCache(view.definitions, view.names, "request"), "response": TreeCache(view.definitions, view.names, "response")}
    for resource in view.resources:
        attribute = resource.access  # `client.<attribute>`
        section = IndexSection(code_span(attribute))
        segments = ".".join(view.names.segments[resource.path])
        for method in resource.methods:
            op = operations[method.op_id]
            file = _file_name(f"{segments}.{method.name}", taken)
            call = f"client.{attribute}.{method.name}"
            page = PageBuilder(api, view, resource, method, op, file, caches, call).build()
            section.pages.append(page)
            files[f"docs/{file}"] = page_template.render(page=page, md_header=md_header, api_title=api_title)
        if section.pages:
            sections.append(section)
    files["docs/index.md"] = env.get_template("docs/index.md.j2").render(
        md_header=md_header,
        title=md_heading(api.title) or "API reference",
        version=code_span(api.version) if api.version else "",
        description=md_prose(api.description),
        sections=sections,
    )
    return files


MAX_STEM_BYTES = 120  # file systems allow 255 bytes a name; resource and method names have no limit


def _file_name(stem: str, taken: set[str]) -> str:
    """`stem.md`, unique even on a case-insensitive file system, and short enough for any."""
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:12]
        stem = stem.encode("utf-8")[: MAX_STEM_BYTES - 13].decode("utf-8", "ignore") + "-" + digest
    name = f"{stem}.md"
    number = 2
    while name.casefold() in taken:
        name = f"{stem}-{number}.md"
        number += 1
    taken.add(name.casefold())
    return name


# ---- one operation --------------------------------------------------------------------------------


class PageBuilder:
    def __init__(
        self,
        api: ir.Api,
        view: PythonView,
        resource: ResourceView,
        method: MethodView,
        op: ir.Operation,
        file: str,
        caches: dict[str, TreeCache],
        call: str,
    ):
        self.api = api
        self.view = view
        self.caches = caches
        self.resource = resource
        self.method = method
        self.op = op
        self.file = file
        self.definitions = api.definitions
        self.call = call  # `client.beta.chatkit.sessions.create`
        self.arguments = self._arguments()
        self.example_arguments = self._example_arguments()  # the same values in Python and in curl

    def build(self) -> OperationPage:
        op = self.op
        heading = first_sentence(op.summary, 120)
        if heading.endswith(".") and not heading.endswith(".."):
            heading = heading[:-1]  # a title, not a sentence
        title = md_heading(heading)
        if not title:
            title = code_span(self.call.removeprefix("client."))
        text = op.description or op.summary
        description = md_prose(text) if text and one_line(text) != first_sentence(op.summary, 120) else []
        params_intro, params = self._params()
        returns_intro, returns, returns_after = self._returns()
        response_intro, response_example = self._response_example()
        summary = first_sentence(op.summary or op.description)
        return OperationPage(
            file=f"docs/{self.file}",
            link=link_target(self.file),
            title=title,
            http=code_span(f"{op.http_method.upper()} {op.path}"),
            deprecated=op.deprecated,
            description=description,
            signature=self._signature(),
            params_intro=params_intro,
            params=params,
            returns_intro=returns_intro,
            returns=returns,
            returns_after=returns_after,
            python_example=self._python_example(),
            curl_example=self._curl_example(),
            response_intro=response_intro,
            response_example=response_example,
            index_summary=md_cell(summary) if summary else "",
            method_cell=f"[{code_cell(self.method.name)}]({link_target(self.file)})",
            http_cell=code_cell(f"{op.http_method.upper()} {op.path}"),
        )

    # ---- arguments ----------------------------------------------------------------------------

    def _arguments(self) -> list[Argument]:
        """The method's arguments in signature order, each with its parameter or body field."""
        op = self.op
        sources: dict[tuple[str, str], tuple[str, bool, Source]] = {}
        for param in op.parameters:
            sources[(param.location, py_str(param.wire_name))] = (param.wire_name, param.required, param)
        if op.body is not None:
            if op.body.fields is not None:
                for prop in op.body.fields:
                    for location in ("body", "file"):
                        sources[(location, py_str(prop.wire_name))] = (prop.wire_name, prop.required, prop)
            else:
                sources[("whole_body", py_str("body"))] = ("body", op.body.required, op.body)
        found = []
        for arg in [*self.method.positional, *self.method.keyword_args]:
            source = sources.get((arg.location, arg.wire))
            if source is not None:
                wire, required, item = source
                found.append(Argument(arg, wire, arg.location, required, item))
        return found

    def _signature(self) -> list[str]:
        method = self.method
        parts = [f"{a.name}: {a.annotation}" for a in method.positional]
        if method.keyword_args:
            parts.append("*")
        parts += [
            f"{a.name}: {a.annotation}" + (f" = {a.default}" if a.default is not None else "")
            for a in method.keyword_args
        ]
        returns = f") -> {method.return_annotation}"
        flat = f"{self.call}(" + ", ".join(parts) + returns
        if len(flat) <= WIDTH:
            return code_block(flat, "python")
        return code_block(f"{self.call}(\n" + "".join(f"    {p},\n" for p in parts) + returns, "python")

    # ---- parameters ---------------------------------------------------------------------------

    def _params(self) -> tuple[list[str], list[Row]]:
        if not self.arguments:
            return ["This method takes no parameters."], []
        tree = TreeBuilder(self.caches["request"])
        for arg in self.arguments:
            annotation = _strip_omit(arg.view.annotation)
            notes: list[str] = []
            where = {"path": "in the path", "query": "in the query", "header": "a header"}.get(arg.location)
            if where is not None:
                notes.append(where if arg.wire == arg.view.name else f"{where} as {code_span(arg.wire)}")
            elif arg.wire != arg.view.name and arg.location != "whole_body":
                notes.append(f"sent as {code_span(arg.wire)}")
            source = arg.source
            if isinstance(source, ir.RequestBody):
                tree.node(0, arg.view.name, annotation, source.type, required=arg.required,
                          description=source.description or _body_note(source), notes=tuple(notes))
                continue
            tree.node(
                0,
                arg.view.name,
                annotation,
                source.type,
                required=arg.required,
                description=source.description,
                deprecated=source.deprecated,
                constraints=source.constraints,
                default=source.default,
                notes=tuple(notes),
            )
        return [], tree.rows

    # ---- returns ------------------------------------------------------------------------------

    def _returns(self) -> tuple[list[str], list[Row], list[str]]:
        op, method = self.op, self.method
        response = op.response
        tree = TreeBuilder(self.caches["response"])
        intro: list[str] = []
        if op.pagination is not None and method.page_item is not None:
            intro.append(
                f"A page of {code_span(method.page_item)} items ({code_span(method.return_annotation)}). "
                "Iterate over it to get every item: further pages are fetched as the loop needs them."
            )
            description = tree.type_description(op.pagination.item_type)
            if description:
                intro += [""] + md_prose(description)
            tree.describe(op.pagination.item_type, 0, frozenset(), intro)
        elif response.kind == "empty" or response.type is None:
            intro.append("Nothing (`None`).")
        elif response.kind == "binary":
            intro.append(
                "The response body as it is (`BinaryResponse`): read `.content` (bytes) or `.text`, "
                "iterate `.iter_bytes()`, or save it with `.write_to_file(path)`."
            )
        elif response.kind == "text":
            intro.append("The response body as text (`str`).")
        else:
            if response.kind == "stream":
                intro.append(f"A stream of server-sent events ({code_span(method.return_annotation)}). Iterate over it to get each event:")
            else:
                intro.append(code_span(tree.annotation(response.type)))
            description = tree.type_description(response.type)
            if description:
                intro += [""] + md_prose(description)
            tree.describe(response.type, 0, frozenset(), intro)
        after: list[str] = []
        switch = op.stream_switch
        if switch is not None and op.stream_response is not None and op.stream_response.type is not None:
            event = code_span(f"Stream[{tree.annotation(op.stream_response.type)}]")
            name = next((a.view.name for a in self.arguments if a.location in ("body", "file") and a.wire == switch.wire_name), switch.wire_name)
            value = "True" if switch.value is True else py_str(str(switch.value))
            after = [f"With {code_span(f'{name}={value}')}, the method returns a stream of server-sent events instead ({event})."]
        return intro, tree.rows, after

    # ---- example request ----------------------------------------------------------------------

    def _example_arguments(self) -> list[tuple[Argument, Example]]:
        """The arguments an example call passes, with their values: every required one, a few others."""
        op = self.op
        multipart = op.body is not None and op.body.encoding == "multipart"
        builder = ExampleBuilder(self.definitions, "request", files=multipart)
        body_examples = op.body.examples if op.body is not None else []
        body_example = json_safe(body_examples[0]) if body_examples else None
        # Optional arguments an example leaves out: the page cursor, and the field that switches to a
        # stream (the example shows the default response).
        skip = {("query", op.pagination.cursor_param)} if op.pagination is not None else set()
        if op.stream_switch is not None:
            skip |= {("body", op.stream_switch.wire_name), ("file", op.stream_switch.wire_name)}
        chosen: list[tuple[Argument, Example]] = []
        optional_left = OPTIONAL_EXAMPLE_ARGS
        for arg in self.arguments:
            source = arg.source
            if isinstance(source, ir.RequestBody):
                if source.encoding == "binary":
                    chosen.append((arg, FILE_BYTES))
                elif body_examples:
                    chosen.append((arg, body_example))
                elif arg.required or optional_left > 0:
                    optional_left -= 0 if arg.required else 1
                    chosen.append((arg, builder.value(source.type)))
                continue
            if arg.location in ("body", "file") and isinstance(body_example, dict):
                if arg.wire in body_example:
                    chosen.append((arg, body_example[arg.wire]))
                elif arg.required:
                    chosen.append((arg, _value(builder, source)))
                continue
            if arg.required:
                chosen.append((arg, _value(builder, source)))
            elif optional_left > 0 and (arg.location, arg.wire) not in skip:
                optional_left -= 1
                chosen.append((arg, _value(builder, source)))
        return chosen

    def _python_example(self) -> list[str]:
        method = self.method
        args = self.example_arguments
        call_parts = [
            py_value(value, 4, WIDTH) if arg.view in method.positional else f"{arg.view.name}={py_value(value, 4, WIDTH)}"
            for arg, value in args
        ]
        lines = [f"from {self.view.package_name} import Client", "", "client = Client()", ""]
        flat = f"{self.call}(" + ", ".join(call_parts) + ")"
        response = self.op.response
        if method.pagination is not None:
            target = _variable(method.page_item, "item")
            prefix, suffix = f"for {target} in ", ":"
            after = [f"    print({target})"]
        elif response.kind == "stream":
            prefix, suffix, after = "for event in ", ":", ["    print(event)"]
        elif response.kind == "empty" or response.type is None:
            prefix, suffix, after = "", "", []
        elif response.kind == "binary":
            prefix, suffix, after = "response = ", "", ['response.write_to_file("output")']
        elif response.kind == "text":
            prefix, suffix, after = "text = ", "", ["print(text)"]
        else:
            target = _variable(self.caches["response"].annotation(response.type), "result")
            prefix, suffix, after = f"{target} = ", "", [f"print({target})"]
        if len(prefix) + len(flat) + len(suffix) <= WIDTH and "\n" not in flat:
            lines.append(prefix + flat + suffix)
        else:
            lines.append(f"{prefix}{self.call}(")
            lines += [f"    {part}," for part in call_parts]
            lines.append(")" + suffix)
        lines += after
        return code_block("\n".join(lines), "python")

    def _curl_example(self) -> list[str]:
        api, op = self.api, self.op
        args = self.example_arguments
        path_values = {a.wire: v for a, v in args if a.location == "path"}
        query = [
            pair
            for a, v in args
            if a.location == "query"
            for pair in query_pairs(a.wire, v, a.source.style if isinstance(a.source, ir.Parameter) else None)
        ]
        base = (api.base_url or "").rstrip("/")
        base_env = env_name(api.base_url_env, "BASE_URL")
        key_env = env_name(api.api_key_env, "API_KEY")
        url = fill_path(op.path, path_values)
        query_text = query_string(query)
        if query_text:
            url += "?" + query_text
        auth = api.auth
        url_word = shell_quote(base + url) if base else f'"${base_env}"' + shell_quote(url)
        if auth.kind == "query" and auth.name:
            url_word += shell_quote(("&" if query_text else "?") + query_string([(auth.name, "")])) + f'"${key_env}"'
        first = "curl" + (f" -X {op.http_method.upper()}" if op.http_method.lower() != "get" else "") + f" {url_word}"
        options: list[str] = []
        if auth.kind == "bearer":
            options.append(f'-H "Authorization: Bearer ${key_env}"')
        elif auth.kind == "basic":
            options.append(f'-u "${key_env}"')
        elif auth.kind == "header" and auth.name:
            if re.fullmatch(r"[A-Za-z0-9_.-]+", auth.name):
                options.append(f'-H "{auth.name}: ${key_env}"')
            else:
                options.append("-H " + shell_quote(f"{one_line(auth.name)}: ") + f'"${key_env}"')
        for header, text in [*api.headers.items(), *op.headers.items()]:
            options.append("-H " + shell_quote(f"{one_line(header)}: {one_line(text)}"))
        for arg, value in args:
            if arg.location == "header":
                options.append("-H " + shell_quote(f"{one_line(arg.wire)}: {one_line(_text(value))}"))
        options += self._curl_body(args)
        return code_block(" \\\n  ".join([first, *options]), "sh")

    def _curl_body(self, args: list[tuple[Argument, Example]]) -> list[str]:
        body = self.op.body
        if body is None:
            return []
        content_type = one_line(body.content_type)
        fields = [(a, v) for a, v in args if a.location in ("body", "file")]
        whole = [v for a, v in args if a.location == "whole_body"]
        if body.encoding == "json":
            value: object = for_json(whole[0]) if whole else {a.wire: for_json(v) for a, v in fields}
            if not whole and not fields and not body.required:
                return []
            return ["-H " + shell_quote(f"Content-Type: {content_type}"), "-d " + shell_quote(json_text(value))]
        if body.encoding in ("multipart", "form"):
            option = "-F " if body.encoding == "multipart" else "--data-urlencode "
            return [option + shell_quote(f"{name}={text}") for a, v in fields for name, text in form_pairs(a.wire, v)]
        out = ["-H " + shell_quote(f"Content-Type: {content_type}")]
        if body.encoding == "text" and whole and isinstance(whole[0], str):
            return out + ["--data-binary " + shell_quote(whole[0])]
        return out + ["--data-binary @path/to/file"]

    # ---- example response ---------------------------------------------------------------------

    def _response_example(self) -> tuple[list[str], list[str]]:
        response = self.op.response
        status = code_span(response.status)
        heading = f"{status}: {md_inline(response.description)}" if response.description else status
        if response.kind == "empty" or response.type is None:
            return [heading, "", "The response has no body."], []
        if response.kind == "binary":
            kind = code_span(response.content_type) if response.content_type else "binary data"
            return [heading, "", f"The response body is {kind}."], []
        if response.kind == "text":
            example = response.examples[0] if response.examples else "string"
            return [heading], code_block(example if isinstance(example, str) else json_text(json_safe(example)), "text")
        builder = ExampleBuilder(self.definitions, "response")
        if response.examples:
            value: Example = json_safe(response.examples[0])
        else:
            value = builder.value(response.type)
        intro = [heading]
        if response.kind == "stream":
            intro += ["", "Each event's data:"]
        return intro, code_block(json_text(for_json(value)), "json")


# ---- helpers --------------------------------------------------------------------------------------


def _strip_omit(annotation: str) -> str:
    """`X` from an optional argument's `Union[X, Omit]`."""
    if annotation.startswith("Union[") and annotation.endswith(", Omit]"):
        return annotation[len("Union[") : -len(", Omit]")]
    return annotation


def _body_note(body: ir.RequestBody) -> str | None:
    if body.encoding in ("binary", "text"):
        return f"The request body, sent as {body.content_type}."
    return None


def _value(builder: ExampleBuilder, source: Source) -> Example:
    if isinstance(source, ir.Parameter):
        return builder.for_parameter(source)
    if isinstance(source, ir.Property):
        return builder.for_property(source)
    return builder.value(source.type)


def _text(value: Example) -> str:
    """A value as a header."""
    return wire_text(value)


def _variable(annotation: str | None, fallback: str) -> str:
    """A variable name for a value of this type: `ChatSession` -> `chat_session`."""
    if not annotation or not annotation.isidentifier():
        return fallback
    name = snake(annotation)
    if not name.isidentifier() or keyword.iskeyword(name) or name in PYTHON_BUILTINS or name in ("client", "response", "event"):
        return fallback
    return name


__all__ = ["render_docs"]
