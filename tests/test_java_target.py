"""The Java target's parts: text escaping (hostile strings), its settings and their refusals, the
namer (keywords, reserved names, collisions, Unicode, leading digits), and that the Java trees of the
golden specs with java in `x-sdkgen.targets` (`JAVA_CASES`) compile with `-Xlint:all -Werror`, runtime
put back (one javac run for all of them).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.errors import Diagnostics, SpecError
from generator.ir.build import build_api
from generator.ir.naming import Claim
from generator.spec.refs import open_spec
from generator.targets.java.naming import (
    JAVA_KEYWORDS,
    constant_identifier,
    member_identifier,
    package_segment,
    settle_members,
    settle_types,
    type_identifier,
)
from generator.targets.java.render import render_target
from generator.targets.java.text import java_literal, java_string, javadoc, line_comment
from tests.golden_cases import ROOT, full_java
from java_tools import QuietHandler, compile, local_server, reply, require_java, run_main, sources_under

HOSTILE = [
    "*/ class X {} /*",
    "\\u002a/ still a comment?",
    "\\u000a newline escape",
    "@param x {@code y} <script>&amp;",
    'quote " backslash \\ tab \t cr \r nl \n',
    "\u2028 line sep \u2029 para sep \x85 nel \x0b \x0c \x00",
    "bidi \u202egnp.exe\u202c zero-width \u200b",
    "emoji \U0001f600 é ß 漢字",
    "{{ 7*7 }} {% raw %}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_java_string_literal_says_exactly_the_text(text: str) -> None:
    literal = java_string(text)
    assert literal.isascii() and literal.isprintable()
    assert "\\u" not in literal.replace("\\\\", "") or re.fullmatch(
        r'"(?:[^\\]|\\[\\"nrtbf]|\\u[0-9a-f]{4})*"', literal
    )
    # Decoding the literal as Java would gives the text back (UTF-16 escapes for what is beyond the BMP).
    body = literal[1:-1]
    decoded = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), body.replace("\\\\", "\x00BS\x00"))
    decoded = decoded.replace('\\"', '"').replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
    decoded = decoded.replace("\\b", "\b").replace("\\f", "\f").replace("\x00BS\x00", "\\")
    assert decoded.encode("utf-16", "surrogatepass") == text.encode("utf-16", "surrogatepass")


@pytest.mark.parametrize("text", HOSTILE)
def test_javadoc_cannot_end_the_comment_or_form_an_escape(text: str) -> None:
    for line in javadoc(text):
        assert "*/" not in line and "\\" not in line and "@" not in line and "<" not in line
        assert all(ch.isprintable() for ch in line)
    comment = line_comment(text)
    assert "\n" not in comment and "\r" not in comment and re.search(r"(?<!\\)(\\\\)*\\u", comment) is None


def test_java_literals() -> None:
    assert java_literal(True) == "true" and java_literal(3) == "3L" and java_literal(0.5) == "0.5"
    assert java_literal(2**70) == 'new java.math.BigInteger("1180591620717411303424")'
    assert java_literal('a"b') == '"a\\"b"'


def test_identifiers_are_java_and_never_reserved() -> None:
    assert type_identifier(("chat", "session")) == "ChatSession"
    assert type_identifier(("1", "password")) == "Model1Password"
    assert member_identifier(("max", "requests", "per", "1", "minute")) == "maxRequestsPer1Minute"
    assert member_identifier(("object",)) == "object_"
    assert member_identifier(("class",)) == "class_"
    assert member_identifier(("hash", "code")) == "hashCode_"
    assert member_identifier(("2fa",)) == "_2fa"
    assert constant_identifier(("in", "progress")) == "IN_PROGRESS"
    assert constant_identifier(("1",)) == "_1"
    assert package_segment(("package",)) == "package_"
    assert package_segment(("3d",)) == "_3d"
    for word in JAVA_KEYWORDS:
        assert member_identifier((word,)) not in JAVA_KEYWORDS


def test_collisions_are_settled_whatever_the_order() -> None:
    claims = [Claim("a", ("fooBar",)), Claim("b", ("fooBar",)), Claim("c", ("FooBar",))]
    members = settle_members(claims)
    assert members == settle_members(list(reversed(claims)))
    assert len(set(members.values())) == 3
    types = settle_types([Claim("x", ("Thing",)), Claim("y", ("thing",)), Claim("z", ("String",))], ())
    assert len({name.lower() for name in types.values()}) == 3 and types["z"] != "String"


def _api(tmp_path: Path, document: dict[str, Any]) -> Any:
    import yaml

    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return build_api(open_spec(spec_path, "spec.yaml"), Diagnostics())


BASE = {
    "openapi": "3.1.0",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "listThings",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}},
}


@pytest.mark.parametrize(
    "settings, pointer, message",
    [
        ({"package": "com.class"}, "#/x-sdkgen/java/package", "keyword"),
        ({"package": "com.my-api"}, "#/x-sdkgen/java/package", "not a Java identifier"),
        ({"client-name": "9Lives"}, "#/x-sdkgen/java/client-name", "not a Java identifier"),
        ({"group-id": "a b"}, "#/x-sdkgen/java/group-id", "Maven"),
        ({"colour": "blue"}, "#/x-sdkgen/java/colour", "unknown java setting"),
        ("com.example", "#/x-sdkgen/java", "mapping"),
    ],
)
def test_bad_java_settings_are_refused_at_their_place(
    tmp_path: Path, settings: Any, pointer: str, message: str
) -> None:
    document = copy.deepcopy(BASE)
    document["x-sdkgen"] = {"targets": ["python", "java"], "java": settings}
    with pytest.raises(SpecError) as caught:
        render_target(_api(tmp_path, document))
    assert caught.value.place is not None and caught.value.place.pointer == pointer
    assert message in caught.value.message


def test_unknown_targets_are_refused(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE)
    document["x-sdkgen"] = {"targets": ["python", "cobol"]}
    with pytest.raises(SpecError) as caught:
        _api(tmp_path, document)
    assert caught.value.place is not None and caught.value.place.pointer == "#/x-sdkgen/targets/1"


def test_the_command_line_chooses_the_targets(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from generator.cli import main

    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["generate", "--spec", str(spec), "--out", str(out), "--target", "java", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "java" / "pom.xml").is_file() and not (out / "python").exists()
    result = CliRunner().invoke(main, ["generate", "--spec", str(spec), "--out", str(out), "--target", "cobol"])
    assert result.exit_code == 2


def test_a_schemas_package_and_the_defaults(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE)
    document["components"]["schemas"]["Thing"]["x-sdkgen"] = {"java": {"package": "inventory"}}
    files = render_target(_api(tmp_path, document))
    assert "java/src/main/java/t/models/inventory/Thing.java" in files
    assert "java/src/main/java/t/client/TClient.java" in files
    assert "java/src/main/java/t/models/things/ThingListParams.java" in files
    assert "<artifactId>t-java</artifactId>" in files["java/pom.xml"]


JAVA_CASES = ("cov_formats_files", "cov_names", "cov_streaming", "hostile_names", "hostile_text")
STREAMING = ROOT / "tests" / "java" / "streaming"


@pytest.fixture(scope="module")
def hostile_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Java of the hostile golden specs, runtime put back, and the streaming program: compiled once."""
    require_java()
    work = tmp_path_factory.mktemp("java-golden")
    trees = [full_java(ROOT / "tests" / "golden" / name, work / name) for name in JAVA_CASES]
    compile([*sources_under(*trees), *sources_under(STREAMING)], work / "classes", junit=False)
    return work / "classes"


