"""What the docs need from a target: the docs view, which links each IR node to what the target's SDK
makes of it.

The pages (`pages.py`) and trees (`tree.py`) are built from the IR (descriptions, types, examples,
wire names) and from a `DocsView` that a target supplies (`generator/targets/<name>/docs_view.py`).
The docs never guess a target's names from the IR: every name, type and piece of code a page prints
in the SDK's language comes from the view, and every string the view gives is final (code is code as
the language writes it, Markdown sentences are the target's own, trusted text).

A view answers, for one API:

- `sections()`: the index, in order: each section a group of methods (a resource) with, per method,
  an `OperationDoc`: its IR operation, the page's file stem, how a call is written, the signature, the
  arguments (each with its IR node), and the names of what it returns;
- `type_text(expr, side)`: an IR type as the SDK writes it, on the request or the response side;
- `property_name(owner, prop, side)`: what the SDK calls a property of the object definition `owner`
  (a model attribute, a dictionary key, a getter);
- `example_code(op, values)`: a call with these example values, as code in the SDK's language;
- `declaration(name, type_text)`, `property_declaration(owner, prop, side, name)`: how a tree's row
  names a parameter or property with its type (Markdown; Python `` `name`: `type` ``);
- `value_constants(values)`: the SDK's constants for an enum of these values, as code (None: the
  docs list the JSON values);
- and the language's label, its code-block info string, its fixed sentences (`call_note`,
  `no_result`, `binary_result`, `text_result`, `page_note`, `stream_note`, `one_of`: the words that
  open a list of alternatives), and the generated-file `notice` every page opens with (one line;
  the docs put it in an HTML comment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol, Sequence, Union

from ..ir import model as ir
from .examples import Example

Side = Literal["request", "response"]
Source = Union[ir.Parameter, ir.Property, ir.RequestBody]


@dataclass(frozen=True)
class ArgumentDoc:
    """One argument of a method, in signature order."""

    source: Source  # the IR parameter, body field or whole body it sends
    name: str  # as the SDK spells it
    type_text: str  # the type of a value, as the SDK writes it (an optional argument's too)
    location: str  # path, query, header, cookie, body, file (a multipart file field), whole_body
    positional: bool  # passed by position in a call (else by name)

    @property
    def wire(self) -> str:
        """The name on the wire (`body` for a whole body)."""
        return "body" if isinstance(self.source, ir.RequestBody) else self.source.wire_name

    @property
    def required(self) -> bool:
        return self.source.required


@dataclass(frozen=True)
class OperationDoc:
    """One method: what its page says in the SDK's language."""

    operation: ir.Operation
    page: str  # the page's file stem (`records.create`; the docs make it unique and short enough)
    method: str  # the method's name
    call: str  # how a call starts (`client.records.create`)
    title: str  # the page's title when the spec gives no summary (`records.create`)
    signature: str  # code
    arguments: list[ArgumentDoc]
    result: str  # the type the method returns
    page_item: str | None = None  # a paginated list's item type
    stream_switch: str | None = None  # the argument that asks for the event stream (`stream=True`)
    stream_result: str | None = None  # what the method returns then


@dataclass
class SectionDoc:
    """A group of methods on the index (a resource)."""

    heading: str  # plain text (`records`)
    operations: list[OperationDoc] = field(default_factory=list)


class DocsView(Protocol):
    """A target's answers for the docs of one API (see the module docstring)."""

    language: str  # the label of the example request ("Python")
    code_language: str  # the info string of its code blocks ("python")
    call_note: str  # Markdown under the signature (other clients, options every call takes)
    no_result: str  # Markdown: what a method returns for an empty response
    binary_result: str  # Markdown: what it returns for a binary response, and how to read it
    text_result: str  # Markdown: what it returns for a text response
    notice: str  # one line: which spec the files were generated from, and not to edit them
    one_of: str  # the words that open a list of alternatives, before the colon ("One of")
    page_note: str  # Markdown after "A page of X items (Page).": how to get every item
    stream_note: str  # Markdown after "A stream of server-sent events (Stream).": how to read them, ending in ":"

    def memo_scope(self) -> str | None:
        """The digest of everything the view reads for a page besides the page's operation, the
        definitions it reaches and the API's settings (the SDK's names, say), or None: its pages are
        not kept between runs (`docs/page_memo.py`)."""

    def sections(self) -> Sequence[SectionDoc]:
        """The index's sections, in order."""

    def type_text(self, expr: ir.TypeExpr, side: Side) -> str:
        """An IR type as the SDK writes it on this side."""

    def property_name(self, owner: str, prop: ir.Property, side: Side) -> str:
        """What the SDK calls a property of the object definition with id `owner`."""

    def declaration(self, name: str, type_text: str) -> str:
        """Markdown: a parameter's name with the type of its value, as the head of a tree's row."""

    def property_declaration(self, owner: str, prop: ir.Property, side: Side, name: str) -> str:
        """Markdown: the head of a property's row (`name` is `property_name`'s answer), with its type
        as the SDK declares it (an optional one's too, a constant's value)."""

    def value_constants(self, values: tuple[object, ...]) -> Sequence[str] | None:
        """The SDK's constants for an enum of these values, as code, one per value; None: the docs
        show the values themselves."""

    def example_code(self, op: OperationDoc, values: Sequence[tuple[ArgumentDoc, Example]]) -> str:
        """A call of the method with these argument values, and what is done with its result."""


__all__ = ["ArgumentDoc", "DocsView", "OperationDoc", "SectionDoc", "Side", "Source"]
