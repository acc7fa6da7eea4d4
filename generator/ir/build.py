"""Stage 4: spec -> IR. The normalised view of the spec (`spec/normal.py`) is made first, and every
builder reads it: schemas, then operations, then who uses what, then the resource tree."""

from __future__ import annotations

from dataclasses import replace

from . import model as ir
from .clashes import refuse_configured_clashes
from .config import KEY, schema_config, top_config
from ..errors import Diagnostics
from ..spec.pointers import join_pointer
import re

from .naming import ascii_fold
from .operations import OperationBuilder, with_body_fields
from .schema_nodes import union
from .schemas import SchemaBuilder
from .graph import cycle_through, cyclic_components
from .usage import mark_usage
from ..spec.document import Spec
from ..spec.normal import normalise

# A derived env var prefix is capped like a derived package name (an env name has no limit, a
# shell line has).
MAX_ENV_PREFIX = 99


class IRBuilder:
    def __init__(self, spec: Spec, diagnostics: Diagnostics):
        self.spec = spec
        self.diagnostics = diagnostics
        self.view = normalise(spec)  # what every builder reads
        self.schemas = SchemaBuilder(spec, self.view, diagnostics)

    def build(self) -> ir.Api:
        config = top_config(self.spec)
        self.schemas.declare_components()
        self.schemas.fill_all()
        operations = OperationBuilder(self.spec, self.schemas).build_all()
        refuse_configured_clashes(operations)
        self.schemas.narrow_discriminator_tags()
        definitions = self.schemas.definitions
        operations = [with_body_fields(op, definitions) for op in operations]
        self._check_alias_cycles(definitions)
        _shorten_alias_chains(definitions)
        self._add_target_settings(definitions)
        mark_usage(definitions, operations)
        self._warn_inexpressible(definitions, operations)

        info = self.view.info
        title = info.title or "API"
        package = config.package_name or title_name(title)
        env_prefix = _env_prefix(package)
        return ir.Api(
            title=title,
            version=info.version or "0.0.0",
            description=info.description,
            spec_name=self.spec.path.name,
            package=package,
            base_url=self._base_url(),
            auth=self._auth(),
            api_key_env=config.api_key_env or _api_key_env(env_prefix),
            base_url_env=config.base_url_env or f"{env_prefix}_BASE_URL",
            headers=config.headers,
            definitions=definitions,
            operations=operations,
            root=_resource_tree(operations),
            idempotency_header=config.idempotency_header,
            targets=config.targets,
            target_settings=config.target_settings,
        )

    def _add_target_settings(self, definitions: dict[str, ir.Definition]) -> None:
        """Each component's settings for particular targets (`x-sdkgen.<target>`), raw, for them."""
        for ident, definition in definitions.items():
            if not definition.is_component:
                continue
            node = self.spec.node_at(ident)
            if isinstance(node, dict) and isinstance(node.get(KEY), dict):
                settings = schema_config(self.spec, node, ident).target_settings
                if settings:
                    definitions[ident] = replace(definition, target_settings=settings)

    # ---- checks -------------------------------------------------------------------------------

    def _check_alias_cycles(self, definitions: dict[str, ir.Definition]) -> None:
        """Aliases that stand for themselves: settle them, or refuse the ones no value can fit.

        An alias is made of its target's parts: the target itself, or each variant of a union (a
        `$ref`, an allOf part, a oneOf/anyOf branch). An array, a map or a model is a container: a
        reference inside one is recursion that a finite value can end (an empty list, a model), so
        it is fine. A cycle of aliases through parts alone is not: `A = B`, `B = A` has no value.
        Where such a cycle has other parts too (`A = A | str`), the aliases on it stand for those
        other parts (the least solution), and the references back into the cycle are dropped;
        with no other part it is refused.
        """
        parts = {ident: _parts(d.target) for ident, d in definitions.items() if isinstance(d, ir.AliasDef)}
        edges = {ident: [p.id for p in found if isinstance(p, ir.DefRef) and p.id in parts] for ident, found in parts.items()}
        for component in cyclic_components(edges):
            members = set(component)
            exits = [p for ident in component for p in parts[ident] if not (isinstance(p, ir.DefRef) and p.id in members)]
            if not exits:
                cycle = cycle_through(component, edges)
                raise self.spec.error("a $ref cycle with no object in it: " + " -> ".join(cycle), cycle[0])
            settled = union(exits)
            for ident in component:
                alias = definitions[ident]
                assert isinstance(alias, ir.AliasDef)
                definitions[ident] = replace(alias, target=settled)

    def _warn_inexpressible(self, definitions: dict[str, ir.Definition], operations: list[ir.Operation]) -> None:
        """Request shapes the generated types cannot say: warned about once each, by place."""
        bodies = {op.body.type.id for op in operations if op.body is not None and isinstance(op.body.type, ir.DefRef)}
        for ident, definition in definitions.items():
            if not isinstance(definition, ir.ObjectDef) or not definition.properties:
                continue
            if definition.additional is None or isinstance(definition.additional, ir.AnyType):
                continue
            if definition.used_in_requests or ident in bodies:
                self.diagnostics.warn(
                    "named properties beside typed additionalProperties: the request type has the named "
                    "keys only (send others with extra_body); responses keep every key",
                    self.spec.place(join_pointer(ident, "additionalProperties"), with_line=False),
                )

    # ---- client settings ----------------------------------------------------------------------

    def _base_url(self) -> str | None:
        server = self.view.server
        if server is None:
            return None
        url = server.url
        for name, default in server.variables:
            url = url.replace("{" + name + "}", default)
        if "://" not in url:
            self.diagnostics.warn(
                f"server URL {url!r} is relative: the client needs base_url", self.spec.place(join_pointer("#/servers", 0, "url"), with_line=False)
            )
            return None
        return url.rstrip("/")

    def _auth(self) -> ir.Auth:
        schemes = self.view.security_schemes
        if not schemes:
            return ir.Auth("none")
        name = next((n for n in self.view.security if n in schemes), next(iter(schemes)))
        scheme = schemes[name]
        if scheme is None:
            return ir.Auth("none")
        if scheme.type == "http" and scheme.scheme.lower() == "basic":
            return ir.Auth("basic")
        if scheme.type == "apiKey" and scheme.location in ("header", "query") and scheme.name is not None:
            return ir.Auth("header" if scheme.location == "header" else "query", scheme.name)
        return ir.Auth("bearer")