def test_the_hostile_specs_java_compiles_without_warnings(hostile_classes: Path) -> None:
    assert (hostile_classes / "StreamingCalls.class").is_file()


class _Completions(QuietHandler):
    """POST /completions: the JSON completion, or its chunks as server-sent events when `stream` is true."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        if self.path != "/completions" or body.get("prompt") != "hi":
            reply(self, 400, b"", "text/plain")
            return
        if body.get("stream") is True:
            chunks = [{"id": "c", "delta": "Hel"}, {"id": "c", "delta": "lo"}]
            payload = "".join(f"data: {json.dumps(c)}\n\n" for c in chunks) + "data: [DONE]\n\n"
            content_type = "text/event-stream"
        else:
            payload, content_type = json.dumps({"id": "cmpl_1", "text": "Hello"}), "application/json"
        reply(self, 200, payload.encode(), content_type)


def test_event_streams_blocking_and_async_against_a_local_server(hostile_classes: Path) -> None:
    with local_server(_Completions) as url:
        result = run_main(hostile_classes, "StreamingCalls", url)
    assert result.ok and result.output.strip() == "ok", result.report()


def test_generated_holds_the_java_runtime_relocated_and_golden_trees_none_of_it() -> None:
    from generator.targets.java.render import runtime_files

    runtime = runtime_files(("com", "openai"))
    assert runtime
    for path, text in runtime.items():
        assert (ROOT / "generated" / path).read_text(encoding="utf-8") == text, path
        assert "sdkgen.runtime" not in text
    for name in JAVA_CASES:
        stored = sorted((ROOT / "tests" / "golden" / name / "java").rglob("*.java"))
        assert stored and not [p for p in stored if "/core/" in p.as_posix() or "/errors/" in p.as_posix()], name


def test_a_path_segment_of_literals_and_parameters_is_one_checked_segment(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE)
    document["paths"] = {
        "/files/{name}.{ext}": {
            "get": {
                "operationId": "getFile",
                "parameters": [
                    {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "ext", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {"204": {"description": "none"}},
            }
        }
    }
    files = render_target(_api(tmp_path, document))
    [service] = [text for path, text in files.items() if path.endswith("blocking/FileService.java")]
    expected = '.addPathParam("{name}.{ext}", params._pathParam("name") + "." + params._pathParam("ext"))'
    assert expected in service


def test_the_java_layout_is_final() -> None:
    """No formatter runs on Java: the templates print 4-space indents, one blank line between members,
    no trailing white space, no tab, a final line break."""
    trees = [ROOT / "generated" / "java"] + [ROOT / "tests" / "golden" / name / "java" for name in JAVA_CASES]
    problems = []
    for path in sorted(p for tree in trees for p in tree.rglob("*") if p.suffix in (".java", ".xml", ".md")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        if not text.endswith("\n") or text.endswith("\n\n"):
            problems.append(f"{where}: not one final line break")
        if "\n\n\n" in text:
            problems.append(f"{where}: two blank lines in a row")
        for number, line in enumerate(text.split("\n"), 1):
            indent = len(line) - len(line.lstrip(" "))
            if line != line.rstrip() or "\t" in line:
                problems.append(f"{where}:{number}: trailing white space or a tab")
            elif path.suffix == ".java" and indent % 4 and not line.lstrip().startswith("*"):
                problems.append(f"{where}:{number}: indent of {indent}")
    assert not problems, "\n".join(problems[:20])


def test_union_getters_stay_apart_when_variant_names_differ_past_the_length_cap(tmp_path: Path) -> None:
    """Two schemas whose names are alike for the first 100 characters (the cap) get classes `X...x`
    and `X...x2`; a union of both made its getters from those names and capped them again, and came
    out with one getter twice (found by the Java fuzz run with 80 specs)."""
    long = "x" * 120
    document = copy.deepcopy(BASE)
    schemas = document["components"]["schemas"]
    schemas[long] = {"type": "object", "properties": {"a": {"type": "string"}}}
    schemas[long + "y"] = {"type": "object", "properties": {"b": {"type": "string"}}}
    refs = [{"$ref": f"#/components/schemas/{key}"} for key in (long, long + "y")]
    schemas["Thing"]["properties"]["either"] = {"oneOf": refs}
    files = render_target(_api(tmp_path, document))
    union = next(text for path, text in files.items() if path.endswith("ThingEither.java"))
    getters = re.findall(r"public Optional<\w+> (\w+)\(\)", union)
    assert len(getters) == 2 and len(set(getters)) == 2, getters
