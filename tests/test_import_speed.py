"""Generated SDKs import lazily: `import pkg; Client(...)` loads no resource and no type, reaching a
resource loads its own types only, and `from pkg.types import X` still works (issue 12).

Counts modules (`sys.modules` in a fresh interpreter), never times anything: the bench times it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Set

import pytest

from generator.targets.python.modules import TypeItem, split_types
from generator.targets.python.views import AliasView, TypesModuleView
from tests.coverage_sdk import python_dir
from tests.golden_cases import ROOT

CHATKIT = ROOT / "generated" / "python"


def _loaded(folder: Path, code: str) -> Dict[str, object]:
    """Run `code` in a fresh interpreter with `folder` on sys.path; the modules it loaded (as a list
    under "modules") and whatever `out` it set."""
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(folder)!r})\n"
        "before = set(sys.modules)\n"
        "out = None\n"
        f"{code}\n"
        "print(json.dumps({'modules': sorted(set(sys.modules) - before), 'out': out}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data: Dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    return data


def _modules(data: Dict[str, object], prefix: str) -> Set[str]:
    modules = data["modules"]
    assert isinstance(modules, list)
    return {m for m in modules if m.startswith(prefix)}


def test_client_loads_no_resource_and_no_type() -> None:
    data = _loaded(CHATKIT, "import chatkit_client\nclient = chatkit_client.Client(api_key='sk-test')")
    assert _modules(data, "chatkit_client.resources.") == set()
    assert _modules(data, "chatkit_client.types.") == set()
    assert "chatkit_client.types" in _modules(data, "chatkit_client.types")  # the lazy index only


def test_one_resource_loads_its_own_types_only() -> None:
    data = _loaded(CHATKIT, "import chatkit_client\nchatkit_client.Client(api_key='sk-test').beta.chatkit.sessions")
    assert _modules(data, "chatkit_client.resources.") == {
        "chatkit_client.resources.beta", "chatkit_client.resources.beta_chatkit",
        "chatkit_client.resources.beta_chatkit_sessions",
    }
    assert _modules(data, "chatkit_client.types.") == {"chatkit_client.types._beta_chatkit_sessions"}
    every = {p.stem for p in (CHATKIT / "chatkit_client" / "types").glob("_*.py")} - {"__init__"}
    assert len(every) > 1  # so that "only its own" means something


def test_raw_and_streaming_wrappers_are_lazy_too() -> None:
    data = _loaded(CHATKIT, "import chatkit_client\nchatkit_client.AsyncClient(api_key='sk').with_raw_response.beta")
    assert _modules(data, "chatkit_client.resources.") == {"chatkit_client.resources.beta"}


def test_names_of_the_types_package_still_import() -> None:
    code = (
        "from chatkit_client.types import ChatKitThread, ThreadListParams\n"
        "import chatkit_client.types as t\n"
        "from chatkit_client.types.models import ChatSession\n"
        "try:\n"
        "    from chatkit_client.types import NoSuchType\n"
        "    missing = False\n"
        "except ImportError:\n"
        "    missing = True\n"
        "ns = {}\n"
        "exec('from chatkit_client.types import *', ns)\n"
        "out = {'thread': ChatKitThread.__module__, 'missing': missing, 'star': sorted(set(t.__all__) - set(ns)),"
        " 'same': t.ChatSession is ChatSession, 'models': t.models.ChatKitThread is ChatKitThread,"
        " 'dir': 'ChatSession' in dir(t), 'params': 'ThreadListParams' in t.params.__all__}"
    )
    out = _loaded(CHATKIT, code)["out"]
    assert out == {"thread": "chatkit_client.types._beta_chatkit_threads", "missing": True, "star": [],
                   "same": True, "models": True, "dir": True, "params": True}


@pytest.mark.slow  # a fresh interpreter per module
@pytest.mark.parametrize("theme", ["cov_recursion", "cov_names", "cov_composition", "multifile_petstore"])
def test_every_types_module_imports_first(theme: str) -> None:
    """Each split module, imported before any other in a fresh interpreter, imports and its models
    validate (forward references across modules resolve): no order of first use breaks."""
    folder = python_dir(theme)
    stems = sorted(p.stem for p in (folder / theme / "types").glob("_*.py") if p.stem != "__init__")
    assert stems
    for stem in stems:
        code = (
            "import importlib, pydantic\n"
            f"m = importlib.import_module('{theme}.types.{stem}')\n"
            "for name in m.__all__:\n"
            "    value = getattr(m, name)\n"
            "    if isinstance(value, type) and issubclass(value, pydantic.BaseModel):\n"
            "        value.model_rebuild(raise_errors=True)\n"
        )
        _loaded(folder, code)


# ---- the split itself -----------------------------------------------------------------------------


def _item(name: str, uses: List[str]) -> TypeItem:
    return TypeItem(name, "model_alias", AliasView(name, "int", []), set(), set(uses))


def _imports(module: TypesModuleView) -> Set[str]:
    return {line.split()[1][1:] for line in module.imports if line.startswith("from ._")}


def test_split_follows_the_resources_and_has_no_cycle() -> None:
    items = [
        _item("A", ["B"]), _item("B", ["A", "S"]),  # a cycle of chat's own types
        _item("S", ["T"]), _item("T", ["S"]),  # a cycle both resources reach
        _item("R", ["S"]),  # responses' own
        _item("U", ["A", "R"]),  # no operation uses it
    ]
    modules, home = split_types(items, {"chat": {"A"}, "responses": {"R"}}, {"chat": "chat", "responses": "responses"})
    assert home == {"A": "_chat", "B": "_chat", "S": "_shared_chat_responses", "T": "_shared_chat_responses",
                    "R": "_responses", "U": "_other"}
    graph = {m.name: _imports(m) for m in modules}
    assert graph == {"_chat": {"_shared_chat_responses"}, "_responses": {"_shared_chat_responses"},
                     "_shared_chat_responses": set(), "_other": {"_chat", "_responses"}}
    docs = {m.name: m.doc for m in modules}
    assert docs["_shared_chat_responses"] == "Types that `client.chat` and `client.responses` share."


def test_a_long_shared_name_is_cut_and_stays_distinct() -> None:
    resources = [f"resource_number_{n}" for n in range(6)]
    items = [_item("X", []), _item("Y", [])]
    roots = {r: {"X"} for r in resources} | {r: {"X", "Y"} for r in resources[:5]}
    modules, home = split_types(items, roots, {})
    assert home["X"] != home["Y"]
    assert all(len(m.name.encode()) <= 48 + 2 for m in modules)
    assert home["X"].startswith("_shared_resource_number_0") and "_more" in home["X"]
