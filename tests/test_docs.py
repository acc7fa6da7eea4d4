"""The docs stage: escaping helpers, example values, and whole pages (inline specs and ChatKit).

Spec text is hostile here on purpose: HTML, `<script>`, backticks, triple quotes, pipes, Jinja syntax,
control characters, bidi overrides, emoji and very long text. The pages must still be well-formed
Markdown whose examples parse: the Python example compiles, the curl body and the response example
are JSON.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import shlex
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ir import model as ir
from generator.ir.build import build_api
from generator.docs.pages import render_docs
from generator.docs.text import (
    code_block,
    code_cell,
    code_span,
    first_sentence,
    json_text,
    md_cell,
    md_heading,
    md_inline,
    md_link_text,
    md_prose,
)
from generator.errors import Diagnostics
from generator.docs.examples import ExampleBuilder, json_safe
from generator.targets.python.docs_view import PythonDocsView, py_value
from generator.targets.python.lower import lower
from generator.spec.refs import open_spec
from tests.golden_cases import chatkit_case, open_case
from generator.targets.python.render import environment, header_lines, render_all

ROOT = Path(__file__).resolve().parent.parent
CHATKIT = ROOT / "spec" / "chatkit.yaml"

HOSTILE = [
    '"""',
    "'''",
    "`",
    "``a``` b ````",
    "<script>alert(1)</script>",
    "a | b || c",
    "{{ x }} {% if y %}z{% endif %} {# c #}",
    "\x00\x01\x07\x1b\x7f\x85",
    "line\nbreak\r\nand\u2028separator\u2029",
    "\u202eevil\u202c \u2066isolate\u2069 \u200bzero-width",
    "مرحبا بالعالم",
    "emoji 😀👍🏽 and ZWJ 👨\u200d👩\u200d👧",
    "x" * 5000,
    "\\",
    "trailing #",
    "[link](javascript:alert(1))",
    "&amp; &lt;",
    "\ud800 lone surrogate",
]


# ---- helpers --------------------------------------------------------------------------------------


def outside_code(markdown: str) -> str:
    """The text of some Markdown outside fenced blocks and (same-line) code spans."""
    kept: List[str] = []
    fence = None
    for line in markdown.split("\n"):
        stripped = line.strip()
        if fence is None:
            match = re.match(r"^(`{3,}|~{3,})", stripped)
            if match:
                fence = match.group(1)
                continue
            kept.append(re.sub(r"(`+)(?:(?!\1)[^`]|`(?!\1))*?\1", "", line))
        elif stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
            fence = None
    return "\n".join(kept)


def code_blocks(text: str) -> List[Tuple[str, str]]:
    """(language, code) of every fenced block at the left margin."""
    blocks = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = re.match(r"^(`{3,})([\w-]*)$", lines[i])
        if match:
            fence, language = match.groups()
            end = lines.index(fence, i + 1)
            blocks.append((language, "\n".join(lines[i + 1 : end])))
            i = end + 1
        else:
            i += 1
    return blocks


def section(page: str, title: str) -> str:
    start = page.index(f"\n## {title}\n")
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else None]


def docs_for(tmp_path: Path, spec: Dict[str, Any]) -> Tuple[Dict[str, str], str, ir.Api]:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    api = build_api(open_spec(path, "spec.yaml"), Diagnostics())
    _, md_header = header_lines(api)
    return python_docs(api, md_header), md_header, api


def python_docs(api: ir.Api, md_header: str) -> Dict[str, str]:
    """The docs files, as the Python target renders them."""
    return render_docs(api, PythonDocsView(api, lower(api)), environment(), md_header)


def check_examples(page: str) -> None:
    """The page's Python example compiles, its curl body and response example are JSON."""
    blocks = code_blocks(page)
    python = [code for language, code in blocks if language == "python" and code.startswith("from ")]
    assert len(python) == 1
    compile(python[0], "example.py", "exec")
    for language, code in blocks:
        if language == "sh":
            words = shlex.split(code.replace("\\\n", " "))
            assert words[0] == "curl"
            if "-d" in words:
                json.loads(words[words.index("-d") + 1])
        if language == "json":
            json.loads(code)


