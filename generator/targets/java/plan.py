"""The SDK's classes, decided at once: which exist, their packages and their names.

Every class (models, enums, unions, inline unions and enums, params, pages, services, clients) takes
its name in one namespace (`naming.settle_types`), so that no file ever imports two classes of one
simple name. Named things claim first, then the classes named after them (inline types after their
owner, `Inline`), then nothing else: the outcome depends on the spec's names, not its order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from ...ir import model as ir
from ...ir.naming import Claim, singular
from . import packages
from .naming import settle_types, type_identifier, type_of
from .settings import JavaSettings, java_settings
from .types import Inline, Lowerer, inline_classes, string_literals, strip_null

# Class kinds: a model (JSON object), an enum (of strings), a union; per operation a params class
# (`op:<id>`) and, when it pages, its pages; per resource its services (`svc:<path>`).
KINDS = ("model", "enum", "union")


@dataclass(frozen=True)
class JavaClass:
    key: str
    kind: str
    package: tuple[str, ...]
    name: str

    @property
    def qualified(self) -> str:
        return ".".join(self.package + (self.name,))


@dataclass
class Plan:
    api: ir.Api
    settings: JavaSettings
    classes: dict[str, JavaClass] = field(default_factory=dict)
    type_keys: dict[str, str] = field(default_factory=dict)  # def id / inline key -> class key
    inlines: dict[str, Inline] = field(default_factory=dict)  # class key -> inline
    body_ids: set[str] = field(default_factory=set)  # request bodies rendered inside their params
    lowerer: Lowerer | None = None

    @property
    def base(self) -> tuple[str, ...]:
        return self.settings.package

    def cls(self, key: str) -> JavaClass:
        return self.classes[key]

    @property
    def types(self) -> Lowerer:
        assert self.lowerer is not None
        return self.lowerer

    def runtime(self, *parts: str) -> str:
        """A runtime class's qualified name, relocated to the base package."""
        return ".".join(self.base + parts)

    def client_names(self) -> dict[str, str]:
        name = self.settings.client_name
        return {
            "client": f"{name}Client",
            "client_async": f"{name}ClientAsync",
            "client_impl": f"{name}ClientImpl",
            "client_async_impl": f"{name}ClientAsyncImpl",
            "okhttp": f"{name}OkHttpClient",
            "okhttp_async": f"{name}OkHttpClientAsync",
        }


def walk(node: ir.Resource) -> Iterator[ir.Resource]:
    yield node
    for child in node.children:
        yield from walk(child)


def _type_kind(definition: ir.Definition) -> str | None:
    if isinstance(definition, ir.ObjectDef):
        return "model"
    if isinstance(definition, ir.EnumDef):
        return "enum" if definition.values and all(isinstance(v, str) for v in definition.values) else None
    if isinstance(definition, ir.AliasDef):
        target, _ = strip_null(definition.target)
        if string_literals(target) is not None:
            return "enum"
        if isinstance(target, ir.UnionType):
            return "union"
    return None


def _op_words(op: ir.Operation) -> tuple[str, ...]:
    last = op.resource[-1].words if op.resource else ()
    return tuple(singular(w) for w in last[-1:]) if last else ()


def _qualified(path: tuple[ir.Name, ...]) -> list[tuple[str, ...]]:
    """The words of a resource path, innermost first, each segment singular: (role,), (user, role),
    (project, user, role)... What tells apart the classes of `roles` under users and under groups
    before a number does."""
    segments = [tuple(singular(w) if i == len(n.words) - 1 else w for i, w in enumerate(n.words)) for n in path]
    return [tuple(w for segment in segments[start:] for w in segment) for start in range(len(segments) - 1, -1, -1)]


