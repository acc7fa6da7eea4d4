"""Stage 5b: the Markdown API reference: `docs/index.md` and one page per operation.

Everything a page prints is decided here, from the IR (descriptions, types, examples, wire names) and
the target's docs view (`view.py`: the SDK's names, types, signature and example code). Spec text is
escaped by `text.py` before it reaches a template; the templates only lay the pages out and never see
spec text as template source.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import partial

import jinja2

from ..ir import model as ir
from ..ir.naming import words
from ..memo import Memo
from .curl import curl_example
from .examples import FILE_BYTES, Example, ExampleBuilder, for_json, json_safe
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
from .page_memo import PageMemo, PageText
from .view import ArgumentDoc, DocsView, OperationDoc, Source

OPTIONAL_EXAMPLE_ARGS = 2  # optional arguments an example request shows, besides the required ones


@dataclass
class OperationPage:
    file: str  # path under the output folder
    link: str  # link from the index
    title: str
    http: str
    deprecated: bool
    description: list[str]
    signature: list[str]
    call_note: str
    params_intro: list[str]
    params: list[Row]
    returns_intro: list[str]
    returns: list[Row]
    returns_after: list[str]
    example_label: str
    code_example: list[str]
    curl_example: list[str]
    response_intro: list[str]
    response_example: list[str]
    index_summary: str = ""
    method_cell: str = ""
    http_cell: str = ""


@dataclass
class IndexSection:
    heading: str
    pages: list[PageText] = field(default_factory=list)


# ---- entry point ----------------------------------------------------------------------------------


def render_docs(
    api: ir.Api, view: DocsView, env: jinja2.Environment, md_header: str, folder: str = "docs", memo: Memo | None = None
) -> dict[str, str]:
    """Every docs file: `<folder>/index.md` and `<folder>/<page>.md` per operation, as the view names
    them. Links are relative, so they hold in any folder."""
    files: dict[str, str] = {}
    taken: set[str] = set()
    sections: list[IndexSection] = []
    page_template = env.get_template("docs/operation.md.j2")
    api_title = md_link_text(api.title) or "API reference"
    caches = {"request": TreeCache(api.definitions, "request", view), "response": TreeCache(api.definitions, "response", view)}
    remembered = PageMemo(api, view, memo or Memo.off(), md_header, api_title)

    def build(doc: OperationDoc, path: str) -> PageText:
        page = PageBuilder(api, view, doc, path, caches).build()
        text = page_template.render(page=page, md_header=md_header, api_title=api_title)
        return PageText(page.file, text, page.method_cell, page.http_cell, page.index_summary)

    for entry in view.sections():
        section = IndexSection(code_span(entry.heading))
        for doc in entry.operations:
            path = f"{folder}/{_file_name(doc.page, taken)}"
            page = remembered.page(doc, path, partial(build, doc, path))
            section.pages.append(page)
            files[page.file] = page.text
        if section.pages:
            sections.append(section)
    files[f"{folder}/index.md"] = env.get_template("docs/index.md.j2").render(
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


TITLE_LIMIT = 100
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_EMPHASIS = re.compile(r"\*\*|__")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)`][.!?])\s")


def page_heading(op: ir.Operation) -> str:
    """A page's title: the summary's first sentence as a title (links as their text, no emphasis,
    no final period). A summary whose first sentence is no title (too long, a question) gives way
    to the operationId's words (`createVectorStoreFile`: "Create vector store file"); the summary
    is then shown whole below the title."""
    line = one_line(_EMPHASIS.sub("", _LINK.sub(r"\1", op.summary or "")).strip().split("\n\n")[0])
    end = _SENTENCE_END.search(line)
    heading = line[: end.start()] if end else line
    if (len(heading) > TITLE_LIMIT or heading.endswith("?")) and op.operation_id:
        spoken = " ".join(words(op.operation_id)).lower()
        heading = spoken[:1].upper() + spoken[1:]
    elif len(heading) > TITLE_LIMIT:
        heading = first_sentence(heading, TITLE_LIMIT)
    if heading.endswith(".") and not heading.endswith(".."):
        heading = heading[:-1]  # a title, not a sentence
    return heading


class PageBuilder:
    def __init__(self, api: ir.Api, view: DocsView, doc: OperationDoc, path: str, caches: dict[str, TreeCache]):
        self.path = path  # under the output folder
        self.file = path.rsplit("/", 1)[-1]  # the page's file name, as the index links to it
        self.api = api
        self.view = view
        self.doc = doc
        self.op = doc.operation
        self.caches = caches
        self.definitions = api.definitions
        self.arguments = doc.arguments
        self.example_arguments = self._example_arguments()  # the same values in both examples

    def build(self) -> OperationPage:
        op, doc, view = self.op, self.doc, self.view
        heading = page_heading(op)
        title = md_heading(heading) or code_span(doc.title)
        text = op.description or op.summary
        cut = op.summary is not None and one_line(op.summary).rstrip(".") != heading
        if cut and op.summary and op.description and one_line(op.summary) not in one_line(op.description):
            text = f"{op.summary}\n\n{op.description}"  # a summary longer than its title is kept whole
        description = md_prose(text) if text and one_line(text) != first_sentence(op.summary, TITLE_LIMIT) else []
        params_intro, params = self._params()
        returns_intro, returns, returns_after = self._returns()
        response_intro, response_example = self._response_example()
        summary = first_sentence(op.summary or op.description)
        return OperationPage(
            file=self.path,
            link=link_target(self.file),
            title=title,
            http=code_span(f"{op.http_method.upper()} {op.path}"),
            deprecated=op.deprecated,
            description=description,
            signature=code_block(doc.signature, view.code_language),
            call_note=view.call_note,
            params_intro=params_intro,
            params=params,
            returns_intro=returns_intro,
            returns=returns,
            returns_after=returns_after,
            example_label=view.language,
            code_example=code_block(view.example_code(doc, self.example_arguments), view.code_language),
            curl_example=curl_example(self.api, op, self.example_arguments),
            response_intro=response_intro,
            response_example=response_example,
            index_summary=md_cell(summary) if summary else "",
            method_cell=f"[{code_cell(doc.method)}]({link_target(self.file)})",
            http_cell=code_cell(f"{op.http_method.upper()} {op.path}"),
        )

    # ---- parameters ---------------------------------------------------------------------------

    def _params(self) -> tuple[list[str], list[Row]]:
        if not self.arguments:
            return ["This method takes no parameters."], []
        tree = TreeBuilder(self.caches["request"])
        for arg in self.arguments:
            source = arg.source
            notes = _argument_notes(arg)
            if isinstance(source, ir.RequestBody):
                tree.node(0, arg.name, arg.type_text, source.type, required=arg.required,
                          description=source.description or _body_note(source), notes=notes)
                continue
            tree.node(
                0,
                arg.name,
                arg.type_text,
                source.type,
                required=arg.required,
                description=source.description,
                deprecated=source.deprecated,
                constraints=source.constraints,
                default=source.default,
                notes=notes,
            )
        return [], tree.rows

    # ---- returns ------------------------------------------------------------------------------

    def _returns(self) -> tuple[list[str], list[Row], list[str]]:
        op, doc, view = self.op, self.doc, self.view
        response = op.response
        tree = TreeBuilder(self.caches["response"])
        intro: list[str] = []
        described: ir.TypeExpr | None = None
        if op.pagination is not None and doc.page_item is not None:
            intro.append(f"A page of {code_span(doc.page_item)} items ({code_span(doc.result)}). {view.page_note}")
            described = op.pagination.item_type
        elif response.kind == "empty" or response.type is None:
            intro.append(view.no_result)
        elif response.kind == "binary":
            intro.append(view.binary_result)
        elif response.kind == "text":
            intro.append(view.text_result)
        else:
            if response.kind == "stream":
                intro.append(f"A stream of server-sent events ({code_span(doc.result)}). {view.stream_note}")
            else:
                intro.append(code_span(tree.annotation(response.type)))
            described = response.type
        if described is not None:
            description = tree.type_description(described)
            if description:
                intro += [""] + md_prose(description)
            tree.describe(described, 0, frozenset(), intro)
        after: list[str] = []
        if doc.stream_switch is not None and doc.stream_result is not None:
            after = [
                f"With {code_span(doc.stream_switch)}, the method returns a stream of server-sent events "
                f"instead ({code_span(doc.stream_result)})."
            ]
        return intro, tree.rows, after


    # ---- example request ----------------------------------------------------------------------

    def _example_arguments(self) -> list[tuple[ArgumentDoc, Example]]:
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
        chosen: list[tuple[ArgumentDoc, Example]] = []
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

_WHERE = {"path": "in the path", "query": "in the query", "header": "a header"}


def _argument_notes(arg: ArgumentDoc) -> tuple[str, ...]:
    """Where an argument goes, and its wire name when the SDK calls it something else."""
    where = _WHERE.get(arg.location)
    if where is not None:
        return (where if arg.wire == arg.name else f"{where} as {code_span(arg.wire)}",)
    if arg.wire != arg.name and arg.location != "whole_body":
        return (f"sent as {code_span(arg.wire)}",)
    return ()


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


__all__ = ["IndexSection", "OperationPage", "render_docs"]
