"""Fuzzing the generator with random valid specs (strategies in `fuzz_specs.py`).

For every spec: the generator does not crash (a SpecError on a valid spec is a crash too: the
strategies never draw the one invalid input, a `$ref` cycle with no object); every `.py` it writes
compiles; the package imports (in this process, from its own folder under its own name), its models
build, and the annotations of its TypedDicts and methods resolve; every resource and method the IR
names is reachable from both clients; generating twice gives the same bytes; pyproject.toml parses.
On a sample, the output is also run through black (as `sdkgen generate` does) and must be stable
under black and still compile and import.

`make test` runs a short derandomized run (`SDKGEN_FUZZ_EXAMPLES` unset: 25 examples, the same ones
every time); `make fuzz` sets SDKGEN_FUZZ_EXAMPLES=2000 for a long random run. Every bug the long run
found is pinned below as a plain regression test with its minimal spec inline.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import itertools
import json
import os
import shutil
import sys
import tempfile
import traceback
import typing
import unicodedata
import warnings
from pathlib import Path
from typing import Any, Dict, Iterator

import black
import httpx
import pydantic
import pytest
from hypothesis import HealthCheck, Phase, assume, event, given, note, settings
from hypothesis import strategies as st

from fuzz_specs import openapi_specs

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pyproject.toml goes unchecked
    tomllib = None  # type: ignore[assignment]
from generator.ir import model as ir
from generator.ir.build import build_api
from generator.errors import Diagnostics
from generator.targets.python.format import black_mode, format_files
from generator.spec.refs import open_spec
from generator.targets.python.naming import PythonNames, name_api
from generator.targets.python.render import render_all
from generator.spec.openapi_check import validation_errors

LONG_RUN = "SDKGEN_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("SDKGEN_FUZZ_EXAMPLES", "25"))
# One example in BLACK_EVERY also goes through black (slow: about half a second a spec).
BLACK_EVERY = 5

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,
    database=None if not LONG_RUN else settings.default.database,
    print_blob=True,
    # The short run does not shrink (a failure in `make test` should not take minutes: `make fuzz`
    # shrinks); neither run explains (it traces every line the generator runs: slow).
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target] + ([Phase.shrink] if LONG_RUN else []),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

_counter = itertools.count()
_http = httpx.Client()
_async_http = httpx.AsyncClient()


class InvalidSpec(Exception):
    """openapi-spec-validator rejects the spec: a strategy bug, not a generator bug."""


def generate(spec_path: Path, validate: bool = True) -> tuple[ir.Api, Dict[str, str]]:
    """Every stage of `pipeline.build_files` but black: the rendered files."""
    spec = open_spec(spec_path, spec_path.name)
    problems = validation_errors(spec) if validate else []
    if problems:
        raise InvalidSpec("\n".join(f"{place}: {message}" for place, message in problems[:5]))
    api = build_api(spec, Diagnostics())
    return api, render_all(api)


def check_spec(raw: Dict[str, Any], with_black: bool = False) -> None:
    """Every property for one spec; raises on the first that fails."""
    n = next(_counter)
    spec = copy.deepcopy(raw)
    config = spec.setdefault("x-sdkgen", {})
    # Unique in this process; a drawn package name is kept as a suffix.
    name = f"fuzz_{n}" + (f"_{config['package-name']}" if config.get("package-name") else "")
    while unicodedata.normalize("NFKC", name).lower() != name:  # package names are lowercase
        name = unicodedata.normalize("NFKC", name).lower()
    config["package-name"] = name
    package = unicodedata.normalize("NFKC", config["package-name"])  # what Python will call it
    work = Path(tempfile.mkdtemp(prefix="sdkgen-fuzz-"))
    try:
        spec_path = work / "spec.json"
        spec_path.write_text(json.dumps(spec, ensure_ascii=n % 2 == 0, indent=1), encoding="utf-8")
        api, files = generate(spec_path)
        _, again = generate(spec_path, validate=False)
        assert files == again, "two runs on the same spec gave different output"
        assert name_api(api).package == package
        if with_black:
            python = {path: text for path, text in files.items() if _spec_dependent(path)}
            formatted = format_files(python, use_cache=False)
            for path, text in formatted.items():
                assert black.format_str(text, mode=black_mode()) == text, f"{path} is not stable under black"
            files = {**files, **formatted}
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an invalid escape sequence is a warning, for now
            for path, text in files.items():
                if path.endswith(".py"):
                    compile(text, path, "exec", dont_inherit=True)
        if tomllib is not None:
            tomllib.loads(files["python/pyproject.toml"])
        out = work / "out"
        for path, text in files.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        failure = _failure(import_package, out / "python", package, api)
        if failure is not None:
            # Raised here, outside any `except`: the generated files' temporary paths in the
            # original traceback would make every run look like a different bug to hypothesis.
            kind, message = failure
            raise kind(message)
    finally:
        shutil.rmtree(work, ignore_errors=True)


class GeneratedPackageError(AssertionError):
    """Importing or using the generated package failed (the original traceback is in the message)."""


_package_errors: Dict[str, type] = {}


def _failure(function: Any, *args: Any) -> tuple[type, str] | None:
    """None, or the kind of error `function` raised (one class per original exception type, so that
    hypothesis still tells different bugs apart) and its message with the original traceback."""
    try:
        function(*args)
    except Exception as exc:
        name = type(exc).__name__
        kind = _package_errors.setdefault(name, type(f"GeneratedPackage{name}", (GeneratedPackageError,), {}))
        return kind, f"{name}: {exc}\n\n{traceback.format_exc()}"
    return None


def _spec_dependent(path: str) -> bool:
    """The modules whose code comes from the spec (the runtime modules are the same for every spec)."""
    name = path.rsplit("/", 1)[-1]
    return name.endswith(".py") and (not name.startswith("_") or name in ("__init__.py", "_client.py", "_settings.py"))


def _rebuild(model: Any) -> None:
    model.model_rebuild(force=True)


def _resources(node: ir.Resource, names: PythonNames, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], ir.Resource]]:
    """Every resource with its attribute path from the client."""
    yield path, node
    for child in node.children:
        yield from _resources(child, names, path + (names.attributes[child.path],))


def import_package(root: Path, package: str, api: ir.Api) -> None:
    """Import the generated package in-process, check what importing alone would not, then forget it."""
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    write_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            top = importlib.import_module(package)
            models = importlib.import_module(f"{package}.types.models")
            params = importlib.import_module(f"{package}.types.params")
            resource_modules = [
                importlib.import_module(f"{package}.resources.{p.stem}")
                for p in sorted((root / package / "resources").glob("*.py"))
                if p.stem != "__init__"
            ]
            for value in list(vars(models).values()):
                if inspect.isclass(value) and issubclass(value, pydantic.BaseModel) and value.__module__ == models.__name__:
                    _rebuild(value)
            for value in list(vars(params).values()):
                if typing.is_typeddict(value):
                    typing.get_type_hints(value)
            for module in resource_modules:
                for value in list(vars(module).values()):
                    if inspect.isclass(value) and value.__module__ == module.__name__:
                        for member in vars(value).values():
                            if inspect.isfunction(member):
                                typing.get_type_hints(member)
            # The spec's strings the runtime modules hold are the spec's own.
            runtime = importlib.import_module(f"{package}._base_client")
            assert top.__version__ == api.version, (top.__version__, api.version)
            assert runtime.API_KEY_ENV == api.api_key_env, (runtime.API_KEY_ENV, api.api_key_env)
            assert runtime.BASE_URL_ENV == api.base_url_env, (runtime.BASE_URL_ENV, api.base_url_env)
            assert runtime.DEFAULT_BASE_URL == api.base_url, (runtime.DEFAULT_BASE_URL, api.base_url)
            assert runtime.AUTH_PARAM_NAME == (api.auth.name or None), (runtime.AUTH_PARAM_NAME, api.auth.name)
            clients = [
                top.Client(api_key="k", base_url="http://127.0.0.1:9", http_client=_http),
                top.AsyncClient(api_key="k", base_url="http://127.0.0.1:9", http_client=_async_http),
            ]
            names = name_api(api)
            for client in clients:
                for raw in (False, True):
                    for path, node in _resources(api.root, names):
                        target = client.with_raw_response if raw else client
                        for name in path:
                            target = getattr(target, name)
                        for op in node.operations:
                            method = names.methods[op.id]
                            assert callable(getattr(target, method)), f"{'.'.join(path)}.{method}"
    finally:
        sys.dont_write_bytecode = write_bytecode
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


@FUZZ_SETTINGS
@given(spec=openapi_specs(), sample=st.integers(0, BLACK_EVERY - 1))
def test_generator_on_random_specs(spec: Dict[str, Any], sample: int) -> None:
    note(json.dumps(spec, ensure_ascii=True))  # the spec as the regression tests below take it
    try:
        # The last value, not 0: shrinking moves towards 0, and so away from black unless the
        # failure needs it.
        check_spec(spec, with_black=sample == BLACK_EVERY - 1)
    except InvalidSpec as exc:
        event("invalid spec (a strategy bug)")
        note(str(exc))
        assume(False)


# ---- regression tests: the minimal specs the long run found -------------------------------------

INFO = {"title": "Fuzz", "version": "1.0.0"}


def test_ref_with_percent_encoded_pointer() -> None:
    # A $ref is a URI: a JSON pointer in its fragment has non-ASCII characters percent-encoded.
    # Only the ref check decoded them; the schema stage looked the raw fragment up (KeyError).
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {},
            "components": {
                "schemas": {
                    "A": {"type": "object", "properties": {"é": {"type": "string"}}},
                    "B": {"$ref": "#/components/schemas/A/properties/%C3%A9"},
                }
            },
        }
    )


def test_properties_beside_a_typed_any_of() -> None:
    # A component with properties and an anyOf of types: declared as an alias (union first), then
    # modelled as "the properties only" by pointing at itself, and refused as a $ref cycle.
    check_spec(
        {
            "openapi": "3.0.3",
            "info": INFO,
            "paths": {},
            "components": {
                "schemas": {"A": {"properties": {"a": {"type": "string"}}, "anyOf": [{"type": "string"}]}}
            },
        }
    )


def test_env_var_names_with_quotes_and_backslashes() -> None:
    # x-sdkgen client env var names were printed raw into the clients' docstrings.
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {},
            "x-sdkgen": {"client": {"api-key-env": '"""', "base-url-env": "end\\"}},
        }
    )


