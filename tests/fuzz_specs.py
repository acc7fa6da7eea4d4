"""Hypothesis strategies: small, random, *valid* OpenAPI 3.0 and 3.1 specs full of hostile input.

`openapi_specs()` draws a whole document (a plain dict, ready for `json.dumps`):

- component schemas: objects (properties, required, additionalProperties, readOnly/writeOnly), arrays,
  maps, enums with odd values, const, nullable in the 3.0 (`nullable`) and 3.1 (`type: [.., "null"]`,
  `anyOf` with `{type: null}`) dialects, allOf/oneOf/anyOf with and without discriminators, `$ref`s
  between components (recursive and mutually recursive through objects), refs into a component's
  properties, boolean schemas (3.1);
- operations: every HTTP method, paths with path parameters, query/header/cookie parameters (some
  from components), JSON/multipart/form/binary/text bodies, JSON/SSE/binary/text/204 responses, cursor
  pages, with and without operationId, tags and `x-sdkgen`;
- names from hostile alphabets (keywords, builtins, pydantic and runtime attribute names, names that
  collide after case folding, digits first, punctuation, spaces, empty-ish, non-ASCII) and text from
  hostile fragments (quotes, backslashes, Jinja, HTML, control characters, odd line breaks, long).

Validity is by construction; the test still checks every spec with openapi-spec-validator. The one
input sdkgen defines as invalid, a `$ref` cycle with no object on it, is never drawn: a `$ref` that is
not inside an object's `properties` only points to a component drawn *later* (a higher index), so
every ref cycle passes through an object's properties. allOf parts count as "not inside" (an object
cannot include itself).
"""

from __future__ import annotations

import unicodedata

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import quote

from hypothesis import strategies as st

Draw = Callable[..., Any]
JSONValue = Any

# ---- hostile names --------------------------------------------------------------------------------

KEYWORDS = [
    "class", "None", "True", "False", "self", "def", "from", "import", "lambda", "async", "await",
    "match", "case", "type", "_", "not", "in", "is", "global", "yield", "return", "pass", "del",
]
BUILTIN_NAMES = [
    "list", "dict", "str", "int", "float", "bool", "object", "bytes", "id", "print", "property",
    "super", "len", "format", "hash", "iter", "next", "filter", "map", "range", "set", "tuple",
    "Ellipsis", "NotImplemented", "__import__", "__name__", "__builtins__", "__annotations__",
]
PYDANTIC_NAMES = [
    "model_config", "model_fields", "model_dump", "model_validate", "model_extra", "json", "copy",
    "dict", "schema", "schema_json", "validate", "construct", "parse_obj", "fields", "__fields__",
    "__root__", "to_dict", "to_json", "__pydantic_complete__", "model_post_init",
]
RUNTIME_NAMES = [
    "Client", "AsyncClient", "BaseModel", "Field", "Literal", "Optional", "Union", "List", "Dict",
    "Iterable", "Stream", "AsyncStream", "TypedDict", "Required", "Annotated", "TypeAlias",
    "FileTypes", "cast", "omit", "Omit", "not_given", "NotGiven", "Headers", "Query", "Body",
    "Timeout", "httpx", "datetime", "typing", "builtins", "pydantic", "typing_extensions",
    "cached_property", "functools", "SyncAPIResource", "BinaryResponse", "SyncCursorPage",
    "CursorPagination", "with_raw_response", "with_streaming_response", "extra_headers",
    "extra_query", "extra_body", "timeout", "max_retries", "types", "resources", "models",
    "params", "api_key", "base_url", "close", "request", "annotations", "__future__",
]
COLLIDING = [
    "fooBar", "foo_bar", "FooBar", "foo-bar", "FOO_BAR", "foobar", "foo bar", "foo.bar", "Foo_Bar",
    "FOOBar", "fooBAR", "foo__bar", "_foo_bar", "foo_bar_", "FooBar2", "foo_bar_2", "FooBar_2",
    "Item", "item", "ITEM", "items", "Items", "FooParam", "FooBarParam", "FooBarParams", "Foo",
    "foo", "FooResource", "Param", "Params", "Variant1", "FooBarItem", "FooItem", "Value",
]
DIGIT_FIRST = ["1", "0", "1st", "123abc", "2fa", "42", "007", "1_000", "1e3", "-1", "3.14", "٣"]
PUNCTUATION = [
    "$", "$ref", "@type", "a-b", "a.b", "a/b", "a:b", "#", "%", "-", "--", ".", "..", "_", "__",
    "___", "__init__", "__class__", "__dict__", "a+b", "a=b", "?", "!", "~", "~1", "&", "*",
    'a"b', "a'b", "a\\b", "\\", "{x}", "{{x}}", "{%x%}", "<b>", "a,b", "[0]", "a;b",
]
SPACES = [" ", "a b", " leading", "trailing ", "\t", "a\tb", "a\nb", "", "\u200b", "\u00a0", "\u3000"]
NON_ASCII = [
    "名前", "名前_2", "שלום", "مرحبا", "😀", "👍🏽", "e\u0301", "é", "Ａ", "ｃｌａｓｓ", "ｓｅｌｆ",
    "ﬁle", "ß", "straße", "İstanbul", "Σίσυφος", "ǅ", "\u200d", "١٢٣", "Ⅻ", "²", "x²", "𝔘𝔫𝔦",
    "\u202eabc", "日本語テキスト", "a\u0300\u0301\u0302", "Ω", "Ω", "ℌ", "ｆｏｏＢａｒ", "ǈ", "ŉ",
]
HOSTILE_NAMES = sorted(
    set(KEYWORDS + BUILTIN_NAMES + PYDANTIC_NAMES + RUNTIME_NAMES + COLLIDING + DIGIT_FIRST
        + PUNCTUATION + SPACES + NON_ASCII)
)
# Characters for free-form names: ASCII, separators, and a few of every hostile kind.
NAME_CHARS = (
    "abcxyzABCXYZ019_-. $@/~'\"\\{}%#\x00\n\r\u2028"
    "é\u0301名ש😀Ａｃﬁßǅ²Ⅻ\u200d\u202e"
)

