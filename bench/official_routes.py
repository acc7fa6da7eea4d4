"""The routes of an installed Stainless-style SDK (the official `openai` package): read from its
source with `ast`, never imported, so that what it does at import time cannot matter.

A route is `METHOD /path/{}` (path parameters normalised to `{}`); its method path is the attribute
chain from the client class (`chat.completions.create`). Only sync resources are read: the async
ones mirror them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

HTTP_CALLS = {"_get": "GET", "_post": "POST", "_put": "PUT", "_patch": "PATCH", "_delete": "DELETE", "_get_api_list": "GET"}
SYNC_BASES = {"SyncAPIResource"}


def normal_route(method: str, path: str) -> str:
    """`GET /models/{model}` -> `GET /models/{}`: parameter names differ between a spec and an SDK."""
    return f"{method.upper()} {re.sub(r'{[^}]*}', '{}', path.rstrip('/') or '/')}"


@dataclass
class ResourceClass:
    module: str
    name: str
    children: dict[str, str] = field(default_factory=dict)  # attribute -> class name as annotated
    routes: dict[str, list[str]] = field(default_factory=dict)  # method name -> routes it calls


def path_text(node: ast.expr) -> str | None:
    """The path a call's first argument spells: a string, an f-string, or `path_template("...", ...)`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append("{}")
        return "".join(parts)
    if isinstance(node, ast.Call) and node.args:
        return path_text(node.args[0])
    return None


def calls_in(function: ast.FunctionDef) -> list[str]:
    """The routes a method's body requests with `self._get(...)` and its kind."""
    found = []
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
            continue
        http = HTTP_CALLS.get(node.func.attr)
        if http is None or not node.args:
            continue
        for keyword in node.keywords:  # `_get_api_list(..., method="post")`
            if keyword.arg == "method" and isinstance(keyword.value, ast.Constant):
                http = str(keyword.value.value).upper()
        path = path_text(node.args[0])
        if path is not None:
            found.append(normal_route(http, path))
    return found


def annotation_name(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def is_cached_property(function: ast.FunctionDef) -> bool:
    return any(annotation_name(d) == "cached_property" for d in function.decorator_list)


def read_class(module: str, node: ast.ClassDef) -> ResourceClass:
    resource = ResourceClass(module, node.name)
    for item in node.body:
        if not isinstance(item, ast.FunctionDef) or item.name.startswith("_"):
            continue
        if is_cached_property(item):
            child = annotation_name(item.returns)
            if child is not None and not item.name.startswith("with_"):
                resource.children[item.name] = child
        else:
            routes = calls_in(item)
            if routes:
                resource.routes[item.name] = routes
    return resource


class Package:
    """The modules of one package, parsed, with their imports resolved to classes."""

    def __init__(self, root: Path):
        self.root = root
        self.trees = {self._module(p): ast.parse(p.read_text(encoding="utf-8")) for p in root.rglob("*.py")}

    def _module(self, path: Path) -> str:
        parts = list(path.relative_to(self.root).with_suffix("").parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    def _is_package(self, module: str) -> bool:
        return (self.root / module.replace(".", "/") / "__init__.py").exists() or module == ""

    def _absolute(self, module: str, level: int, target: str | None) -> str:
        base = module.split(".") if module else []
        if not self._is_package(module):
            base = base[:-1]
        if level > 1:
            base = base[: len(base) - (level - 1)]
        return ".".join(base + (target.split(".") if target else []))

    def find_class(self, module: str, name: str, scope: ast.AST | None = None, depth: int = 0) -> tuple[str, ast.ClassDef] | None:
        """The class `name` means in `module` (or in a function of it: `scope`), through imports."""
        tree = self.trees.get(module)
        if tree is None or depth > 10:
            return None
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return module, node
        for node in [*(ast.walk(scope) if scope is not None else ()), *ast.walk(tree)]:
            if isinstance(node, ast.ImportFrom) and node.level > 0:
                for alias in node.names:
                    if (alias.asname or alias.name) == name:
                        source = self._absolute(module, node.level, node.module)
                        found = self.find_class(source, alias.name, None, depth + 1)
                        if found is not None:
                            return found
        return None


def official_routes(package_root: Path, client_module: str = "_client", client_class: str = "OpenAI") -> dict[str, set[str]]:
    """Route -> the method paths of the client that request it (`chat.completions.create`)."""
    package = Package(package_root)
    tree = package.trees[client_module]
    client = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == client_class)
    out: dict[str, set[str]] = {}
    seen: set[tuple[str, str]] = set()

    def visit(module: str, node: ast.ClassDef, prefix: tuple[str, ...]) -> None:
        if (module, node.name) in seen:
            return
        seen.add((module, node.name))
        resource = read_class(module, node)
        for method, routes in resource.routes.items():
            for route in routes:
                out.setdefault(route, set()).add(".".join(prefix + (method,)))
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name in resource.children:
                found = package.find_class(module, resource.children[item.name], item)
                if found is not None:
                    visit(found[0], found[1], prefix + (item.name,))
        seen.discard((module, node.name))

    visit(client_module, client, ())
    return out