def test_configured_names_that_nfkc_changes() -> None:
    # Python reads identifiers in NFKC: `c` + combining acute is `ć`, fullwidth `ｃｌａｓｓ` is `class`,
    # `𝔘` is `U`. A module file named in another form cannot be imported, a class defined as `𝔘`
    # is bound to `U` (so `__all__` names something that is not there).
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {
                "/a": {
                    "get": {
                        "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}},
                        "x-sdkgen": {"resource": "y.c\u0301", "method": "ｃｌａｓｓ"},
                    }
                }
            },
            "components": {
                "schemas": {"A": {"type": "object", "properties": {"a": {"type": "string"}}, "x-sdkgen": {"name": "𝔘"}}}
            },
        }
    )


def test_title_outside_the_basic_multilingual_plane() -> None:
    # pyproject.toml's description was written with json.dumps: an emoji became a surrogate pair
    # escape, which TOML does not accept.
    check_spec({"openapi": "3.1.0", "info": {"title": "😀", "version": "1"}, "paths": {}})


def test_method_name_with_a_leading_underscore() -> None:
    # Method names may not start with `_`, and the resolver numbers a name it must avoid: `_2`,
    # `_3`, ... which all start with `_` too. It never returned.
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {"/a": {"get": {"responses": {"204": {"description": ""}}, "x-sdkgen": {"method": "_"}}}},
        }
    )