# ---- escaping -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_contexts_are_one_line_without_html(text: str) -> None:
    for escape in (md_inline, md_heading, md_cell, md_link_text):
        out = escape(text)
        assert "\n" not in out and "\r" not in out
        assert "<" not in outside_code(out) and ">" not in outside_code(out)
        assert not any(ch in out for ch in "\x00\x07\x1b\x7f\x85\u2028\u2029\u202e\u2066")
        out.encode("utf-8")  # no lone surrogates left


@pytest.mark.parametrize("text", HOSTILE)
def test_table_cells_escape_every_pipe(text: str) -> None:
    cell = md_cell(text)
    assert not re.search(r"(?<!\\)\|", cell)
    assert code_cell(text).count("|") == code_cell(text).count("\\|")


def test_inline_escaping_keeps_markdown_and_text() -> None:
    assert md_inline("Use *bold* and [a link](https://example.com)") == "Use *bold* and [a link](https://example.com)"
    assert md_inline("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d"
    assert md_inline("tag `<b>` in code") == "tag `<b>` in code"  # literal inside a code span
    assert md_inline("{{ x }} {% y %}") == "{{ x }} {% y %}"  # Jinja syntax is only text here
    assert md_inline("emoji 😀 مرحبا") == "emoji 😀 مرحبا"
    assert md_heading("Title #") == "Title \\#"
    assert md_link_text("a]b[c") == "a\\]b\\[c"


def test_dangerous_links_do_not_link() -> None:
    for text in ("[x](javascript:alert(1))", "[x]( JavaScript:alert(1))", "[x](<data:text/html,hi>)", "[x]:\n  vbscript:y"):
        out = "\n".join(md_prose(text))
        assert not re.search(r"\]\(\s*(&lt;)?\s*(javascript|data|vbscript):", out, re.I)
        assert not re.search(r"\]:\s*(javascript|data|vbscript):", out, re.I)
    assert md_prose("[ok](https://example.com) [rel](/docs/x) [mail](mailto:a@b.c)") == [
        "[ok](https://example.com) [rel](/docs/x) [mail](mailto:a@b.c)"
    ]


def test_prose_escapes_html_but_not_code() -> None:
    lines = md_prose("Intro <b>bold</b> & `<code>`.\n\n```html\n<script>ok in code</script>\n```\nafter <i>")
    assert lines == [
        "Intro &lt;b&gt;bold&lt;/b&gt; &amp; `<code>`.",
        "",
        "```html",
        "<script>ok in code</script>",
        "```",
        "after &lt;i&gt;",
    ]


def test_prose_closes_a_fence_left_open() -> None:
    lines = md_prose("text\n````\n<script>x</script>")
    assert lines[-1] == "````"
    assert md_prose("~~~\nabc") == ["~~~", "abc", "~~~"]


def test_prose_does_not_trust_code_spans_it_cannot_be_sure_of() -> None:
    # A backtick left open on one line may pair with one on the next: escape from there on.
    lines = md_prose("a `x\n` <script>y</script> `")
    assert "<script>" not in "\n".join(lines)
    # A GFM table row splits cells before it finds code spans.
    assert "<b>" not in "\n".join(md_prose("| `a | <b> | c` |\n|---|---|---|"))
    # An indented fence may belong to a list item that a later line ends.
    assert "<script>" not in "\n".join(md_prose("- item\n  ```\n<script>x</script>"))


@pytest.mark.parametrize("text", HOSTILE)
def test_code_spans_and_blocks_hold_anything(text: str) -> None:
    span = code_span(text)
    ticks = re.match(r"`+", span)
    assert ticks is not None and span.endswith(ticks.group(0))
    inner = span[len(ticks.group(0)) : -len(ticks.group(0))]
    assert ticks.group(0) not in inner.replace(ticks.group(0) + "`", "")
    assert "\n" not in span
    block = code_block(text + "\n```\n````", "text")
    fence = block[0][: -len("text")]
    assert block[-1] == fence
    assert all(not line.startswith(fence) for line in block[1:-1])


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_escaping_never_lets_html_through(text: str) -> None:
    assert "<" not in outside_code(md_inline(text))
    assert not re.search(r"(?<!\\)\|", md_cell(text))
    assert "<" not in outside_code("\n".join(md_prose(text)))
    fence = code_block(text)[0]
    assert all(not line.startswith(fence) for line in code_block(text)[1:-1])


def test_first_sentence() -> None:
    assert first_sentence("Create a session. It lasts ten minutes.") == "Create a session. It lasts ten minutes."
    assert first_sentence("First paragraph\nwraps.\n\nSecond paragraph.") == "First paragraph wraps."
    long = "Create a session. " + "It lasts ten minutes and then some more. " * 10
    assert first_sentence(long) == "Create a session."
    cut = first_sentence("word " * 100)
    assert len(cut) <= 162 and cut.endswith(" …")
    assert first_sentence(None) == first_sentence("") == ""


# ---- examples -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_example_values_print_as_python_and_json(text: str) -> None:
    value = json_safe({"key": text, text: [text, 1, 2.5, True, None]})
    source = py_value(value, 4)
    compile(f"x = {source}\n", "example.py", "exec")
    if "\ud800" not in text:  # ast gives back what the literal says
        assert ast.literal_eval(source) == value
    assert json.loads(json_text(value)) == value
    json_text(value).encode("utf-8")


def test_json_safe_makes_spec_values_json() -> None:
    import datetime

    cyclic: List[Any] = []
    cyclic.append(cyclic)
    value = json_safe({2: datetime.date(2024, 1, 2), True: float("inf"), None: cyclic, "b": b"x"})
    assert value == {"2": "2024-01-02", "true": "inf", "null": [None], "b": "x"}
    deep: Any = "leaf"
    for _ in range(100):
        deep = [deep]
    json.dumps(json_safe(deep))


def _definitions() -> Dict[str, ir.Definition]:
    properties = [
        ir.Property("name", ir.Primitive("string"), True, examples=["root"]),
        ir.Property("size", ir.Primitive("integer"), True, constraints={"minimum": 5, "maximum": 9}),
        ir.Property("mode", ir.DefRef("#/Mode"), False),
        ir.Property("kind", ir.LiteralType(("a", "b")), False, default="b"),
        ir.Property("children", ir.ArrayType(ir.DefRef("#/Node")), False),
        ir.Property("parent", ir.UnionType((ir.DefRef("#/Node"), ir.NullType())), True),
        ir.Property("when", ir.Primitive("string", "date-time"), False),
        ir.Property("secret", ir.Primitive("string"), False, write_only=True),
    ]
    node = ir.ObjectDef("#/Node", (ir.Name(("Node",)),), properties=properties)
    mode = ir.EnumDef("#/Mode", (ir.Name(("Mode",)),), values=("fast", "slow"))
    return {"#/Node": node, "#/Mode": mode}


def test_example_builder_prefers_spec_values_and_stops_at_recursion() -> None:
    definitions = _definitions()
    response = ExampleBuilder(definitions, "response").value(ir.DefRef("#/Node"))
    assert response == {
        "name": "root",  # the spec's example
        "size": 5,  # a placeholder within the constraints
        "mode": "fast",  # the first enum value
        "kind": "b",  # the default
        "children": [],  # the same type inside itself
        "parent": None,
        "when": "2024-01-01T00:00:00Z",
    }
    request = ExampleBuilder(definitions, "request").value(ir.DefRef("#/Node"))
    assert request == {"name": "root", "size": 5, "parent": None}  # required ones only
    assert ExampleBuilder(definitions, "request").value(ir.Primitive("string"), ["x"], "d") == "x"
    assert ExampleBuilder(definitions, "request").value(ir.Primitive("string"), [], "d") == "d"
    assert ExampleBuilder(definitions, "request").value(ir.UnionType((ir.Primitive("string"), ir.DefRef("#/Mode")))) == "fast"


# ---- whole pages ----------------------------------------------------------------------------------

EVIL = "Evil <script>alert(1)</script> | `tick` {{ x }} {% y %} \x00 \u202e 😀 \"\"\" "

INLINE_SPEC: Dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Tree " + EVIL, "version": "1.0", "description": "About " + EVIL + "\n\n```\n<b>"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "components": {
        "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Node": {
                "type": "object",
                "description": "A node " + EVIL,
                "required": ["name", "shape"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "description": "Name " + EVIL},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "shape": {"$ref": "#/components/schemas/Shape"},
                    "color": {"type": "string", "enum": ["red", "green", "<blue>"], "default": "red"},
                },
            },
            "Shape": {
                "oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}],
                "discriminator": {"propertyName": "kind"},
            },
            "Circle": {
                "type": "object",
                "required": ["kind", "radius"],
                "properties": {"kind": {"const": "circle"}, "radius": {"type": "number", "maximum": 10}},
            },
            "Square": {
                "type": "object",
                "required": ["kind", "side"],
                "properties": {"kind": {"const": "square"}, "side": {"type": "integer"}},
            },
        },
    },
    "security": [{"token": []}],
    "paths": {
        "/trees/{tree_id}/nodes": {
            "post": {
                "operationId": "createNode",
                "tags": ["trees"],
                "summary": "Create a node " + EVIL,
                "description": "Long description " + EVIL,
                "parameters": [
                    {"name": "tree_id", "in": "path", "required": True, "schema": {"type": "string", "example": "t 1/2"}},
                    {"name": "dry-run", "in": "query", "schema": {"type": "boolean"}},
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}},
                },
                "responses": {
                    "200": {
                        "description": "The node " + EVIL,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}},
                    }
                },
            }
        }
    },
}


def test_inline_spec_page_structure(tmp_path: Path) -> None:
    files, md_header, api = docs_for(tmp_path, INLINE_SPEC)
    assert sorted(files) == ["docs/index.md", "docs/trees.nodes.create.md"]
    for text in files.values():
        assert text.startswith(md_header + "\n")
        text = text[len(md_header) :]  # the header is an HTML comment (render.py's)
        assert "<script>" not in outside_code(text)
        assert "\x00" not in text and "\u202e" not in text
        assert "{{ x }}" in text  # spec text is printed, never run as a template
    page = files["docs/trees.nodes.create.md"]
    assert page.split("\n")[3].startswith("# Create a node Evil &lt;script&gt;")
    assert "`POST /trees/{tree_id}/nodes`" in page
    for title in ("Parameters", "Returns", "Example request", "Example response"):
        assert f"\n## {title}\n" in page

    params = section(page, "Parameters")
    assert "\n- `tree_id`: `str`, required, in the path\n" in params
    assert "\n- `dry_run`: `bool`, optional, in the query as `dry-run`\n" in params
    assert "\n- `name`: `str`, required, min length `1`\n" in params
    assert '\n- `color`: `Literal["red", "green", "<blue>"]`, optional, default `"red"`\n' in params
    assert 'One of: `"red"`, `"green"`, `"<blue>"`.' in params
    # The tree nests: the recursive type is expanded once, then named.
    assert "\n- `children`: `Iterable[NodeParam]`, optional\n" in params
    assert "\n  - `name`: `str`, required, min length `1`\n" in params
    assert "\n    `NodeParam` again: its fields are listed above (a recursive type).\n" in params
    # The union lists its variants, each with its fields.
    assert "One of (told apart by `kind`):" in params
    assert "\n  - `CircleParam`\n" in params and "\n    - `radius`: `float`, required, maximum `10`\n" in params
    assert "\n  - `SquareParam`\n" in params and "\n    - `side`: `int`, required\n" in params

    returns = section(page, "Returns")
    assert "\n`Node`\n" in returns
    assert "\n- `children`: `List[Node]`, optional\n" in returns
    assert "One of (told apart by `kind`):" in returns

    check_examples(page)
    curl = [code for language, code in code_blocks(page) if language == "sh"][0]
    assert "https://api.example.com/v1/trees/t%201%2F2/nodes" in curl
    assert '-H "Authorization: Bearer $' in curl
    body = json.loads(shlex.split(curl.replace("\\\n", " "))[-1])
    assert body["shape"] == {"kind": "circle", "radius": 0}
    response = json.loads([code for language, code in code_blocks(page) if language == "json"][0])
    assert response["children"] == [] and response["shape"]["kind"] == "circle"

    index = files["docs/index.md"]
    assert "| [`create`](trees.nodes.create.md) | `POST /trees/{tree_id}/nodes` | Create a node Evil &lt;script&gt;" in index
    assert "\\|" in index.split("| [`create`]")[1]


def test_page_names_are_unique_without_case(tmp_path: Path) -> None:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "Case", "version": "1"},
        "paths": {
            "/a": {"get": {"operationId": "get", "x-sdkgen": {"resource": "Things", "method": "get"}, "responses": {"204": {"description": "ok"}}}},
            # Its default method name (from the operationId) collides: the targets settle it. (Two
            # configured `get`s would be refused: tests/test_config_file.py.)
            "/b": {"get": {"operationId": "GET", "x-sdkgen": {"resource": "things"}, "responses": {"204": {"description": "ok"}}}},
        },
    }
    files, _, _ = docs_for(tmp_path, spec)
    pages = sorted(name for name in files if name != "docs/index.md")
    assert len(pages) == 2 and len({p.lower() for p in pages}) == 2
    for page in pages:
        assert f"({page[len('docs/'):]})" in files["docs/index.md"]


def test_keyword_and_very_long_names(tmp_path: Path) -> None:
    long = "very_long_name_" * 30
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "Names", "version": "1"},
        "paths": {
            "/a": {"post": {"x-sdkgen": {"resource": "class.def", "method": "import"}, "responses": {"204": {"description": "ok"}}}},
            "/b": {"get": {"x-sdkgen": {"resource": f"{long}.{long}", "method": long}, "responses": {"204": {"description": "ok"}}}},
        },
    }
    files, _, _ = docs_for(tmp_path, spec)
    page = files["docs/class.def.import_.md"]
    assert "client.class_.def_.import_()" in page  # the attributes the client has, not the spec's words
    check_examples(page)
    long_pages = [name for name in files if name.startswith("docs/very_long")]
    assert len(long_pages) == 1 and len(long_pages[0].encode()) < 140
    check_examples(files[long_pages[0]])


def test_chatkit_create_page_lists_every_param_as_the_spec_says(tmp_path: Path) -> None:
    spec = yaml.safe_load(CHATKIT.read_text(encoding="utf-8"))
    schema = spec["paths"]["/chatkit/sessions"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    api = build_api(open_case(chatkit_case(), "chatkit.yaml"), Diagnostics())
    _, md_header = header_lines(api)
    files = python_docs(api, md_header)
    page = files["docs/beta.chatkit.sessions.create.md"]
    params = section(page, "Parameters")
    top_level = re.findall(r"^- `(\w+)`: `[^`]+`, (required|optional)", params, re.M)
    expected = {name: ("required" if name in schema["required"] else "optional") for name in schema["properties"]}
    assert dict(top_level) == expected
    assert "\n- `user`: `str`, required, min length `1`\n" in params
    assert page.split("\n")[3] == "# Create a ChatKit session"
    assert "client.beta.chatkit.sessions.create(" in page
    check_examples(page)
    python = [code for language, code in code_blocks(page) if language == "python" and code.startswith("from ")][0]
    assert 'user="user_789"' in python  # the request body's example from the spec
    for name in ("beta.chatkit.sessions.cancel", "beta.chatkit.threads.list", "beta.chatkit.threads.list_items"):
        check_examples(files[f"docs/{name}.md"])
    assert "A page of `ChatKitThread` items" in files["docs/beta.chatkit.threads.list.md"]
    assert "for chat_kit_thread in client.beta.chatkit.threads.list(" in files["docs/beta.chatkit.threads.list.md"]


def test_docs_are_deterministic(tmp_path: Path) -> None:
    first, _, _ = docs_for(tmp_path, INLINE_SPEC)
    second, _, _ = docs_for(tmp_path, json.loads(json.dumps(INLINE_SPEC)))
    assert first == second


def test_docs_of_random_specs(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Random valid specs (the fuzzer's strategies): every page's examples parse, one page an operation."""
    fuzz_specs = pytest.importorskip("fuzz_specs")
    work = tmp_path_factory.mktemp("docs-fuzz")

    @given(fuzz_specs.openapi_specs())
    @settings(max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    def run(spec: Dict[str, Any]) -> None:
        path = work / "spec.json"
        path.write_text(json.dumps(spec), encoding="utf-8")
        api = build_api(open_spec(path, "spec.json"), Diagnostics())
        _, md_header = header_lines(api)
        files = python_docs(api, md_header)
        assert len(files) == len(api.operations) + 1
        for name, text in files.items():
            assert text.startswith(md_header + "\n")
            assert len(name.encode("utf-8")) < 160
            if name != "docs/index.md":
                check_examples(text)

    run()


# ---- the names a page shows are the generated SDK's -----------------------------------------------

_PROPERTY_ROW = re.compile(r"^( *)- ((`+)(.*?)\3): (`+).*?\5, (?:required|optional)")
_VARIANT_ROW = re.compile(r"^( *)- ((`+)([^`]*?)\3)$")


def _sdk_classes(hint: Any, namespace: Dict[str, Any], seen: Any = None) -> List[type]:
    """The models and TypedDicts an annotation of the generated code mentions, at any depth."""
    import typing

    import pydantic
    import typing_extensions

    seen = set() if seen is None else seen
    if id(hint) in seen:
        return []
    seen.add(id(hint))
    if isinstance(hint, str):
        hint = typing.ForwardRef(hint)
    if isinstance(hint, typing.ForwardRef):
        hint = eval(hint.__forward_arg__, namespace)  # noqa: S307 (the generated package's own names)
    if isinstance(hint, type) and (issubclass(hint, pydantic.BaseModel) or typing_extensions.is_typeddict(hint)):
        return [hint]
    if typing_extensions.get_origin(hint) in (typing.Literal, typing_extensions.Literal):
        return []  # its arguments are values, not types
    value = getattr(hint, "__value__", None)  # a TypeAliasType
    found: List[type] = []
    for part in [*typing_extensions.get_args(hint), *([value] if value is not None else [])]:
        found += [c for c in _sdk_classes(part, namespace, seen) if c not in found]
    return found


def _members(cls: type) -> Dict[str, Any]:
    """A model's attributes or a TypedDict's keys, each with its annotation."""
    import typing

    fields = getattr(cls, "model_fields", None)
    if fields is not None:
        return {name: info.annotation for name, info in fields.items()}
    module = __import__(cls.__module__, fromlist=["_"])
    return typing.get_type_hints(cls, vars(module), include_extras=True)


def _check_tree(
    rows: str,
    top: Dict[str, List[type]] | List[type],
    namespace: Dict[str, Any],
    where: str,
) -> int:
    """Every property row names a member of the class its parent row holds; the count of rows checked.

    `top` is the classes the top-level rows belong to, or (Parameters) the method's arguments.
    """
    parents: Dict[int, List[type]] = {}
    checked = 0
    for line in rows.split("\n"):
        prop = _PROPERTY_ROW.match(line)
        variant = None if prop else _VARIANT_ROW.match(line)
        match = prop or variant
        if match is None:
            continue
        depth = len(match.group(1)) // 2
        printed = match.group(2)
        if depth == 0 and isinstance(top, dict):
            assert prop is not None, f"{where}: {line!r}"
            by_span = {code_span(name): hint for name, hint in top.items()}
            assert printed in by_span, f"{where}: {printed} is not an argument of the method ({sorted(top)})"
            parents[1] = _sdk_classes(by_span[printed], namespace)
            checked += 1
            continue
        owners = parents.get(depth, []) if depth or isinstance(top, dict) else top
        if variant is not None:  # a variant of a union: its classes among the parent's
            named = set(re.findall(r"\w+", printed))
            parents[depth + 1] = [c for c in owners if c.__name__ in named]
            continue
        members = {code_span(name): hint for cls in owners for name, hint in _members(cls).items()}
        assert printed in members, f"{where}: {printed} is not a member of {[c.__name__ for c in owners]}"
        parents[depth + 1] = _sdk_classes(members[printed], namespace)
        checked += 1
    return checked


def _golden_packages() -> List[Tuple[str, Path, Path]]:
    from tests.golden_cases import cases

    found = []
    for case in cases():
        packages = [p.parent for p in (case.out / "python").glob("*/__init__.py")]
        assert len(packages) == 1
        found.append((case.name, packages[0], case.out / "docs"))
    return found  # (golden trees hold no runtime: the test imports them through `full_python`)


@pytest.mark.parametrize("name, package, docs", _golden_packages(), ids=lambda v: v if isinstance(v, str) else "")
def test_golden_pages_name_what_the_generated_sdk_has(
    name: str, package: Path, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each property in a Parameters or Returns tree is a member of the generated model or TypedDict its
    row belongs to (a top-level parameter, an argument of the method), read from the real package."""
    import importlib
    import inspect
    import sys
    import typing

    from tests.golden_cases import full_python

    monkeypatch.syspath_prepend(str(full_python(package.parent.parent)))
    sdk = importlib.import_module(package.name)
    models = importlib.import_module(f"{package.name}.types.models")
    params = importlib.import_module(f"{package.name}.types.params")
    namespace = {**vars(typing), **vars(models), **vars(params)}
    client = sdk.Client(api_key="key", base_url="http://localhost")
    checked = 0
    try:
        for page in sorted(docs.glob("*.md")):
            if page.name == "index.md":
                continue
            text = page.read_text(encoding="utf-8")
            call = re.search(r"^client\.([\w.]+)\(", text, re.M)
            assert call is not None, page.name
            method: Any = client
            for attribute in call.group(1).split("."):
                method = getattr(method, attribute)
            hints = typing.get_type_hints(method, vars(sys.modules[method.__module__]), include_extras=True)
            arguments = {n: hints[n] for n in inspect.signature(method).parameters if n in hints}
            checked += _check_tree(section(text, "Parameters"), arguments, namespace, f"{page.name} Parameters")
            returns = _sdk_classes(hints["return"], namespace)
            checked += _check_tree(section(text, "Returns"), returns, namespace, f"{page.name} Returns")
    finally:
        client.close()
    assert checked > 0


# ---- one inline escaper: nothing reaches past its text --------------------------------------------

_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _spans(line: str) -> List[Tuple[int, int]]:
    """Where a CommonMark renderer sees code spans in one line (backslash escapes honoured outside)."""
    found: List[Tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] == "\\" and i + 1 < n and line[i + 1] in _PUNCTUATION:
            i += 2
        elif line[i] == "`":
            run = re.match(r"`+", line[i:])
            assert run is not None
            length = len(run.group(0))
            close = next((m for m in re.finditer(r"`+", line[i + length :]) if len(m.group(0)) == length), None)
            if close is None:
                i += length
                continue
            found.append((i, i + length + close.end()))
            i = found[-1][1]
        else:
            i += 1
    return found


def _outside_spans(line: str) -> str:
    kept, at = [], 0
    for start, end in _spans(line):
        kept.append(line[at:start])
        at = end
    return "".join(kept) + line[at:]


INLINE_HOSTILE = HOSTILE + ["a `b", "``", "x` <script>y</script> `", "end \\", "[x](JavaScript:alert(1)) ![i](data:x)"]


@pytest.mark.parametrize("text", INLINE_HOSTILE)
def test_inline_text_keeps_to_itself_in_any_line(text: str) -> None:
    """Put between other text, escaped inline text pairs no backtick with it, ends no line with a
    hard break, and still starts no HTML or dangerous link."""
    before, after = "`a` and ", " then `<kept>` end"
    for escape in (md_inline, md_heading, md_cell, md_link_text):
        out = escape(text)
        line = before + out + after
        shifted = [(s + len(before), e + len(before)) for s, e in _spans(out)]
        tail = [(s + len(before) + len(out), e + len(before) + len(out)) for s, e in _spans(after)]
        assert _spans(line) == _spans(before) + shifted + tail, (escape.__name__, out)
        assert len(re.search(r"\\*$", out).group(0)) % 2 == 0, (escape.__name__, out)  # type: ignore[union-attr]
        outside = _outside_spans(out)
        assert "<" not in outside and ">" not in outside
        assert not re.search(r"\]\(\s*(javascript|data|vbscript):", outside, re.I)


def test_readme_uses_the_docs_escaper(tmp_path: Path) -> None:
    """The README prints spec text through the same escaper: no link to `javascript:`, no HTML, no
    code span spilling from the title into the version, one line each."""
    from generator.targets.python.render import render_all

    def readme(title: str, version: str, file: str) -> str:
        spec = {"openapi": "3.1.0", "info": {"title": title, "version": version}, "paths": {}}
        path = tmp_path / file
        path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
        api = build_api(open_spec(path, file), Diagnostics())
        return render_all(api)["python/README.md"].split("\n", 1)[1]  # after the header comment

    plain = readme("Plain", "1.0", "plain.yaml")
    text = readme(
        "[x](javascript:alert(1)) <img src=x onerror=alert(1)> a`b\nline \\",
        "1` <script>alert(1)</script> `",
        "we`ird <b>.yaml",
    )
    assert len(text.split("\n")) == len(plain.split("\n"))
    prose = "\n".join(line for _, line in _markdown_lines(text))
    outside = "\n".join(_outside_spans(line) for line in prose.split("\n"))
    assert "<" not in outside and ">" not in outside
    assert not re.search(r"\]\(\s*javascript:", outside, re.I)
    assert not any(line.endswith("\\") for line in prose.split("\n"))


def _markdown_lines(text: str) -> List[Tuple[int, str]]:
    """The lines of some Markdown outside fenced code blocks, with their numbers."""
    kept, fence = [], None
    for number, line in enumerate(text.split("\n")):
        match = re.match(r"^(`{3,}|~{3,})", line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is None:
            kept.append((number, line))
    return kept


def test_the_docs_know_no_target() -> None:
    """`generator/docs` imports no target and no Python-only module; its templates name no Python API."""
    for path in sorted((ROOT / "generator" / "docs").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            else:
                continue
            for name in names:
                assert "targets" not in name.split(".") and name not in ("keyword", "builtins"), f"{path.name}: {name}"
    for path in sorted((ROOT / "templates" / "docs").glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for word in ("AsyncClient", "Python", "extra_headers", "Omit"):
            assert word not in text, f"{path.name}: {word}"


def test_a_title_cannot_close_the_header_comment(tmp_path: Path) -> None:
    """`--->` in the title would close the `<!-- -->` notice early (replacing `--` once turns it
    into `- -->`), and the rest of the title would be markup on every page and in the README."""
    spec = copy.deepcopy(INLINE_SPEC)
    spec["info"]["title"] = "x ---><script>alert(1)</script> -- --- ----> -"
    files, md_header, api = docs_for(tmp_path, spec)
    readme = render_all(api)["python/README.md"]
    for text in [md_header, readme.splitlines()[0], *(page.splitlines()[0] for page in files.values())]:
        assert text.startswith("<!-- ") and text.endswith(" -->")
        assert "--" not in text[len("<!-- ") : -len(" -->")], text