def plan(api: ir.Api) -> Plan:
    settings = java_settings(api)
    result = Plan(api, settings)
    base = settings.package
    model_packages = packages.model_packages(api, base)
    result.body_ids = {
        op.body.type.id
        for op in api.operations
        if op.body is not None
        and isinstance(op.body.type, ir.DefRef)
        and not api.definitions[op.body.type.id].is_component
        and isinstance(api.definitions[op.body.type.id], ir.ObjectDef)
    }
    claims: list[Claim] = []
    pending: dict[str, tuple[str, tuple[str, ...]]] = {}  # class key -> kind, package

    def claim(key: str, kind: str, package: tuple[str, ...], candidates: tuple[str, ...], priority: int, depth: int = 0) -> None:
        pending[key] = (kind, package)
        # Of alike names a shallower resource's class keeps the plain one (`threads` beside `forum.threads`).
        claims.append(Claim(key, tuple(dict.fromkeys(candidates)), priority, order=depth))

    for ident, definition in api.definitions.items():
        kind = _type_kind(definition)
        if kind is None or ident in result.body_ids:
            continue
        candidates = tuple(type_of(n) for n in definition.name_candidates) or ("Model",)
        claim(ident, kind, model_packages[ident], candidates, 1)
        result.type_keys[ident] = ident
    for op in api.operations:
        resource_package = base + ("models",) + packages.segments(op.resource)
        stem = _op_words(op) + op.method.words
        stems = [stem] + [q + op.method.words for q in _qualified(op.resource)[1:]]
        params = (type_of(op.params_name),) if op.params_name else tuple(type_identifier(s + ("params",)) for s in stems)
        claim(f"op:{op.id}", "params", resource_package, params, 1, len(op.resource))
        if op.pagination is not None:
            claim(f"page:{op.id}", "page", resource_package, tuple(type_identifier(s + ("page",)) for s in stems), 2, len(op.resource))
            claim(f"pageasync:{op.id}", "page_async", resource_package, tuple(type_identifier(s + ("page", "async")) for s in stems), 2, len(op.resource))
    for node in walk(api.root):
        key = "/".join(n.text for n in node.path)
        words = tuple(singular(w) for w in node.path[-1].words[-1:]) if node.path else ("root",)
        head = node.path[-1].words[:-1] if node.path else ()
        forms = [words, head + words] + _qualified(node.path)[1:]
        claim(
            f"svc:{key}",
            "service",
            packages.service_package(base, "blocking", node.path) if node.path else base + ("services", "blocking"),
            tuple(type_identifier(f + ("service",)) for f in forms),
            2,
            len(node.path),
        )
        claim(
            f"svcasync:{key}",
            "service_async",
            packages.service_package(base, "async", node.path) if node.path else base + ("services", "async"),
            tuple(type_identifier(f + ("service", "async")) for f in forms),
            2,
            len(node.path),
        )
    reserved = set(result.client_names().values())
    names = settle_types(claims, reserved)
    for key, (kind, package) in pending.items():
        result.classes[key] = JavaClass(key, kind, package, names[key])

    # Inline unions and enums, named after their owner.
    owners = {ident: ident for ident in result.type_keys}
    body_owner = {
        op.body.type.id: f"op:{op.id}"
        for op in api.operations
        if op.body is not None and isinstance(op.body.type, ir.DefRef)
    }
    inline_claims: list[Claim] = []
    inline_pending: dict[str, tuple[str, tuple[str, ...]]] = {}
    for inline in inline_classes(api, owners, result.body_ids):
        owner_key = body_owner.get(inline.owner[5:], inline.owner) if inline.owner.startswith("body:") else inline.owner
        owner = result.classes.get(owner_key)
        if owner is None:
            continue
        key = f"inline:{inline.key}"
        kind = "enum" if string_literals(inline.expr) is not None else "union"
        prefix = (
            owner.name[: -len("Params")] if owner.kind == "params" and owner.name.endswith("Params") else owner.name
        )
        inline_claims.append(Claim(key, (prefix + type_identifier(inline.words or ("value",)),), 3))
        inline_pending[key] = (kind, owner.package)
        result.inlines[key] = inline
        result.type_keys[inline.key] = key
    inline_names = settle_types(inline_claims, reserved | set(names.values()))
    for key, (kind, package) in inline_pending.items():
        result.classes[key] = JavaClass(key, kind, package, inline_names[key])

    kinds = {key: c.kind for key, c in result.classes.items()}
    result.lowerer = Lowerer(api.definitions, result.type_keys, lambda key: result.classes[key].name, kinds)
    return result