def test_configured_schema_name_is_a_keyword() -> None:
    # x-sdkgen may name a schema with any identifier, `global` too: `class global(BaseModel)`.
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {},
            "components": {"schemas": {"A": {"type": "object", "properties": {"a": {"type": "string"}}, "x-sdkgen": {"name": "global"}}}},
        }
    )


@pytest.mark.parametrize("name", ["annotations", "TYPE_CHECKING", "TypeAliasType", "cast"])
def test_configured_schema_name_that_the_types_modules_import(name: str) -> None:
    # A union alias configured as `annotations` was left bound to `from __future__ import annotations`'s
    # feature object (pydantic: "Unable to generate pydantic-core schema for _Feature"); found by fuzzing.
    union = {"oneOf": [{"type": "string"}, {"type": "integer"}], "x-sdkgen": {"name": name}}
    holder = {"type": "object", "properties": {"u": {"$ref": "#/components/schemas/U"}}}
    check_spec({"openapi": "3.1.0", "info": INFO, "paths": {}, "components": {"schemas": {"U": union, "H": holder}}})


def test_resource_class_names_with_streaming_response_are_taken() -> None:
    # A guard: every resource has a `...ResourceWithStreamingResponse` class, reserved like the raw one.
    op = {"get": {"operationId": "list", "tags": ["things"], "responses": {"200": {"description": "ok"}}}}
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    check_spec({"openapi": "3.1.0", "info": INFO, "paths": {"/things": op},
                "components": {"schemas": {"ThingsResourceWithStreamingResponse": schema}}})


