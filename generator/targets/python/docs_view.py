"""The Python target's docs view (`generator.docs.view.DocsView`): what the shared docs print for the
Python SDK.

Every name comes from the Python view (`lower.py`), which settled them for the generated code: the
client attribute path of each resource (its `ChildView`s), each method and its arguments (their
`ArgumentView`s, linked to the IR parameter or body field), each model's attributes (the lowering's
field names). A TypedDict's keys are the wire names, so request-side properties keep them. Types are
printed by the same `Annotator` the code uses; signatures and example calls are Python in black's
layout.
"""

from __future__ import annotations

import keyword
import math
from typing import Sequence

from ...docs.examples import Example, FileValue
from ...docs.text import code_span
from ...docs.view import ArgumentDoc, OperationDoc, SectionDoc, Side
from ...ir import model as ir
from ...memo import digest
from ...ir.naming import snake
from .identifiers import PYTHON_BUILTINS
from .annotate import Annotator
from .resources import OPTIONS_ARGUMENTS
from .views import MethodView, PythonView, ResourceView
from .text import notice, py_str

WIDTH = 88  # signatures and examples wrap at black's width


def _options_sentence() -> str:
    names = [f"`{name}`" for name in OPTIONS_ARGUMENTS]
    return f"{', '.join(names[:-1])} and {names[-1]}"


class PythonDocsView:
    language = "Python"
    code_language = "python"
    call_note = (
        "The async client (`AsyncClient`) has the same method, to `await`. "
        f"Every method also takes the request options {_options_sentence()}."
    )
    no_result = "Nothing (`None`)."
    binary_result = (
        "The response body as it is (`BinaryResponse`): read `.content` (bytes) or `.text`, "
        "iterate `.iter_bytes()`, or save it with `.write_to_file(path)`."
    )
    text_result = "The response body as text (`str`)."
    one_of = "One of"
    page_note = "Iterate over it to get every item: further pages are fetched as the loop needs them."
    stream_note = "Iterate over it to get each event:"

    def __init__(self, api: ir.Api, view: PythonView):
        self.api = api
        self.view = view
        self.notice = notice(api.spec_name, api.title, api.version, api.regenerate)
        self.annotators: dict[str, Annotator] = {
            "request": Annotator(api.definitions, "param", view.names.models, view.names.params),
            "response": Annotator(api.definitions, "model", view.names.models, view.names.params),
        }
        self._sections = [self._section(resource, resource.access) for resource in self.view.resources]

    # ---- DocsView -----------------------------------------------------------------------------

    def memo_scope(self) -> str | None:
        # A page reads the package's name, the names of everything (field names follow from them and
        # the definitions a page reaches) and its own operation's entry.
        return digest(type(self).__name__, self.view.package_name, self.view.names)

    def sections(self) -> Sequence[SectionDoc]:
        return self._sections

    def type_text(self, expr: ir.TypeExpr, side: Side) -> str:
        return self.annotators[side](expr)

    def property_name(self, owner: str, prop: ir.Property, side: Side) -> str:
        if side == "request":
            return prop.wire_name  # a TypedDict key is the wire name
        return self.view.field_names.get(owner, {}).get(prop.wire_name, prop.wire_name)

    def declaration(self, name: str, type_text: str) -> str:
        return f"{code_span(name)}: {code_span(type_text)}"

    def property_declaration(self, owner: str, prop: ir.Property, side: Side, name: str) -> str:
        return self.declaration(name, self.type_text(prop.type, side))

    def value_constants(self, values: tuple[object, ...]) -> None:
        return None  # a Literal's values are the values themselves

    def example_code(self, op: OperationDoc, values: Sequence[tuple[ArgumentDoc, Example]]) -> str:
        call_parts = [
            py_value(value, 4, WIDTH) if arg.positional else f"{arg.name}={py_value(value, 4, WIDTH)}"
            for arg, value in values
        ]
        prefix, suffix, after = self._result_use(op)
        lines = [f"from {self.view.package_name} import Client", "", "client = Client()", ""]
        flat = f"{op.call}(" + ", ".join(call_parts) + ")"
        if len(prefix) + len(flat) + len(suffix) <= WIDTH and "\n" not in flat:
            lines.append(prefix + flat + suffix)
        else:
            lines.append(f"{prefix}{op.call}(")
            lines += [f"    {part}," for part in call_parts]
            lines.append(")" + suffix)
        return "\n".join(lines + after)

    # ---- sections and methods -----------------------------------------------------------------

    def _section(self, resource: ResourceView, attribute: str) -> SectionDoc:
        section = SectionDoc(attribute)
        for method in resource.methods:
            if method.operation is not None:
                section.operations.append(self._operation(resource, attribute, method, method.operation))
        return section

    def _operation(self, resource: ResourceView, attribute: str, method: MethodView, op: ir.Operation) -> OperationDoc:
        call = f"client.{attribute}.{method.name}"
        arguments = [
            ArgumentDoc(arg.source, arg.name, arg.value_annotation, arg.location, positional)
            for args, positional in ((method.positional, True), (method.keyword_args, False))
            for arg in args
            if arg.source is not None
        ]
        switch, switched = self._stream_switch(op, arguments)
        return OperationDoc(
            operation=op,
            page=".".join((*self.view.names.segments[resource.path], method.name)),
            method=method.name,
            call=call,
            title=f"{attribute}.{method.name}",
            signature=_signature(call, method),
            arguments=arguments,
            result=method.return_annotation,
            page_item=method.page_item,
            stream_switch=switch,
            stream_result=switched,
        )

    def _stream_switch(self, op: ir.Operation, arguments: list[ArgumentDoc]) -> tuple[str | None, str | None]:
        """`stream=True` and `Stream[Event]`, for a method a body field switches to an event stream."""
        switch, response = op.stream_switch, op.stream_response
        if switch is None or response is None or response.type is None:
            return None, None
        name = next(
            (
                a.name
                for a in arguments
                if a.location in ("body", "file") and isinstance(a.source, ir.Property) and a.source.wire_name == switch.wire_name
            ),
            switch.wire_name,
        )
        value = "True" if switch.value is True else py_str(str(switch.value))
        return f"{name}={value}", f"Stream[{self.type_text(response.type, 'response')}]"

    def _result_use(self, op: OperationDoc) -> tuple[str, str, list[str]]:
        """What the example does with the result: the text before and after the call, and the lines after."""
        response = op.operation.response
        if op.page_item is not None:
            target = _variable(op.page_item, "item")
            return f"for {target} in ", ":", [f"    print({target})"]
        if response.kind == "stream":
            return "for event in ", ":", ["    print(event)"]
        if response.kind == "empty" or response.type is None:
            return "", "", []
        if response.kind == "binary":
            return "response = ", "", ['response.write_to_file("output")']
        if response.kind == "text":
            return "text = ", "", ["print(text)"]
        target = _variable(self.type_text(response.type, "response"), "result")
        return f"{target} = ", "", [f"print({target})"]