# Component keys must match this (OpenAPI 3.0 and 3.1 both say so).
COMPONENT_KEY = re.compile(r"^[a-zA-Z0-9._-]+$")
COMPONENT_NAMES = [n for n in HOSTILE_NAMES if COMPONENT_KEY.match(n)]
IDENTIFIERS = [n for n in HOSTILE_NAMES if n.isidentifier()]
ID_START = "abcxyzABCXYZ_éß名שＡｃﬁǅΩℌ𝔘"
ID_CONTINUE = ID_START + "0123456789²\u0301٣"


def names() -> st.SearchStrategy[str]:
    """Any string, biased to names a Python generator finds hard."""
    return st.one_of(
        st.sampled_from(HOSTILE_NAMES),
        st.text(st.sampled_from(NAME_CHARS), max_size=8),
        st.tuples(st.sampled_from(HOSTILE_NAMES), st.sampled_from(["", "_", "-", " ", "."]), st.sampled_from(HOSTILE_NAMES)).map("".join),
        st.text(max_size=6),
    )


def component_names() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(COMPONENT_NAMES),
        st.from_regex(r"[a-zA-Z0-9._-]{1,10}", fullmatch=True),
        st.tuples(st.sampled_from(COMPONENT_NAMES), st.sampled_from(["", "_", "-", "."]), st.sampled_from(COMPONENT_NAMES)).map("".join),
    )


def identifiers() -> st.SearchStrategy[str]:
    """What `x-sdkgen` accepts as a name: anything `str.isidentifier()` (keywords, non-ASCII, NFKC)."""
    return st.one_of(
        st.sampled_from(IDENTIFIERS),
        st.tuples(st.sampled_from(ID_START), st.text(st.sampled_from(ID_CONTINUE), max_size=6))
        .map("".join)
        .filter(str.isidentifier),
    )


def package_names() -> st.SearchStrategy[str]:
    """What `x-sdkgen.package-name` accepts: a lowercase identifier (in NFKC) shadowing no module."""
    from generator.targets.python.identifiers import package_name_problem

    return identifiers().map(lambda n: unicodedata.normalize("NFKC", n).lower()).filter(lambda n: package_name_problem(n) is None)


def path_param_names() -> st.SearchStrategy[str]:
    """Names that fit in a `{...}` path template (no braces, slashes, or format-spec characters)."""
    return names().filter(lambda n: n != "" and not set(n) & set("{}/:![]?#%") and n.strip() == n and n.isprintable())


# ---- hostile text ---------------------------------------------------------------------------------

FRAGMENTS = [
    '"""', "'''", '"', "'", "\\", "end\\", '\\"""', '"""\\', "{{ x }}", "{% raw %}", "{% endraw %}",
    "{# c #}", "{%", "%}", "{{", "}}", "<script>alert(1)</script>", "<!-- -->", "-->", "&amp;", "&lt;",
    "\x00", "\x01", "\x1b[31m", "\x7f", "\r", "\r\n", "\n", "\n\n", "\u2028", "\u2029", "\x0b", "\x0c",
    "\x1c", "\x85", "\t", "\ufeff", "\u202e", "\u200b", "\u200d", "#", "# comment", "`", "```",
    "    indented", " ", "word " * 30, "x" * 120, "\\N{BULLET}", "\\u0041", "\\x41", "\\n", "%s", "{0}",
    "{}", "f'{x}'", 'r"', 'b"', "*/", "/*", ":param x:", ">>> 1", "...", "😀", "שלום", "e\u0301",
    "\U0001f600", "名前", "\ud7ff", "\uffff", "\U0010ffff", "\ue000", "\x80", "\xa0", "--", "- [ ] x",
    "| a | b |", "\\\\", "'\"'", "\"'\"", "#!/bin/sh", "# type: ignore", "# noqa", "\\\n",
]
LONG_TEXTS = ["lorem ipsum " * 400, "x" * 5000, ("a" * 200 + "\n") * 20, '"' * 300, "\\" * 301]


def texts() -> st.SearchStrategy[str]:
    """Descriptions, titles, summaries: prose with everything that can break a string or a comment."""
    return st.one_of(
        st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=6).map("".join),
        st.sampled_from(LONG_TEXTS),
    )


