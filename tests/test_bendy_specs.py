"""Real specs that bend the standard, and specs of thousands of files.

- A `$ref` to a string where OpenAPI expects a string (a description, a summary), as specs split for
  Redocly write it (`description: {$ref: 'description.yml#/introduction'}`): inlined as bundlers do;
  a validation problem (an error in strict mode, a warning with --skip-validation) at the ref.
- A `default` that does not fit its schema: a warning with its place, in strict mode too, and the
  generated code stays sound (no typed default is emitted from it).
- A split spec of thousands of files loads in work linear in its size, counted (files read, parses,
  pointer operations, bytes scanned for lines, component names tried), never timed.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from generator.cli import main as cli_main
from generator.errors import SpecError
from generator.spec import bundle, chains, document, files, lines, loader, texts
from generator.spec.refs import open_spec


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _cli(tmp_path: Path, spec: Path, *args: str) -> Any:
    return CliRunner().invoke(cli_main, ["generate", "--spec", str(spec), "--out", str(tmp_path / "out"), *args])


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---- a $ref to a string -------------------------------------------------------------------------------

TEXT_REFS = """\
openapi: 3.1.0
info:
  title: Texts
  version: 1.0.0
  description:
    $ref: description.yml#/introduction
tags:
  - name: items
    description:
      $ref: description.yml#/items
paths:
  /items:
    $ref: paths/items.yaml
x-texts:
  summary: List the items.
"""

ITEMS = """\
get:
  operationId: listItems
  tags: [items]
  summary:
    $ref: '../spec.yaml#/x-texts/summary'
  description: {$ref: '#/x-local'}
  responses:
    "200":
      description: OK
x-local: Every item, newest first.
"""

DESCRIPTION = """\
introduction: |
  # Texts

  An API whose texts live in another file.
items: Everything about items.
"""


def _text_spec(folder: Path) -> Path:
    _write(folder / "description.yml", DESCRIPTION)
    _write(folder / "paths" / "items.yaml", ITEMS)
    return _write(folder / "spec.yaml", TEXT_REFS)


def test_refs_to_strings_are_inlined_where_a_string_belongs(tmp_path: Path) -> None:
    spec = open_spec(_text_spec(tmp_path), "spec.yaml")
    assert spec.document["info"]["description"].startswith("# Texts\n")
    assert spec.document["tags"][0]["description"] == "Everything about items."
    get = spec.document["paths"]["/items"]["get"]
    assert get["summary"] == "List the items."
    assert get["description"] == "Every item, newest first."
    # The text's place is the file it is written in; the problem's place is the ref.
    assert (spec.place("#/tags/0/description").file, spec.place("#/tags/0/description").line) == ("description.yml", 5)
    assert [(str(place), message.split(" names")[0]) for place, message in spec.bent] == [
        ("spec.yaml:6: #/info/description/$ref", "$ref 'description.yml#/introduction'"),
        ("spec.yaml:10: #/tags/0/description/$ref", "$ref 'description.yml#/items'"),
        ("paths/items.yaml:5: #/get/summary/$ref", "$ref '../spec.yaml#/x-texts/summary'"),
        ("paths/items.yaml:6: #/get/description/$ref", "$ref '#/x-local'"),
    ]


def test_strict_mode_refuses_a_ref_to_a_string_and_skip_validation_generates(isolated: Path) -> None:
    spec = _text_spec(isolated)
    strict = _cli(isolated, spec)
    assert strict.exit_code == 2 and "Traceback" not in strict.output
    assert strict.stderr.startswith(
        "sdkgen: error: spec.yaml:6: #/info/description/$ref: $ref 'description.yml#/introduction' names a string "
        "where OpenAPI allows no $ref (bundlers inline it, as --skip-validation does): write the text here\n"
    ), strict.stderr
    assert not (isolated / "out").exists()
    lenient = _cli(isolated, spec, "--skip-validation")
    assert lenient.exit_code == 0, lenient.output
    warnings = [line for line in lenient.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 4 and all("names a string where OpenAPI allows no $ref" in w for w in warnings)
    index = (isolated / "out" / "docs" / "index.md").read_text()
    assert "An API whose texts live in another file." in index and "List the items." in index


def test_a_ref_to_a_string_where_an_object_belongs_is_still_refused(tmp_path: Path) -> None:
    _write(tmp_path / "texts.yaml", "pet: A pet.\n")
    spec = _write(tmp_path / "spec.yaml", """\
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /pets: {$ref: 'texts.yaml#/pet'}
        """)
    with pytest.raises(SpecError) as caught:
        open_spec(spec, "spec.yaml")
    assert str(caught.value) == "spec.yaml:4: #/paths/~1pets/$ref: $ref 'texts.yaml#/pet' names a str, not an object"


# ---- defaults that do not fit -----------------------------------------------------------------------

DEFAULTS = """\
openapi: {version}
info: {{title: Defaults, version: 1.0.0}}
paths:
  /things:
    post:
      operationId: createThing
      parameters:
        - name: verbose
          in: query
          schema: {{type: boolean, default: 'true'}}
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Thing'}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Thing'}}
components:
  schemas:
    Options:
      type: object
      properties:
        a: {{type: string}}
    Thing:
      type: object
      properties:
        flag: {{type: boolean, default: 'true'}}
        options:
          allOf: [{{$ref: '#/components/schemas/Options'}}]
          default: null
        count: {{type: integer, default: 'x'}}
        size: {{type: integer, default: 3}}