def _signature(call: str, method: MethodView) -> str:
    """The method's signature as a call of `call`, on one line when it fits."""
    parts = [f"{a.name}: {a.annotation}" for a in method.positional]
    if method.keyword_args:
        parts.append("*")
    parts += [
        f"{a.name}: {a.annotation}" + (f" = {a.default}" if a.default is not None else "")
        for a in method.keyword_args
    ]
    returns = f") -> {method.return_annotation}"
    flat = f"{call}(" + ", ".join(parts) + returns
    if len(flat) <= WIDTH:
        return flat
    return f"{call}(\n" + "".join(f"    {p},\n" for p in parts) + returns


def _variable(annotation: str | None, fallback: str) -> str:
    """A variable name for a value of this type: `ChatSession` -> `chat_session`."""
    if not annotation or not annotation.isidentifier():
        return fallback
    name = snake(annotation)
    if not name.isidentifier() or keyword.iskeyword(name) or name in PYTHON_BUILTINS or name in ("client", "response", "event"):
        return fallback
    return name


# ---- example values as Python literals -----------------------------------------------------------


def py_value(value: Example, indent: int = 0, width: int = WIDTH) -> str:
    """A Python literal for an example value; collections longer than `width` go one item per line."""
    flat = _py_flat(value)
    if indent + len(flat) <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 4)
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines.append(f"{pad}{py_str(key)}: {py_value(item, indent + 4, width)},")
        return "{\n" + "\n".join(lines) + "\n" + " " * indent + "}"
    for item in value:
        lines.append(f"{pad}{py_value(item, indent + 4, width)},")
    return "[\n" + "\n".join(lines) + "\n" + " " * indent + "]"


def _py_flat(value: Example) -> str:
    if isinstance(value, FileValue):
        return 'open("path/to/file", "rb").read()' if value.read else 'open("path/to/file", "rb")'
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else py_str(str(value))
    if isinstance(value, str):
        return py_str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_py_flat(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py_str(k)}: {_py_flat(v)}" for k, v in value.items()) + "}"
    return py_str(str(value))


__all__ = ["PythonDocsView", "py_value"]
