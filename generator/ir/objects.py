"""Object schemas: what an object collects from its allOf parts, its properties, its extra keys."""

from __future__ import annotations

from . import model as ir
from ..spec.normal_schema import Schema
from ..spec.pointers import join_pointer
from .schema_nodes import Collected, constraint_only, hint_names, place_hint, type_words
from .naming import pascal
from .schema_state import SchemaState


class ObjectShapes(SchemaState):
    def _object_as_type(self, node: Schema, hint: str) -> ir.TypeExpr:
        ptr = node.ptr
        if ptr not in self.definitions:
            candidates = hint_names([hint] + ([type_words(node.title)] if node.title else []) + place_hint(ptr))
            self.definitions[ptr] = ir.ObjectDef(id=ptr, name_candidates=candidates, description=node.description)
            self.fill(ptr)
        return ir.DefRef(ptr)

    # ---- objects ------------------------------------------------------------------------------

    def _all_of_objects(self, node: Schema) -> bool:
        """Whether an allOf merges into an object (some part, after refs, has properties)."""
        known = self._merges_objects.get(node.ptr)
        if known is not None:
            return known
        merges = False
        for part in node.all_of:
            resolved = self.resolve(part)
            if resolved.properties or self._all_of_objects(resolved):
                merges = True
                break
        self._merges_objects[node.ptr] = merges
        return merges

    def _all_of_wrapper(self, node: Schema) -> bool:
        """`allOf: [{$ref: X}]` (with a description, `nullable`, a default...) is X, not a new model.

        It is a new model when it adds anything to X's shape: properties, required names, extra keys.
        """
        if not node.all_of or node.properties or "required" in node.raw or "additionalProperties" in node.raw:
            return False
        typed = [p for p in node.all_of if not constraint_only(p)]
        constraints = [p for p in node.all_of if constraint_only(p)]
        return len(typed) == 1 and not any("required" in c.raw for c in constraints)

    def _all_of_single(self, node: Schema, hint: str) -> ir.TypeExpr | None:
        """allOf with one typed part (a `$ref` plus a description, say) is that part."""
        parts = [p for p in node.all_of if not constraint_only(p)]
        if self._all_of_objects(node) and not self._all_of_wrapper(node):
            return self._object_as_type(node, hint)
        if len(parts) == 1:
            return self.type_of(parts[0], hint)
        if not parts:
            return None
        self.warn("allOf of several non-object schemas: typed by its first part", join_pointer(node.ptr, "allOf"))
        return self.type_of(parts[0], hint)

    def _collect(self, node: Schema) -> Collected:
        """Properties, required names and the last additionalProperties of an object schema and of
        its allOf parts, recursively (later parts and the schema's own keys win); once per schema.
        spec/chains.py refused allOf cycles at load, so this ends."""
        node = self.resolve(node)
        known = self._collected.get(node.ptr)
        if known is not None:
            return known
        found = Collected({}, set(), None)
        for part in node.all_of:
            inherited = self._collect(part)
            found.props.update(inherited.props)
            found.required |= inherited.required
            found.extra = inherited.extra if inherited.extra is not None else found.extra
        found.props.update(node.properties)
        found.required.update(node.required)
        if node.additional is not None:
            found.extra = node.additional
        self._collected[node.ptr] = found
        return found

    def _object_fields(self, node: Schema, base: str) -> tuple[list[ir.Property], ir.TypeExpr | None]:
        collected = self._collect(node)
        props = dict(collected.props)
        required = collected.required
        for name in sorted(required - set(props)):
            props[name] = self.view.empty(join_pointer(node.ptr, "required"))
        properties = [self._property(name, schema, base, name in required) for name, schema in props.items()]
        additional: ir.TypeExpr | None = ir.AnyType()
        extra = collected.extra
        if extra is False:
            additional = None
        elif isinstance(extra, Schema) and extra.raw:  # true, {} and a malformed one allow any value
            additional = self.type_of(extra, base + "Value")
        return properties, additional

    def _property(self, name: str, schema: Schema, base: str, required: bool) -> ir.Property:
        hint = base + (pascal(name) or "Field")
        expr = self.type_of(schema, hint)
        description = schema.description
        default = schema.raw.get("default", ir.MISSING)
        if schema.ref is not None:  # what the referenced schema says, unless said here
            target = self.resolve(schema)
            description = description or target.description
            default = target.raw.get("default", ir.MISSING) if default is ir.MISSING else default
        return ir.Property(
            wire_name=name,
            type=expr,
            required=required,
            description=description,
            default=default,
            read_only=schema.read_only,
            write_only=schema.write_only,
            deprecated=schema.deprecated,
            constraints=dict(schema.constraints),
            examples=list(schema.examples),
            pointer=schema.ptr,
        )
