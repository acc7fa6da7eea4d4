"""IR -> the Python view of the types modules, and the whole view (`lower`).

Templates only lay these out. Names of spec-named things come from the namer (`naming.py`); names for
fields are settled here, names for arguments and modules in `resources.py`, with the same resolver.
"""

from __future__ import annotations

import keyword
from functools import partial
from typing import Any, Callable, Iterator, Mapping

from ...ir import model as ir
from ...ir.digests import Digests
from ...memo import Memo, digest
from ...ir.graph import cyclic_components
from ...ir.naming import Claim, resolve
from ...ir.usage import type_refs
from .annotate import Annotator
from .identifiers import snake_identifier, with_trailing_underscore
from .naming import PythonNames, name_api
from .resources import ResourceLowering
from .layout import import_from
from .modules import TypeItem, grouped_imports, split_types
from .support import default_fits, describe, raw_body_annotation
from .text import docstring, py_literal, py_str
from .view_json import ItemView, from_json, to_json
from .views import AliasView, FieldView, KeyView, ModelView, PythonView, ResourceView, TypedDictView

# Attributes of pydantic's BaseModel (v2, with v1 names it still has): a field may not take them.
PYDANTIC_ATTRIBUTES = frozenset(
    """construct copy dict from_orm json model_computed_fields model_config model_construct model_copy
    model_dump model_dump_json model_extra model_fields model_fields_set model_json_schema
    model_parametrized_name model_post_init model_rebuild model_validate model_validate_json
    model_validate_strings parse_file parse_obj parse_raw schema schema_json update_forward_refs
    validate""".split()
)
# Modules the type modules import by name: a field of that name would hide them.
MODULE_NAMES = frozenset({"datetime", "builtins", "typing", "typing_extensions", "pydantic"})
# Methods the runtime's BaseModel adds (generator/targets/python/runtime/_models.py).
RUNTIME_MODEL_ATTRIBUTES = frozenset({"to_dict", "to_json"})
FIELD_RESERVED = frozenset(keyword.kwlist) | PYDANTIC_ATTRIBUTES | MODULE_NAMES | RUNTIME_MODEL_ATTRIBUTES


def _topological(aliases: list[tuple[str, ir.Definition]], local: set[str]) -> list[tuple[str, ir.Definition]]:
    """Aliases ordered so each comes after the aliases its value names (values run at import)."""
    by_id = dict(aliases)
    done: set[str] = set()
    out: list[tuple[str, ir.Definition]] = []

    def deps(ident: str) -> list[str]:
        definition = by_id[ident]
        target = definition.target if isinstance(definition, ir.AliasDef) else None
        return sorted(t for t in (type_refs(target) if target is not None else []) if t in local and t in by_id)

    for start, _ in aliases:
        if start in done:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(deps(start)))]
        visiting = {start}
        while stack:
            ident, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                visiting.discard(ident)
                if ident not in done:
                    done.add(ident)
                    out.append((ident, by_id[ident]))
            elif child not in done and child not in visiting:
                visiting.add(child)
                stack.append((child, iter(deps(child))))
    return out


def _alias_cycles(aliases: list[tuple[str, ir.Definition]], local: set[str]) -> dict[str, frozenset[str]]:
    """For each alias on a cycle of aliases, the members of its cycle (their names are quoted in its
    value: some are defined after it)."""
    by_id = dict(aliases)
    edges = {
        ident: [t for t in type_refs(d.target) if t in local and t in by_id] if isinstance(d, ir.AliasDef) else []
        for ident, d in aliases
    }
    cycles: dict[str, frozenset[str]] = {}
    for component in cyclic_components(edges):
        members = frozenset(component)
        for ident in component:
            cycles[ident] = members
    return cycles


# ---- lowering -------------------------------------------------------------------------------------


class FieldNames(Mapping[str, dict[str, str]]):
    """Each object definition's Python field names by wire name, worked out when first asked for:
    after an edit most types come from the memo, and only the ones lowered again, the docs trees
    built again and the discriminators ask."""

    def __init__(self, definitions: dict[str, ir.Definition], make: Callable[[ir.ObjectDef], dict[str, str]]):
        self._objects = {ident: d for ident, d in definitions.items() if isinstance(d, ir.ObjectDef)}
        self._make = make
        self._made: dict[str, dict[str, str]] = {}

    def __getitem__(self, ident: str) -> dict[str, str]:
        made = self._made.get(ident)
        if made is None:
            made = self._made[ident] = self._make(self._objects[ident])
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._objects)

    def __len__(self) -> int:
        return len(self._objects)


