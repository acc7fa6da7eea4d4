"""Where each type lives: the package's types modules, split by the resources that reach them.

A resource module imports its types, so reaching one resource loads the types it needs and no others.
Each type goes to the module of the set of resources that reach it (through any number of other
types): a type only `chat` reaches lives in `types/_chat.py`, one both `chat` and `responses` reach in
`types/_shared_chat_responses.py`, one no operation reaches in `types/_other.py`. When a type names
another, every resource that reaches the first reaches the second, so a module only imports modules
whose sets hold its own: the modules import each other without a cycle, and the members of a cycle
of types (which all reach each other) share one module. Inside a module the types keep the order of
the old single module (enums, models, aliases in dependency order, TypedDicts, their aliases).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...ir.naming import Claim, resolve
from ...memo import digest
from .layout import import_from
from .support import import_lines
from .views import AliasView, ModelView, TypedDictView, TypesModuleView

# Names of the types package that are not split modules: the lazy index and the two aggregates.
RESERVED_MODULES = frozenset({"__init__", "models", "params"})
_MAX_STEM = 48  # bytes: a shared module's name lists resources up to there (then made distinct)


@dataclass
class TypeItem:
    """One type as the lowering made it: its view, the helper names and the types it uses."""

    name: str
    kind: str  # enum, model, model_alias, typed_dict, param_alias
    view: ModelView | AliasView | TypedDictView
    used: set[str] = field(default_factory=set)
    types_used: set[str] = field(default_factory=set)
    key: str = ""  # its name in the memo (what it was lowered from), "" without one


def _reach(items: dict[str, TypeItem], roots: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """For each type, the resources (module stems) that reach it."""
    reach: dict[str, set[str]] = {name: set() for name in items}
    for resource, names in roots.items():
        stack = [n for n in names if n in items]
        seen: set[str] = set()
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            reach[name].add(resource)
            stack.extend(n for n in items[name].types_used if n in items and n not in seen)
    return {name: frozenset(resources) for name, resources in reach.items()}


def _module_stem(resources: frozenset[str]) -> str:
    """`_chat`; `_shared_chat_responses`; past `_MAX_STEM` bytes, `_shared_a_b_and_3_more`."""
    if not resources:
        return "_other"
    if len(resources) == 1:
        return "_" + next(iter(resources))
    ordered = sorted(resources)
    stem = "_shared_" + ordered[0]
    for index, resource in enumerate(ordered[1:], 1):
        rest = len(ordered) - index
        longer = f"{stem}_{resource}"
        if len((longer if rest == 1 else f"{longer}_and_{rest - 1}_more").encode("utf-8")) > _MAX_STEM:
            return f"{stem}_and_{rest}_more"
        stem = longer
    return stem


def _doc(resources: frozenset[str], labels: dict[str, str]) -> str:
    if not resources:
        return "Types no operation uses."
    paths = [f"`client.{labels.get(r, r)}`" for r in sorted(resources, key=lambda r: labels.get(r, r))]
    if len(paths) == 1:
        return f"Types of {paths[0]}."
    text = f"Types that {', '.join(paths[:-1])} and {paths[-1]} share."
    return text if len(text) <= 80 else f"Types that {len(paths)} resources share, {paths[0]} among them."


def split_types(
    items: list[TypeItem], roots: dict[str, set[str]], labels: dict[str, str]
) -> tuple[list[TypesModuleView], dict[str, str]]:
    """The types modules (by name) and each type's module, for `items` in their printing order and
    the types each resource module uses directly (`roots`, by the resource module's stem; `labels`
    is each one's attribute path from the client, for the docstrings)."""
    by_name = {item.name: item for item in items}
    reach = _reach(by_name, roots)
    keys = sorted(set(reach.values()), key=lambda k: (len(k) > 1, sorted(k)))
    claims = [Claim("\0".join(sorted(key)), (_module_stem(key),)) for key in keys]
    # Not a type's name either: importing a module binds its name in the package.
    stems = resolve(claims, reserved=RESERVED_MODULES | set(by_name), fold=str.lower)
    home = {name: stems["\0".join(sorted(reach[name]))] for name in by_name}
    members: dict[str, list[TypeItem]] = {}
    for item in items:
        members.setdefault(home[item.name], []).append(item)
    docs = {stems["\0".join(sorted(key))]: _doc(key, labels) for key in keys}
    modules = [_module(stem, docs[stem], members[stem], home) for stem in sorted(members)]
    return modules, home


def _module(stem: str, doc: str, items: list[TypeItem], home: dict[str, str]) -> TypesModuleView:
    used: set[str] = set()
    foreign: dict[str, set[str]] = {}
    local = {item.name for item in items}
    for item in items:
        used |= item.used
        for name in item.types_used - local:
            foreign.setdefault(home[name], set()).add(name)
    imports = import_lines(used, "..")
    kinds = {item.kind for item in items}
    relative = ["from .._models import BaseModel"] if "model" in kinds else []
    relative += [import_from(f".{module}", sorted(foreign[module], key=lambda n: (n.lower(), n))) for module in sorted(foreign)]
    if relative:
        imports += ["", *relative] if imports else relative

    aliases = {kind: [i.view for i in items if i.kind == kind and isinstance(i.view, AliasView)] for kind in ("enum", "model_alias", "param_alias")}
    exports = sorted(local, key=lambda n: (n.lower(), n))
    # Each item's view is what its memo name was lowered from, so the names stand for the views.
    keyed = all(item.key for item in items)
    return TypesModuleView(
        name=stem,
        doc=doc,
        imports=imports,
        exports=exports,
        memo_key=digest(stem, doc, imports, exports, [(i.kind, i.key) for i in items]) if keyed else "",
        enums=aliases["enum"],
        models=[i.view for i in items if isinstance(i.view, ModelView)],
        model_aliases=aliases["model_alias"],
        typed_dicts=[i.view for i in items if isinstance(i.view, TypedDictView)],
        param_aliases=aliases["param_alias"],
    )


def grouped_imports(names: list[str], home: dict[str, str], prefix: str) -> list[str]:
    """`from <prefix><module> import ...` lines for `names`, one per module, by module."""
    by_module: dict[str, list[str]] = {}
    for name in names:
        by_module.setdefault(home[name], []).append(name)
    return [import_from(f"{prefix}{module}", sorted(by_module[module], key=lambda n: (n.lower(), n))) for module in sorted(by_module)]