ODD_SCALARS: list[JSONValue] = [
    "", " ", '"', "'", "\\", "a\\", "a\nb", "\x00", "\u2028", "None", "True", "1", "1.0", "é",
    "e\u0301", "😀", '"""', "{{x}}", "class", "a b", "A", "a", 0, 1, -1, 2**53, 2**63, 10**30, True,
    False, None,
]


def enum_values() -> st.SearchStrategy[list[JSONValue]]:
    scalar = st.one_of(st.sampled_from(ODD_SCALARS), texts(), st.integers(), st.booleans())
    # JSON Schema wants enum values unique (and tells `1` from `true`).
    return st.lists(scalar, min_size=1, max_size=4, unique_by=lambda v: (type(v).__name__, v))


def json_values() -> st.SearchStrategy[JSONValue]:
    """Examples and consts: any JSON."""
    leaf = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(ODD_SCALARS), texts(),
    )
    return st.recursive(leaf, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(names(), inner, max_size=3)), max_leaves=6)


# ---- schemas --------------------------------------------------------------------------------------

HTTP_METHODS = ["get", "post", "put", "patch", "delete", "head", "options", "trace"]
FORMATS = {
    "string": [None, "date-time", "date", "binary", "byte", "uuid", "email", "password", "x-名前", ""],
    "integer": [None, "int32", "int64", "x"],
    "number": [None, "float", "double"],
    "boolean": [None],
}
PATTERNS = ["^[a-z]+$", "^\\d{3}-\\d{2}$", "^[\"'\\\\]*$", "[}{]", "^(?:a|b)$"]
CT_JSON = ["application/json", "application/json; charset=utf-8", "application/problem+json", "application/vnd.api+json"]


@dataclass
class Ctx:
    version: str  # "3.0" or "3.1"
    components: list[str]  # component schema names, in index order
    index: Optional[int]  # the component being drawn (None: an operation's inline schema)
    # "#/components/schemas/X/properties/p" of properties whose schema has no $ref.
    leaf_refs: list[str] = field(default_factory=list)
    max_depth: int = 3

    @property
    def v31(self) -> bool:
        return self.version == "3.1"

    def ref_targets(self, protected: bool) -> list[str]:
        if self.index is None or protected:
            return self.components
        return self.components[self.index + 1 :]


def ref(name: str) -> dict[str, Any]:
    return {"$ref": "#/components/schemas/" + name}