class Lowering:
    def __init__(self, api: ir.Api, names: PythonNames, memo: Memo):
        self.api = api
        self.names = names
        self.memo = memo
        # What every type's lowering reads besides its definitions: the names of everything.
        self.digests = memo.shared("ir digests", partial(Digests, api)) if memo.active else None
        self.scope = digest(names) if memo.active else ""
        models = names.models
        self.definitions = dict(sorted(api.definitions.items(), key=lambda item: (models[item[0]].lower(), models[item[0]], item[0])))
        # Type names a class body may mention: a field of that name would hide the type there.
        # (Configured names need not be PascalCase, so a field and a type can collide.)
        self.type_names = frozenset(name for ident in self.definitions for name in (models[ident], names.params[ident]) if name)
        self.field_reserved = FIELD_RESERVED | self.type_names
        self.field_names = FieldNames(self.definitions, self._field_names)

    def annotator(self, side: str, shadowed: frozenset[str] = frozenset(), files: bool = False) -> Annotator:
        return Annotator(
            self.definitions, side, self.names.models, self.names.params, shadowed=shadowed, field_names=self.field_names, files=files  # type: ignore[arg-type]
        )

    def _field_names(self, definition: ir.ObjectDef) -> dict[str, str]:
        reserved = self.field_reserved
        claims = []
        for prop in definition.properties:
            name = with_trailing_underscore(snake_identifier(prop.wire_name), reserved)
            # A wire name that is already the identifier keeps it (no alias); others come after.
            claims.append(Claim(prop.wire_name, (name,), 0 if name == prop.wire_name else 1))
        return resolve(claims, avoid=lambda n: n in reserved or n.startswith("_"))

    # ---- types modules ----------------------------------------------------------------------

    def model(self, ident: str, definition: ir.ObjectDef, used: set[str], types_used: set[str]) -> ModelView:
        names = self.field_names[ident]
        shadowed = frozenset(names.values())
        fields = []
        for prop in definition.properties:
            if prop.write_only:
                continue
            annotate = self.annotator("model", shadowed)
            annotation = annotate(prop.type)
            name = names[prop.wire_name]
            default: str | None = None
            if not prop.required and default_fits(prop.default, prop.type, self.definitions):
                default = py_literal(prop.default)  # absent on the wire means the spec's default
            elif not prop.required or ir.is_nullable(prop.type):
                if not ir.is_nullable(prop.type):
                    annotate.used.add("Optional")
                    annotation = f"Optional[{annotation}]"
                default = "None"
            if name != prop.wire_name:
                annotate.used.add("Field")
                default = f"Field(default={default}, alias={py_str(prop.wire_name)})" if default else f"Field(alias={py_str(prop.wire_name)})"
            used |= annotate.used
            types_used |= annotate.types_used
            fields.append(FieldView(name, annotation, default, docstring(describe(prop.description, prop.deprecated), 4)))
        return ModelView(self.names.models[ident], docstring(describe(definition.description, definition.deprecated), 4), fields)

    def alias(
        self, ident: str, definition: ir.Definition, side: str, used: set[str], types_used: set[str], cycle: frozenset[str] = frozenset()
    ) -> AliasView:
        annotate = self.annotator(side)
        annotate.forward = cycle
        if isinstance(definition, ir.EnumDef):
            expr: ir.TypeExpr = ir.LiteralType(definition.values) if definition.values else ir.NullType()
            if definition.nullable and definition.values:
                expr = ir.UnionType((expr, ir.NullType()))
        else:
            assert isinstance(definition, ir.AliasDef)
            expr = definition.target
        annotation = annotate(expr)
        used |= annotate.used | {"TypeAlias"}
        types_used |= annotate.types_used
        name = self.names.type_name(ident, side)
        if cycle:
            used |= {"TYPE_CHECKING", "TypeAliasType"}
        doc = docstring(describe(definition.description, definition.deprecated), 0)
        return AliasView(name, annotation, doc, recursive=bool(cycle), name_literal=py_str(name))

    def typed_dict(
        self,
        name: str,
        description: str | None,
        props: list[tuple[str, ir.TypeExpr | str, bool, str | None]],
        used: set[str],
        types_used: set[str],
        files: bool = False,
    ) -> TypedDictView:
        """A TypedDict; a prop's type is IR, or an annotation already made (see `raw_body_annotation`)."""
        keys = []
        local_used: set[str] = set()
        local_types: set[str] = set()
        for wire, expr, required, doc in props:
            annotate = self.annotator("param", files=files)
            if isinstance(expr, str):
                annotation = expr
                annotate.used.add("Union")
            else:
                annotation = annotate(expr)
            if required:
                annotation = f"Required[{annotation}]"
                annotate.used.add("Required")
            local_used |= annotate.used
            local_types |= annotate.types_used
            # pyright refuses an empty key (Python, mypy and the spec allow it); only a functional
            # TypedDict can have one.
            note = "  # pyright: ignore[reportGeneralTypeIssues]" if not wire else ""
            keys.append(KeyView(py_str(wire), wire, annotation, docstring(doc, 4), note))
        vocabulary = local_used | local_types | {"str", "int", "float", "bool", "object", "bytes", "None", "Required", "datetime", "builtins"}
        functional = any(not k.name.isidentifier() or not k.name.isascii() or keyword.iskeyword(k.name) or k.name in vocabulary for k in keys)
        used |= local_used | {"TypedDict"}
        types_used |= local_types
        if functional:  # values of TypedDict(...) run at import: quote them as forward references
            for key in keys:
                key.annotation = py_str(key.annotation)
        return TypedDictView(name, docstring(description, 4 if not functional else 0), keys, functional, py_str(name))

    def object_typed_dict(self, ident: str, definition: ir.ObjectDef, used: set[str], types_used: set[str]) -> TypedDictView:
        props: list[tuple[str, ir.TypeExpr | str, bool, str | None]] = [
            (p.wire_name, p.type, p.required, describe(p.description, p.deprecated)) for p in definition.properties if not p.read_only
        ]
        return self.typed_dict(self.names.params[ident], describe(definition.description, definition.deprecated), props, used, types_used)

    def operation_typed_dict(self, op: ir.Operation, used: set[str], types_used: set[str]) -> TypedDictView:
        props: list[tuple[str, ir.TypeExpr | str, bool, str | None]] = []
        if op.body is not None and op.body.fields is not None:
            props += [(f.wire_name, f.type, f.required, describe(f.description, f.deprecated)) for f in op.body.fields]
        elif op.body is not None:
            props.append(("body", raw_body_annotation(op.body) or op.body.type, op.body.required, op.body.description))
        seen = {p[0] for p in props}
        for param in op.parameters:
            if param.location in ("query", "header") and param.wire_name not in seen:
                props.append((param.wire_name, param.type, param.required, describe(param.description, param.deprecated)))
                seen.add(param.wire_name)
        files = op.body is not None and op.body.encoding == "multipart"
        return self.typed_dict(self.names.params_types[op.id], None, props, used, types_used, files=files)

    # ---- everything -------------------------------------------------------------------------

    def lower(self) -> PythonView:
        items: dict[str, list[TypeItem]] = {kind: [] for kind in ("enum", "model", "model_alias", "typed_dict", "param_alias")}

        def item(kind: str, key: Callable[[], object], make: Callable[[set[str], set[str]], ItemView]) -> TypeItem:
            def compute() -> tuple[ItemView, set[str], set[str]]:
                used: set[str] = set()
                types_used: set[str] = set()
                return make(used, types_used), used, types_used

            name = digest(self.scope, kind, key()) if self.memo.active else ""
            view, used, types_used = self.memo.recall("python type", name, compute, _encode_item, _decode_item)
            made = TypeItem(view.name, kind, view, used, types_used, name)
            items[kind].append(made)
            return made

        def reach(ident: str) -> tuple[str, str]:
            # The id too: the members of a cycle share the digest of what they reach.
            return ident, self.digests.definition(ident) if self.digests is not None else ""

        model_alias_defs, param_alias_defs = [], []
        names = self.names
        for ident, d in self.definitions.items():
            if names.models[ident]:
                if isinstance(d, ir.ObjectDef):
                    item("model", partial(reach, ident), partial(self.model, ident, d))
                else:
                    model_alias_defs.append((ident, d))
            if names.params[ident]:
                if isinstance(d, ir.ObjectDef):
                    item("typed_dict", partial(reach, ident), partial(self.object_typed_dict, ident, d))
                else:
                    param_alias_defs.append((ident, d))
        op_params = {
            op.id: item("typed_dict", partial(self._operation_key, op), partial(self.operation_typed_dict, op)).name
            for op in self.api.operations
        }
        items["typed_dict"].sort(key=lambda t: (t.name.lower(), t.name))
        model_local = {i for i in self.definitions if names.models[i]}
        for i, d in model_alias_defs:
            if isinstance(d, ir.EnumDef):
                item("enum", partial(reach, i), partial(self.alias, i, d, "model"))
        others = [(i, d) for i, d in model_alias_defs if not isinstance(d, ir.EnumDef)]
        model_cycles = _alias_cycles(others, model_local)
        for i, d in _topological(others, model_local):
            cycle = model_cycles.get(i, frozenset())
            item("model_alias", partial(lambda i, c: (reach(i), sorted(c)), i, cycle), partial(self._alias, i, d, "model", cycle))
        param_local = {i for i in self.definitions if names.params[i]}
        param_cycles = _alias_cycles(param_alias_defs, param_local)
        for i, d in _topological(param_alias_defs, param_local):
            cycle = param_cycles.get(i, frozenset())
            item("param_alias", partial(lambda i, c: (reach(i), sorted(c)), i, cycle), partial(self._alias, i, d, "param", cycle))

        resource_lowering = ResourceLowering(self)
        resources = resource_lowering.all()
        nodes = resource_lowering.nodes()
        roots: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        for node, resource in zip(nodes, resources):
            if node.operations:
                labels[resource.module or "client"] = resource.access
                names_used = roots.setdefault(resource.module or "client", set())
                names_used.update(resource.type_names)
                names_used.update(op_params[op.id] for op in node.operations)
        ordered = [made for kind in ("enum", "model", "model_alias", "typed_dict", "param_alias") for made in items[kind]]
        modules, home = split_types(ordered, roots, labels)
        for node, resource in zip(nodes, resources):
            resource.imports += grouped_imports(resource.type_names, home, "..types.")
            resource.memo_key = self._resource_key(node, resource)
        model_names = sorted((m.name for k in ("enum", "model", "model_alias") for m in items[k]), key=lambda n: (n.lower(), n))
        param_names = sorted((m.name for k in ("typed_dict", "param_alias") for m in items[k]), key=lambda n: (n.lower(), n))
        top = [c for r in resources if not r.module for c in r.children]
        return PythonView(
            package_name=names.package,
            names=names,
            definitions=self.definitions,
            enums=[m.view for m in items["enum"] if isinstance(m.view, AliasView)],
            models=[m.view for m in items["model"] if isinstance(m.view, ModelView)],
            model_aliases=[m.view for m in items["model_alias"] if isinstance(m.view, AliasView)],
            typed_dicts=[m.view for m in items["typed_dict"] if isinstance(m.view, TypedDictView)],
            param_aliases=[m.view for m in items["param_alias"] if isinstance(m.view, AliasView)],
            models_imports=grouped_imports(model_names, home, "."),
            params_imports=grouped_imports(param_names, home, "."),
            models_exports=model_names,
            params_exports=param_names,
            resources=[r for r in resources if r.module],
            top_children=top,
            client_headers=[(py_str(k), py_str(v)) for k, v in self.api.headers.items()],
            idempotency_header=py_str(self.api.idempotency_header) if self.api.idempotency_header else "None",
            field_names=self.field_names,
            types_modules=modules,
            types_home=home,
            types_index=[(f".{m.name}", m.exports) for m in modules],
            types_exports=sorted(model_names + param_names, key=lambda n: (n.lower(), n)),
            types_checking_imports=[import_from(f".{m.name}", m.exports, depth=1) for m in modules],
            client_imports=[import_from(f".resources.{c.module}", c.classes.imported(), depth=1) for c in top],
        )

    def _resource_key(self, node: ir.Resource, resource: ResourceView) -> str:
        """A name for a resource module's view, made of what the view is made of (cheaper than
        digesting the view): every name (`scope`), the resource, its operations and the definitions
        they reach, and its imports (which depend on where the types live). "" without a memo."""
        if self.digests is None:
            return ""
        operations = [self.digests.operation(op) for op in node.operations]
        return digest(self.scope, node.path, [child.path for child in node.children], operations, resource.imports)

    def _operation_key(self, op: ir.Operation) -> tuple[object, ...]:
        return op.id, self.digests.operation(op) if self.digests is not None else ""

    def _alias(self, ident: str, definition: ir.Definition, side: str, cycle: frozenset[str], used: set[str], types_used: set[str]) -> AliasView:
        return self.alias(ident, definition, side, used, types_used, cycle)


def _encode_item(made: tuple[ItemView, set[str], set[str]]) -> object:
    view, used, types_used = made
    return {"view": to_json(view), "used": sorted(used), "types_used": sorted(types_used)}


def _decode_item(data: Any) -> tuple[ItemView, set[str], set[str]]:
    return from_json(data["view"]), {str(n) for n in data["used"]}, {str(n) for n in data["types_used"]}


def lower(api: ir.Api, memo: Memo | None = None) -> PythonView:
    return Lowering(api, name_api(api), memo or Memo.off()).lower()


__all__ = ["lower", "PythonView", "default_fits"]