def test_package_name_that_is_no_bare_toml_key() -> None:
    # pyproject.toml printed the package name as a bare key (`名前 = ["py.typed"]`): not TOML.
    check_spec({"openapi": "3.1.0", "info": INFO, "paths": {}, "x-sdkgen": {"package-name": "名前"}})


def test_one_name_in_all() -> None:
    # `__all__` with one name was printed exploded; black joins a one-element tuple.
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {},
            "components": {"schemas": {"A": {"type": "object", "properties": {"a": {"type": "string", "readOnly": True}}}}},
        },
        with_black=True,
    )


def test_resource_module_names_from_long_tags_and_dunders() -> None:
    # A resource module was named by its whole resource path: a 300-character tag made a file name
    # no filesystem takes, and x-sdkgen `resource: __init__` overwrote resources/__init__.py (and,
    # as an attribute, the client's own `__init__`).
    def get(**config: Any) -> Dict[str, Any]:
        return {"responses": {"204": {"description": ""}}, **config}

    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {
                "/a": {"get": get(tags=["x" * 300])},
                "/b": {"get": get(**{"x-sdkgen": {"resource": "__init__"}})},
                "/c": {"get": get(**{"x-sdkgen": {"resource": "_"}})},
            },
        }
    )


def test_runtime_constants_beyond_the_bmp_and_with_quotes() -> None:
    # The runtime templates printed spec strings with Jinja's tojson: an emoji became a JSON
    # surrogate pair, in Python two lone surrogates (`__version__` was not the spec's version); a
    # `"` became `\"` where black writes single quotes.
    check_spec(
        {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": '"1.0😀'},
            "servers": [{"url": "https://api.example.test/😀"}],
            "paths": {},
            "x-sdkgen": {"client": {"api-key-env": "KEY_😀", "base-url-env": "URL_😀"}},
        },
        with_black=True,
    )


def test_fields_named_like_the_runtime_model_methods() -> None:
    # Fields `to_dict`/`to_json` replaced the runtime BaseModel's methods (pydantic warns).
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {},
            "components": {"schemas": {"A": {"type": "object", "properties": {"to_dict": {"type": "string"}, "to_json": {}}}}},
        }
    )


def test_validator_on_a_ref_cycle_through_an_object() -> None:
    # openapi-spec-validator collected the properties of allOf parts through $refs with no memory of
    # where it had been: a RecursionError, reported as "the spec nests too deeply to validate", on a
    # valid spec (the cycle B -> A -> B passes through the object A). Fixed in validate.py.
    check_spec(
        {
            "openapi": "3.0.3",
            "info": INFO,
            "paths": {},
            "components": {
                "schemas": {
                    "A": {"properties": {"a": {"type": "string"}}, "anyOf": [{"$ref": "#/components/schemas/B"}]},
                    "B": {"allOf": [{"$ref": "#/components/schemas/A"}]},
                }
            },
        }
    )