def _shorten_alias_chains(definitions: dict[str, ir.Definition]) -> None:
    """`A = B`, `B = C`, `C = Model`: each alias names what the chain ends in (`A = Model`), so that
    no later stage walks a chain of n refs once per alias on it. Linear: every link is followed once."""

    def bare(ident: str) -> str | None:
        definition = definitions.get(ident)
        if isinstance(definition, ir.AliasDef) and isinstance(definition.target, ir.DefRef):
            return definition.target.id
        return None

    ends: dict[str, str] = {}
    for start in definitions:
        path: list[str] = []
        ident = start
        while ident not in ends:  # cycles were refused above: this ends
            following = bare(ident)
            if following is None:
                break
            path.append(ident)
            ident = following
        end = ends.get(ident, ident)
        for link in path:
            ends[link] = end
            alias = definitions[link]
            assert isinstance(alias, ir.AliasDef)
            definitions[link] = replace(alias, target=ir.DefRef(end))


def _parts(expr: ir.TypeExpr) -> list[ir.TypeExpr]:
    """The parts an alias's target is made of without a container: its union's variants, nested
    unions flattened, or the target itself."""
    if not isinstance(expr, ir.UnionType):
        return [expr]
    found: list[ir.TypeExpr] = []
    stack: list[ir.TypeExpr] = [expr]
    while stack:
        current = stack.pop()
        if isinstance(current, ir.UnionType):
            stack.extend(reversed(current.variants))
        else:
            found.append(current)
    return found



def _resource_tree(operations: list[ir.Operation]) -> ir.Resource:
    """The resources the operations name, nested by path; each holds its operations in spec order."""
    nodes: dict[tuple[ir.Name, ...], ir.Resource] = {(): ir.Resource(())}
    for op in operations:
        for depth in range(1, len(op.resource) + 1):
            path = op.resource[:depth]
            if path not in nodes:
                node = ir.Resource(path)
                nodes[path] = node
                nodes[path[:-1]].children.append(node)
        nodes[op.resource].operations.append(op)
    return nodes[()]


# Words a title ends with that say what kind of thing it is, not which: "Pet Store API" is `pet_store`.
_GENERIC_TAIL = frozenset({"api", "apis", "rest", "http", "openapi", "sdk", "service", "spec", "specification"})
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def title_name(title: str) -> ir.Name:
    """The SDK's name from `info.title`: its tokens as written, a mixed-case token one word (the
    brand "GitHub" is `github`, not `git_hub`), without the generic words it ends with ("API");
    a title of generic words only keeps them."""
    tokens = _TOKEN.findall(ascii_fold(title))
    kept = list(tokens)
    while len(kept) > 1 and kept[-1].lower() in _GENERIC_TAIL:
        kept.pop()
    return ir.Name(tuple(kept))


def _env_prefix(package: ir.Name) -> str:
    """`GITHUB` of `GITHUB_API_KEY`: the package's words in upper case, never empty nor starting
    with a digit (a shell could not name it)."""
    text = package.spelling if package.spelling is not None else " ".join(package.words)
    prefix = "_".join(w.upper() for w in _TOKEN.findall(ascii_fold(text)))
    if prefix[:1].isdigit():
        prefix = "API_" + prefix
    return prefix[:MAX_ENV_PREFIX].rstrip("_") or "CLIENT"


def _api_key_env(prefix: str) -> str:
    """`GITHUB_API_KEY`; `API_KEY` for a prefix that already says API, never `API_API_KEY`."""
    return f"{prefix}_KEY" if prefix == "API" or prefix.endswith("_API") else f"{prefix}_API_KEY"


def build_api(spec: Spec, diagnostics: Diagnostics) -> ir.Api:
    return IRBuilder(spec, diagnostics).build()