def _nullable(draw: Draw, ctx: Ctx, schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` made nullable in the spec's dialect (schema has a `type`)."""
    if not ctx.v31:
        return {**schema, "nullable": True}
    kind = schema["type"]
    return {**schema, "type": [kind, "null"]} if draw(st.booleans()) else {"anyOf": [schema, {"type": "null"}]}


def _decorate(draw: Draw, ctx: Ctx, schema: Any) -> Any:
    """Descriptions, titles, examples, deprecated: text that ends up in docstrings and docs."""
    if not isinstance(schema, dict) or ("$ref" in schema and not ctx.v31):
        return schema
    extra: dict[str, Any] = {}
    if draw(st.booleans()):
        extra["description"] = draw(texts())
    if draw(st.integers(0, 4)) == 0:
        extra["title"] = draw(texts())
    if draw(st.integers(0, 5)) == 0:
        extra["deprecated"] = True
    if draw(st.integers(0, 5)) == 0:
        extra["example"] = draw(json_values())
    if ctx.v31 and draw(st.integers(0, 6)) == 0:
        extra["examples"] = draw(st.lists(json_values(), max_size=2))
    return {**schema, **extra}


@st.composite
def primitive_schema(draw: Draw, ctx: Ctx) -> dict[str, Any]:
    kind = draw(st.sampled_from(["string", "integer", "number", "boolean"]))
    schema: dict[str, Any] = {"type": kind}
    fmt = draw(st.sampled_from(FORMATS[kind]))
    if fmt is not None:
        schema["format"] = fmt
    constrained = False
    if kind == "string" and draw(st.integers(0, 3)) == 0:
        constrained = True
        schema.update(draw(st.sampled_from([{"minLength": 1}, {"maxLength": 64}, {"pattern": draw(st.sampled_from(PATTERNS))}])))
    if kind in ("integer", "number") and draw(st.integers(0, 3)) == 0:
        constrained = True
        if ctx.v31:
            schema.update(draw(st.sampled_from([{"minimum": 0}, {"exclusiveMinimum": 0}, {"maximum": 10**20}, {"multipleOf": 3}])))
        else:
            schema.update(draw(st.sampled_from([{"minimum": 0}, {"minimum": 0, "exclusiveMinimum": True}, {"maximum": 100}])))
    if ctx.v31 and draw(st.integers(0, 5)) == 0:
        other = draw(st.sampled_from([t for t in ("string", "integer", "boolean", "number") if t != kind]))
        schema["type"] = [kind, other]
        return schema
    if draw(st.integers(0, 3)) == 0:
        schema = _nullable(draw, ctx, schema)
    if not constrained and fmt is None and isinstance(schema.get("type"), str) and draw(st.integers(0, 3)) == 0:
        default = {"string": texts(), "integer": st.integers(), "number": st.integers(-5, 5), "boolean": st.booleans()}[kind]
        schema["default"] = draw(default)
    return schema


@st.composite
def enum_schema(draw: Draw, ctx: Ctx) -> dict[str, Any]:
    values = draw(enum_values())
    if draw(st.integers(0, 6)) == 0:  # values a Python Literal cannot hold: a fallback with a warning
        odd = draw(st.sampled_from([1.5, {"a": 1}, [1], 0.1]))
        if odd not in values:
            values.append(odd)
    schema: dict[str, Any] = {"enum": values}
    kinds = {type(v) for v in values if v is not None}
    by_type = {str: "string", int: "integer", bool: "boolean"}
    if len(kinds) == 1 and next(iter(kinds)) in by_type and draw(st.booleans()):
        schema["type"] = by_type[next(iter(kinds))]
        if None in values:
            if ctx.v31:
                schema["type"] = [schema["type"], "null"]
            else:
                schema["nullable"] = True
        elif draw(st.booleans()):
            schema["default"] = values[0]
    return schema


@st.composite
def const_schema(draw: Draw, ctx: Ctx) -> dict[str, Any]:
    value = draw(st.one_of(st.sampled_from(ODD_SCALARS), texts(), json_values()))
    schema: dict[str, Any] = {"const": value}
    if isinstance(value, str) and draw(st.booleans()):
        schema["type"] = "string"
    return schema


def ref_schema(draw: Draw, ctx: Ctx, protected: bool) -> Optional[dict[str, Any]]:
    targets = ctx.ref_targets(protected)
    leafs = ctx.leaf_refs
    if not targets and not leafs:
        return None
    if leafs and (not targets or draw(st.integers(0, 5)) == 0):
        return {"$ref": draw(st.sampled_from(leafs))}
    target = ref(draw(st.sampled_from(targets)))
    style = draw(st.integers(0, 6))
    if style <= 3:
        return target
    if not ctx.v31:  # 3.0: siblings of $ref are ignored by the standard, but written in the wild
        return {"allOf": [target], "nullable": True} if style == 4 else {**target, "nullable": True} if style == 5 else {"allOf": [target], "description": draw(texts())}
    if style == 4:
        return {"anyOf": [target, {"type": "null"}]}
    if style == 5:
        return {"oneOf": [{"type": "null"}, target]}
    return {**target, "description": draw(texts())}


def object_schema(draw: Draw, ctx: Ctx, depth: int, plain: bool = False) -> dict[str, Any]:
    """An object with properties; `plain`: not wrapped to be nullable, and no oneOf/anyOf beside."""
    props = draw(st.lists(names(), max_size=4, unique=True))
    if not props:
        props = [draw(names())]
    properties = {}
    for name in props:
        properties[name] = property_schema(draw, ctx, depth + 1)
    schema: dict[str, Any] = {}
    if draw(st.integers(0, 3)) > 0:
        schema["type"] = "object"
    schema["properties"] = properties
    required = draw(st.lists(st.sampled_from(props), unique=True, max_size=len(props)))
    if draw(st.integers(0, 6)) == 0:  # required but never described: any value
        extra = draw(names())
        if extra not in required:
            required.append(extra)
    if required:
        schema["required"] = required
    if draw(st.integers(0, 3)) == 0:
        choice = draw(st.integers(0, 3))
        schema["additionalProperties"] = [False, True, {}][choice] if choice < 3 else any_schema(draw, ctx, depth + 1, True)
    if plain:
        return schema
    if draw(st.integers(0, 8)) == 0:
        # A oneOf beside the properties: only constraints, or (odder) types.
        if draw(st.booleans()):
            schema["oneOf"] = [{"required": [p]} for p in props[:2]]
        else:
            schema["anyOf"] = [any_schema(draw, ctx, depth + 1, True) for _ in range(draw(st.integers(1, 2)))]
    elif draw(st.integers(0, 5)) == 0 and "type" in schema:
        schema = _nullable(draw, ctx, schema)
    return schema


def property_schema(draw: Draw, ctx: Ctx, depth: int) -> Any:
    schema = any_schema(draw, ctx, depth, True)
    if isinstance(schema, dict) and ("$ref" not in schema or ctx.v31):
        if draw(st.integers(0, 5)) == 0:
            schema = {**schema, draw(st.sampled_from(["readOnly", "writeOnly"])): True}
    return schema


def union_schema(draw: Draw, ctx: Ctx, depth: int, protected: bool) -> dict[str, Any]:
    key = draw(st.sampled_from(["oneOf", "anyOf"]))
    if draw(st.booleans()):
        return tagged_union(draw, ctx, depth, protected, key)
    variants = [any_schema(draw, ctx, depth + 1, protected) for _ in range(draw(st.integers(1, 4)))]
    schema: dict[str, Any] = {key: variants}
    if draw(st.integers(0, 3)) == 0:
        schema["discriminator"] = {"propertyName": draw(names())}
    return schema


def tagged_union(draw: Draw, ctx: Ctx, depth: int, protected: bool, key: str) -> dict[str, Any]:
    """A discriminated union: objects with a required, single-valued tag property."""
    tag = draw(st.one_of(st.sampled_from(["type", "kind", "object"]), names()))
    values = draw(st.lists(st.one_of(st.sampled_from(ODD_SCALARS[:20]), texts()), min_size=1, max_size=3))
    variants: list[Any] = []
    for value in values:
        tag_schema = {"const": value} if ctx.v31 and draw(st.booleans()) else {"type": "string", "enum": [value]}
        variant = object_schema(draw, ctx, depth + 1, plain=True)
        variant["properties"] = {tag: tag_schema, **{k: v for k, v in variant["properties"].items() if k != tag}}
        variant["required"] = [tag] + [r for r in variant.get("required", []) if r != tag]
        if draw(st.integers(0, 3)) == 0:
            variant["title"] = draw(texts())
        variants.append(variant)
    targets = ctx.ref_targets(protected)
    mapping = {}
    if targets and draw(st.booleans()):
        target = draw(st.sampled_from(targets))
        variants.append(ref(target))
        mapping[draw(texts())] = draw(st.sampled_from([f"#/components/schemas/{target}", target]))
    schema: dict[str, Any] = {key: variants, "discriminator": {"propertyName": tag}}
    if mapping:
        schema["discriminator"]["mapping"] = mapping
    return schema


def all_of_schema(draw: Draw, ctx: Ctx, depth: int, protected: bool) -> dict[str, Any]:
    parts: list[Any] = []
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            part = ref_schema(draw, ctx, False)  # inheritance: never a cycle
            if part is not None:
                parts.append(part)
                continue
        if choice <= 1:
            obj = object_schema(draw, ctx, depth + 1, plain=True)
            obj.pop("required", None)
            parts.append(obj)
        elif choice == 2:
            parts.append({"description": draw(texts())})
        else:
            parts.append(draw(primitive_schema(ctx)))
    schema: dict[str, Any] = {"allOf": parts}
    if draw(st.booleans()):
        own = object_schema(draw, ctx, depth + 1, plain=True)
        schema["properties"] = own["properties"]
        schema["type"] = "object"
    return schema


def any_schema(draw: Draw, ctx: Ctx, depth: int, protected: bool) -> Any:
    """Any schema. `protected`: inside an object's properties (a `$ref` there may point anywhere)."""
    leaf = depth >= ctx.max_depth
    kinds = ["primitive", "enum", "ref", "object", "array", "map", "any", "union", "allOf"]
    if leaf:
        kinds = ["primitive", "enum", "ref", "any"]
    if ctx.v31:
        kinds += ["const", "boolean"]
    kind = draw(st.sampled_from(kinds))
    schema: Any
    if kind == "ref":
        schema = ref_schema(draw, ctx, protected)
        if schema is None:
            kind = "primitive"
    if kind == "primitive":
        schema = draw(primitive_schema(ctx))
    elif kind == "enum":
        schema = draw(enum_schema(ctx))
    elif kind == "const":
        schema = draw(const_schema(ctx))
    elif kind == "boolean":
        schema = draw(st.booleans())
    elif kind == "any":
        schema = draw(st.sampled_from([{}, {"type": "object"}, {"not": {"type": "string"}}]))
    elif kind == "object":
        schema = object_schema(draw, ctx, depth)
    elif kind == "array":
        items = any_schema(draw, ctx, depth + 1, protected)
        schema = {"type": "array", "items": items}
        if ctx.v31 and draw(st.integers(0, 5)) == 0:
            schema = {"type": "array", "prefixItems": [items, any_schema(draw, ctx, depth + 1, protected)]}
        if draw(st.integers(0, 4)) == 0:
            schema.update(draw(st.sampled_from([{"minItems": 1}, {"maxItems": 3}, {"uniqueItems": True}])))
        if draw(st.integers(0, 4)) == 0:
            schema = _nullable(draw, ctx, schema)
    elif kind == "map":
        values = any_schema(draw, ctx, depth + 1, protected)
        schema = {"type": "object", "additionalProperties": values} if draw(st.booleans()) else {"additionalProperties": values}
        if draw(st.integers(0, 4)) == 0 and "type" in schema:
            schema = _nullable(draw, ctx, schema)
    elif kind == "union":
        schema = union_schema(draw, ctx, depth, protected)
    elif kind == "allOf":
        schema = all_of_schema(draw, ctx, depth, protected)
    return _decorate(draw, ctx, schema)


def component_schema(draw: Draw, ctx: Ctx) -> Any:
    kind = draw(st.sampled_from(["object", "any", "object", "union"]))
    if kind == "object":
        schema: Any = object_schema(draw, ctx, 0)
        schema = _decorate(draw, ctx, schema)
    elif kind == "union":
        schema = _decorate(draw, ctx, union_schema(draw, ctx, 0, False))
    else:
        schema = any_schema(draw, ctx, 0, False)
    if isinstance(schema, dict) and draw(st.integers(0, 4)) == 0:
        config = {}
        if draw(st.booleans()):
            config["name"] = draw(identifiers())
        if draw(st.booleans()):
            config["param-name"] = draw(identifiers())
        schema = {**schema, "x-sdkgen": config}
    return schema


def _leaf_refs(name: str, schema: Any) -> list[str]:
    """Refs to the properties of `schema` that contain no `$ref` (safe targets for a deep ref)."""
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return []
    out = []
    for prop, sub in schema["properties"].items():
        if "$ref" not in repr(sub):
            pointer = "/".join(t.replace("~", "~0").replace("/", "~1") for t in ("components", "schemas", name, "properties", prop))
            out.append("#/" + quote(pointer, safe="/~"))
    return out


# ---- operations -----------------------------------------------------------------------------------

SEGMENTS = ["v1", "class", "None", "items", "名前", "a-b", "a.b", "a_b", "Foo", "users", "1", "$batch", "a b", "%20", "self", "with_raw_response", "é", ""]


def text_response(draw: Draw) -> dict[str, Any]:
    return {"description": draw(texts())}


def media_schema(draw: Draw, ctx: Ctx, kind: str) -> Any:
    if kind == "json":
        return any_schema(draw, ctx, 0, False)
    if kind == "binary":
        if ctx.v31 and draw(st.booleans()):
            return {"type": "string", "contentMediaType": "application/octet-stream"}
        return {"type": "string", "format": "binary"}
    return {"type": "string"}


def response(draw: Draw, ctx: Ctx, status: str) -> dict[str, Any]:
    out: dict[str, Any] = {"description": draw(texts())}
    if status == "204" or draw(st.integers(0, 4)) == 0:
        return out
    content: dict[str, Any] = {}
    for kind in draw(st.lists(st.sampled_from(["json", "sse", "binary", "text"]), min_size=1, max_size=2, unique=True)):
        if kind == "json":
            media = {"schema": media_schema(draw, ctx, "json")} if draw(st.integers(0, 5)) else {}
            if draw(st.integers(0, 5)) == 0:
                media["example"] = draw(json_values())
            content[draw(st.sampled_from(CT_JSON))] = media
        elif kind == "sse":
            content["text/event-stream"] = {"schema": media_schema(draw, ctx, "json")}
        elif kind == "binary":
            ct = draw(st.sampled_from(["application/octet-stream", "image/png", "application/pdf"]))
            content[ct] = {"schema": media_schema(draw, ctx, "binary")} if draw(st.booleans()) else {}
        else:
            content[draw(st.sampled_from(["text/plain", "text/csv; charset=utf-8"]))] = {"schema": {"type": "string"}}
    out["content"] = content
    return out


def request_body(draw: Draw, ctx: Ctx) -> dict[str, Any]:
    kind = draw(st.sampled_from(["json", "multipart", "form", "binary", "text"]))
    content: dict[str, Any] = {}
    if kind == "json":
        content[draw(st.sampled_from(CT_JSON))] = {"schema": any_schema(draw, ctx, 0, False)}
    elif kind in ("multipart", "form"):
        props: dict[str, Any] = {}
        for name in draw(st.lists(names(), min_size=1, max_size=4, unique=True)):
            choice = draw(st.integers(0, 3))
            if choice == 0 and kind == "multipart":
                props[name] = media_schema(draw, ctx, "binary")
            elif choice == 1 and kind == "multipart":
                props[name] = {"type": "array", "items": media_schema(draw, ctx, "binary")}
            else:
                props[name] = any_schema(draw, ctx, 1, True)
        schema: dict[str, Any] = {"type": "object", "properties": props}
        required = draw(st.lists(st.sampled_from(list(props)), unique=True))
        if required:
            schema["required"] = required
        ct = "multipart/form-data" if kind == "multipart" else "application/x-www-form-urlencoded"
        content[ct] = {"schema": schema}
    elif kind == "binary":
        content["application/octet-stream"] = {"schema": media_schema(draw, ctx, "binary")} if draw(st.booleans()) else {}
    else:
        content["text/plain"] = {"schema": {"type": "string"}}
    if draw(st.integers(0, 4)) == 0:  # a second media type: the generator picks one
        content.setdefault("application/json", {"schema": any_schema(draw, ctx, 1, False)})
    body: dict[str, Any] = {"content": content}
    if draw(st.booleans()):
        body["required"] = True
    if draw(st.booleans()):
        body["description"] = draw(texts())
    return body


def parameter(draw: Draw, ctx: Ctx, location: str, name: str) -> dict[str, Any]:
    param: dict[str, Any] = {"name": name, "in": location}
    if location == "path":
        param["required"] = True
        choice = draw(st.integers(0, 2))
        param["schema"] = draw(primitive_schema(ctx)) if choice == 0 else draw(enum_schema(ctx)) if choice == 1 else (ref_schema(draw, ctx, True) or {"type": "string"})
    else:
        if draw(st.booleans()):
            param["required"] = True
        with_content = draw(st.integers(0, 6)) == 0
        if with_content:  # then no style, explode or example
            param["content"] = {"application/json": {"schema": any_schema(draw, ctx, 1, False)}}
        else:
            param["schema"] = any_schema(draw, ctx, 1, False)
        if location == "query" and not with_content and draw(st.integers(0, 3)) == 0:
            param["style"] = draw(st.sampled_from(["form", "spaceDelimited", "pipeDelimited", "deepObject"]))
            param["explode"] = draw(st.booleans())
    if draw(st.booleans()):
        param["description"] = draw(texts())
    if draw(st.integers(0, 6)) == 0:
        param["deprecated"] = True
    if "schema" in param and draw(st.integers(0, 6)) == 0:
        param["example"] = draw(json_values())
    return param


def path_template(draw: Draw) -> tuple[str, list[str]]:
    segments: list[str] = []
    params: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            name = draw(path_param_names())
            if name in params:
                continue
            params.append(name)
            segments.append(draw(st.sampled_from(["{%s}", "{%s}", "x{%s}", "{%s}.json"])) % name)
        else:
            segments.append(draw(st.sampled_from(SEGMENTS)))
    return "/" + "/".join(segments), params


def page_operation(draw: Draw, ctx: Ctx) -> tuple[dict[str, Any], list[dict[str, Any]], Optional[dict[str, Any]]]:
    """A cursor page: response object with an items array and a has-more flag, a cursor query param."""
    custom = draw(st.booleans())
    items = draw(names().filter(bool)) if custom else "data"
    has_more = draw(names().filter(lambda n: bool(n) and n != items)) if custom else "has_more"
    cursor = draw(names().filter(bool)) if custom else "after"
    cursor_field = draw(names().filter(lambda n: bool(n) and n not in (items, has_more))) if custom and draw(st.booleans()) else None
    if ctx.components and draw(st.booleans()):
        item: Any = ref(draw(st.sampled_from(ctx.components)))
    else:
        item = object_schema(draw, ctx, 1, plain=True)
        item["properties"] = {"id": {"type": "string"}, **item["properties"]}
    props: dict[str, Any] = {items: {"type": "array", "items": item}, has_more: {"type": "boolean"}}
    if cursor_field is not None:
        props[cursor_field] = {"type": "string"}
    page = {"type": "object", "properties": props, "required": [items, has_more]}
    ok = {"description": draw(texts()), "content": {"application/json": {"schema": page}}}
    params = [{"name": cursor, "in": "query", "schema": {"type": "string"}}]
    config = None
    if custom:
        config = {"items": items, "has-more": has_more, "cursor-param": cursor}
        if cursor_field is not None:
            config["cursor-field"] = cursor_field
    return ok, params, config


def operation(draw: Draw, ctx: Ctx, method: str, path_params: list[str], shared: dict[str, Any], operation_ids: set[str]) -> dict[str, Any]:
    op: dict[str, Any] = {}
    if draw(st.booleans()):
        op_id = draw(texts().filter(lambda t: t not in operation_ids))
        operation_ids.add(op_id)
        op["operationId"] = op_id
    if draw(st.booleans()):
        op["tags"] = draw(st.lists(st.one_of(names(), texts()), min_size=1, max_size=2))
    if draw(st.booleans()):
        op["summary"] = draw(texts())
    if draw(st.booleans()):
        op["description"] = draw(texts())
    if draw(st.integers(0, 6)) == 0:
        op["deprecated"] = True
    params: list[dict[str, Any]] = [parameter(draw, ctx, "path", name) for name in path_params]
    used = {("path", name) for name in path_params}
    for location, most in (("query", 3), ("header", 2), ("cookie", 1)):
        pool = names() if location != "header" else st.one_of(names(), st.sampled_from(["Accept", "Content-Type", "Authorization", "X-Foo", "x-foo"]))
        for name in draw(st.lists(pool, max_size=most, unique=True)):
            params.append(parameter(draw, ctx, location, name))
            used.add((location, name))
    for key, shared_param in shared.items():
        if (shared_param["in"], shared_param["name"]) not in used and draw(st.booleans()):
            params.append({"$ref": "#/components/parameters/" + key})
            used.add((shared_param["in"], shared_param["name"]))
    page_config = None
    responses: dict[str, Any] = {}
    if method == "get" and draw(st.integers(0, 3)) == 0:
        ok, page_params, page_config = page_operation(draw, ctx)
        responses["200"] = ok
        for p in page_params:
            if ("query", p["name"]) not in used:
                params.append(p)
                used.add(("query", p["name"]))
            elif page_config is not None:  # the name is taken by another query parameter: no explicit config
                page_config = None
    if method in ("post", "put", "patch", "delete", "get") and draw(st.integers(0, 2)) == 0 or method in ("post", "put", "patch") and draw(st.booleans()):
        op["requestBody"] = request_body(draw, ctx)
    if params and draw(st.booleans()):
        draw(st.randoms()).shuffle(params)
    if params:
        op["parameters"] = params
    if not responses:
        for status in draw(st.lists(st.sampled_from(["200", "201", "204", "default", "400", "404", "4XX", "2XX", "500"]), min_size=0 if ctx.v31 else 1, max_size=3, unique=True)):
            responses[status] = response(draw, ctx, status)
    elif draw(st.booleans()):
        responses["400"] = response(draw, ctx, "400")
    if responses:
        op["responses"] = responses
    if draw(st.integers(0, 3)) == 0 or page_config is not None:
        config: dict[str, Any] = {}
        if draw(st.booleans()):
            config["resource"] = ".".join(draw(st.lists(identifiers(), min_size=1, max_size=3)))
        if draw(st.booleans()):
            config["method"] = draw(identifiers())
        if draw(st.integers(0, 2)) == 0:
            config["params-name"] = draw(identifiers())
        if draw(st.integers(0, 2)) == 0:
            config["headers"] = draw(st.dictionaries(names(), st.one_of(texts(), st.integers(), st.floats(allow_nan=False, allow_infinity=False)), max_size=2))
        if page_config is not None:
            config["pagination"] = page_config
        elif draw(st.integers(0, 3)) == 0:
            config["pagination"] = False
        op["x-sdkgen"] = config
    return op


# ---- the document ---------------------------------------------------------------------------------


@st.composite
def openapi_specs(draw: Draw, version: Optional[str] = None) -> dict[str, Any]:
    """A valid OpenAPI document (3.0 or 3.1) as plain JSON data. The test sets x-sdkgen.package-name."""
    openapi = draw(st.sampled_from(["3.0.3", "3.1.0"])) if version is None else version
    v31 = openapi.startswith("3.1")
    depth = draw(st.integers(1, 4))  # how deep schemas nest in this spec
    spec: dict[str, Any] = {"openapi": openapi}
    info: dict[str, Any] = {"title": draw(texts()), "version": draw(st.one_of(st.sampled_from(["1.0.0", "2.3.0rc1", "0"]), texts()))}
    if draw(st.booleans()):
        info["description"] = draw(texts())
    spec["info"] = info
    if draw(st.booleans()):
        server = draw(st.one_of(
            st.sampled_from(["https://api.example.test/v1", "/v1", "http://localhost:8080/", "https://{host}/api"]),
            texts().map(lambda t: "https://api.example.test/" + t),
        ))
        entry: dict[str, Any] = {"url": server}
        if "{host}" in server:
            entry["variables"] = {"host": {"default": draw(st.sampled_from(["example.test", "a\"b", "x\\y", "名前.test"]))}}
        spec["servers"] = [entry]

    # Components first: operations refer to them.
    component_keys = draw(st.lists(component_names(), max_size=5, unique=True))
    schemas: dict[str, Any] = {}
    leaf_refs: list[str] = []
    for index, key in enumerate(component_keys):
        ctx = Ctx("3.1" if v31 else "3.0", component_keys, index, leaf_refs=list(leaf_refs), max_depth=depth)
        schemas[key] = component_schema(draw, ctx)
        leaf_refs += _leaf_refs(key, schemas[key])
    components: dict[str, Any] = {}
    if schemas or draw(st.booleans()):
        components["schemas"] = schemas
    op_ctx = Ctx("3.1" if v31 else "3.0", component_keys, None, leaf_refs=leaf_refs, max_depth=depth)
    shared_params: dict[str, Any] = {}
    for key in draw(st.lists(component_names(), max_size=2, unique=True)):
        location = draw(st.sampled_from(["query", "header"]))
        shared_params[key] = parameter(draw, op_ctx, location, draw(names()))
    if shared_params:
        components["parameters"] = shared_params
    if draw(st.integers(0, 3)) == 0:
        scheme = draw(st.sampled_from([
            {"type": "http", "scheme": "bearer"},
            {"type": "http", "scheme": "basic"},
            {"type": "apiKey", "in": "header", "name": draw(names())},
            {"type": "apiKey", "in": "query", "name": draw(names())},
            {"type": "apiKey", "in": "cookie", "name": "session"},
            {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://auth.example.test/token", "scopes": {}}}},
        ]))
        scheme_key = draw(component_names())
        components["securitySchemes"] = {scheme_key: scheme}
        if draw(st.booleans()):
            spec["security"] = [{scheme_key: []}]

    paths: dict[str, Any] = {}
    operation_ids: set[str] = set()
    for _ in range(draw(st.integers(0 if v31 else 0, 3))):
        template, path_params = path_template(draw)
        if template in paths:
            continue
        item: dict[str, Any] = {}
        methods = draw(st.lists(st.sampled_from(HTTP_METHODS), min_size=1, max_size=2, unique=True))
        on_item = path_params and draw(st.integers(0, 3)) == 0
        for method in methods:
            item[method] = operation(draw, op_ctx, method, [] if on_item else path_params, shared_params, operation_ids)
        if on_item:
            item["parameters"] = [parameter(draw, op_ctx, "path", name) for name in path_params]
        if draw(st.integers(0, 5)) == 0:
            item["summary"] = draw(texts())
        paths[template] = item
    spec["paths"] = paths
    if components:
        spec["components"] = components

    if draw(st.integers(0, 3)) == 0:
        config: dict[str, Any] = {}
        client = {}
        for key in ("api-key-env", "base-url-env"):
            if draw(st.booleans()):
                client[key] = draw(texts().filter(bool))
        if client:
            config["client"] = client
        if draw(st.booleans()):
            config["headers"] = draw(st.dictionaries(names(), st.one_of(texts(), st.integers()), max_size=2))
        if draw(st.booleans()):  # the test makes it unique with a prefix
            config["package-name"] = draw(package_names())
        spec["x-sdkgen"] = config
    if draw(st.integers(0, 4)) == 0:
        spec["tags"] = [{"name": name, "description": draw(texts())} for name in draw(st.lists(names(), max_size=2, unique=True))]
    return spec