def test_member_names_the_class_bodies_use() -> None:
    # A resource or method named `cached_property` (or `overload`) rebinds the decorator the rest of
    # the class body still applies: "'cached_property' object is not callable" on import.
    def get(**config: Any) -> Dict[str, Any]:
        return {"responses": {"204": {"description": ""}}, **config}

    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {
                "/a": {"get": get(tags=["cached property"])},
                "/b": {"get": get(**{"x-sdkgen": {"resource": "r", "method": "cached_property"}})},
                "/c": {"get": get(**{"x-sdkgen": {"resource": "r", "method": "overload"}})},
                "/d": {"get": get(**{"x-sdkgen": {"resource": "r.overload"}})},
                "/e": {"get": get(**{"x-sdkgen": {"resource": "r.z"}})},
            },
        }
    )


def test_private_names_followed_by_a_combining_mark() -> None:
    # `_` then a combining accent is an identifier; without its leading underscore it is not (a
    # combining mark cannot start a name): a method or module named `\u0301x` does not compile.
    def get(**config: Any) -> Dict[str, Any]:
        return {"responses": {"204": {"description": ""}}, **config}

    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {
                "/a": {"get": get(**{"x-sdkgen": {"resource": "_\u0301y", "method": "_\u0301x"}})},
            },
        }
    )


def test_east_asian_wide_characters_in_a_line() -> None:
    # black measures a line in columns (a CJK character takes two); the format stage counted
    # characters, left this alias on one 97-column line, and black would have split it.
    # Fixed in format.py.
    check_spec(
        {"openapi": "3.1.0", "info": INFO, "paths": {}, "components": {"schemas": {"A": {"enum": ["名" * 35]}}}},
        with_black=True,
    )


def test_no_break_space_at_the_end_of_a_docstring_line() -> None:
    # black strips every line of a docstring of trailing white space as Python knows it (str.rstrip),
    # a no-break space included; textwrap breaks only at ASCII spaces and kept it at a line's end, so
    # black would have changed the model's docstring (found by the fuzz run with seed 106).
    # Fixed in python/text.py.
    # Wrapped after `end\u00a0`: the no-break space ends the first line.
    description = "word " * 15 + "end\u00a0    indented"
    schemas = {
        "A": {"type": "object", "description": description, "properties": {"a": {"type": "string", "description": description}}},
        "B": {"type": "string", "description": "one line\u00a0"},
    }
    check_spec({"openapi": "3.1.0", "info": INFO, "paths": {}, "components": {"schemas": schemas}}, with_black=True)


def test_configured_type_names_that_are_dunders() -> None:
    # x-sdkgen `name: __annotations__` bound the module's annotations dict to a class (the next
    # `X: TypeAlias = ...` failed on import); `__all__` would replace the export list.
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {
                "/a": {"get": {"responses": {"204": {"description": ""}}, "x-sdkgen": {"params-name": "__all__"}}},
            },
            "components": {
                "schemas": {
                    "A": {"type": "object", "properties": {"a": {"type": "string"}}, "x-sdkgen": {"name": "__annotations__"}},
                    "B": {"type": "string"},
                }
            },
        }
    )


def test_resource_and_method_names_that_make_a_type_name_start_with_a_digit() -> None:
    # Resource `a._0` and method `httpx`: the params type was named `0HttpxParams`, its inline
    # parameter and body types `0HttpxQParam`..., the resource class `0Resource`: no compile.
    check_spec(
        {
            "openapi": "3.1.0",
            "info": INFO,
            "paths": {
                "/a": {
                    "post": {
                        "x-sdkgen": {"resource": "a._0", "method": "httpx"},
                        "parameters": [{"name": "q", "in": "query", "schema": {"type": "object", "properties": {"x": {"type": "string"}}}}],
                        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"x": {"type": "object", "properties": {"y": {"type": "string"}}}}}}}},
                        "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"type": "object", "properties": {"x": {"type": "string"}}}}}}},
                    }
                }
            },
        }
    )