"""


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_default_that_does_not_fit_is_a_warning_in_strict_mode(isolated: Path, version: str) -> None:
    spec = _write(isolated / "spec.yaml", DEFAULTS.format(version=version))
    result = _cli(isolated, spec)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    expected = [
        (10, "#/paths/~1things/post/parameters/0/schema/default", "'true' is not of type 'boolean'"),
        (30, "#/components/schemas/Thing/properties/flag/default", "'true' is not of type 'boolean'"),
        (33, "#/components/schemas/Thing/properties/options/default", "None"),
        (34, "#/components/schemas/Thing/properties/count/default", "'x' is not of type 'integer'"),
    ]
    for line, pointer, message in expected:
        prefix = f"warning: spec.yaml:{line}: {pointer}: spec validation: the default does not fit the schema: {message}"
        assert any(w.startswith(prefix) for w in warnings), (prefix, warnings)
    assert all("the default does not fit the schema" in w for w in warnings)
    # No typed default comes from them (the Python target's `default_fits`): the model's fields
    # default to None, the parameter to omit; a default that fits is kept.
    sdk = isolated / "out" / "python" / "defaults"
    models = "".join(p.read_text() for p in (sdk / "types").glob("*.py"))
    assert "'true'" not in models and '"true"' not in models and '"x"' not in models
    assert "flag: Optional[bool] = None" in models and "size: int = 3" in models
    resources = (sdk / "resources" / "things.py").read_text()
    assert "verbose: Union[bool, Omit] = omit" in resources


# ---- thousands of files -----------------------------------------------------------------------------


def _many_files(root: Path, n: int) -> Path:
    """A split spec of 3n + 2 files: per path a path-item file, a schema file (each referring to the
    next, a cycle through objects) and an error file whose schema is named `Error` like all the others
    (bundled as Error, Error2, ... Error<n>); a text file whose strings are the descriptions of n tags
    in the root and of every operation."""
    (root / "paths").mkdir(parents=True)
    (root / "schemas").mkdir()
    (root / "errors").mkdir()
    (root / "texts.yaml").write_text("".join(f"t{i}: Text {i}.\n" for i in range(n)))
    spec = ["openapi: 3.1.0", "info: {title: Many, version: '1'}", "tags:"]
    spec += [f"  - name: tag{i}\n    description: {{$ref: 'texts.yaml#/t{i}'}}" for i in range(n)]
    spec.append("paths:")
    for i in range(n):
        spec.append(f"  /r{i}:\n    $ref: paths/p{i}.yaml")
        (root / "paths" / f"p{i}.yaml").write_text(
            f"get:\n  operationId: get{i}\n  tags: [tag{i}]\n  description: {{$ref: '../texts.yaml#/t{i}'}}\n"
            f"  responses:\n    '200':\n      description: OK\n      content:\n        application/json:\n"
            f"          schema: {{$ref: '../schemas/s{i}.yaml'}}\n    default:\n      description: Bad\n"
            f"      content:\n        application/json:\n"
            f"          schema: {{$ref: '../errors/e{i}.yaml#/components/schemas/Error'}}\n"
        )
        (root / "schemas" / f"s{i}.yaml").write_text(
            f"type: object\nproperties:\n  id: {{type: string}}\n  next: {{$ref: 's{(i + 1) % n}.yaml'}}\n"
        )
        (root / "errors" / f"e{i}.yaml").write_text(
            f"components:\n  schemas:\n    Error:\n      type: object\n      properties:\n        code{i}: {{type: integer}}\n"
        )
    return _write(root / "spec.yaml", "\n".join(spec) + "\n")


def _work(monkeypatch: pytest.MonkeyPatch, spec_path: Path) -> Counter[str]:
    """What loading the spec costs: files read, parses, pointer operations, bytes scanned for lines,
    component names tried."""
    counts: Counter[str] = Counter()

    def counting(module: Any, name: str, weigh: Callable[..., int] = lambda *a, **k: 1, key: str = "") -> None:
        original = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counts[key or name] += weigh(*args, **kwargs)
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(files, "load_file", key="files read")
    counting(loader, "parse_text", key="parses")
    for module in (document, files, bundle, chains, texts):
        for name in ("node_at", "split_pointer", "join_pointer"):
            if hasattr(module, name):
                counting(module, name, key="pointer operations")
    counting(lines, "_scan_lines", weigh=lambda text, *a: len(text), key="bytes scanned for lines")
    counting(bundle, "_numbered", key="names tried")
    spec = open_spec(spec_path, "spec.yaml")
    monkeypatch.undo()
    counts["bundled schemas"] = len(spec.document["components"]["schemas"])
    return counts


@pytest.mark.parametrize("small, large", [(150, 300), pytest.param(1000, 2000, marks=pytest.mark.slow)])  # 3n + 2 files
def test_thousands_of_files_load_in_linear_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small: int, large: int) -> None:
    at_small = _work(monkeypatch, _many_files(tmp_path / "small", small))
    at_large = _work(monkeypatch, _many_files(tmp_path / "large", large))
    assert at_small["files read"] == 3 * small + 1 and at_large["files read"] == 3 * large + 1
    assert at_large["bundled schemas"] == 2 * large
    for what, count in at_small.items():
        assert count > 0, what
        # Doubling the files doubles the work (file names grow by a digit: a little over 2).
        assert 1.9 <= at_large[what] / count <= 2.2, (what, count, at_large[what])


def test_a_one_file_spec_with_a_local_ref_to_a_string(tmp_path: Path) -> None:
    spec = open_spec(_write(tmp_path / "spec.yaml", """\
        openapi: 3.0.3
        info:
          title: One
          version: '1'
          description: {$ref: '#/x-texts/intro'}
        paths: {}
        x-texts:
          intro: Written once.
        """), "spec.yaml")
    assert spec.document["info"]["description"] == "Written once."
    assert [str(place) for place, _ in spec.bent] == ["spec.yaml:5: #/info/description/$ref"]
    assert spec.place("#/info/description").line == 8


def test_an_sdk_with_defaults_that_do_not_fit_passes_mypy(isolated: Path) -> None:
    """The `mypy` in the name puts it in the slow tier (tests/conftest.py)."""
    from typecheck import OLDEST_PYTHON, mypy_strict

    spec = _write(isolated / "spec.yaml", DEFAULTS.format(version="3.0.3"))
    assert _cli(isolated, spec).exit_code == 0
    result = mypy_strict(isolated / "out" / "python", python_version=OLDEST_PYTHON)
    assert result.ok, result.report()
