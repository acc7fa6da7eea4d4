"""Object schemas: what an object collects from its allOf parts, its properties, its extra keys."""

from __future__ import annotations

from typing import Any

from . import model as ir
from ..spec.pointers import join_pointer
from .schema_nodes import Collected, constraint_only, constraints_of, examples_of, hint_names, text_of, type_words
from .naming import pascal
from .schema_state import SchemaState


class ObjectShapes(SchemaState):
    def _object_as_type(self, node: dict[str, Any], ptr: str, hint: str) -> ir.TypeExpr:
        if ptr not in self.definitions:
            title = text_of(node, "title")
            candidates = hint_names([hint] + ([type_words(title)] if title else []))
            self.definitions[ptr] = ir.ObjectDef(id=ptr, name_candidates=candidates, description=text_of(node, "description"))
            self.fill(ptr)
        return ir.DefRef(ptr)

    # ---- objects ------------------------------------------------------------------------------

    def _all_of_objects(self, node: dict[str, Any], ptr: str) -> bool:
        """Whether an allOf merges into an object (some part, after refs, has properties)."""
        parts = node.get("allOf")
        if not isinstance(parts, list):
            return False
        known = self._merges_objects.get(ptr)
        if known is not None:
            return known
        self._merges_objects[ptr] = False  # a cycle (refused by refs.py) adds no object
        for index, part in enumerate(parts):
            try:
                resolved, resolved_ptr = self.resolve(part, join_pointer(ptr, "allOf", index))
            except KeyError:
                continue
            if isinstance(resolved, dict) and (resolved.get("properties") or self._all_of_objects(resolved, resolved_ptr)):
                self._merges_objects[ptr] = True
                return True
        return False

    def _all_of_wrapper(self, node: dict[str, Any]) -> bool:
        """`allOf: [{$ref: X}]` (with a description, `nullable`, a default...) is X, not a new model.

        It is a new model when it adds anything to X's shape: properties, required names, extra keys.
        """
        parts = node.get("allOf")
        if not isinstance(parts, list) or node.get("properties") or "required" in node or "additionalProperties" in node:
            return False
        typed = [p for p in parts if not constraint_only(p)]
        constraints = [p for p in parts if constraint_only(p)]
        return len(typed) == 1 and not any(isinstance(c, dict) and "required" in c for c in constraints)

    def _all_of_single(self, node: dict[str, Any], ptr: str, hint: str) -> ir.TypeExpr | None:
        """allOf with one typed part (a `$ref` plus a description, say) is that part."""
        parts = [p for p in node["allOf"] if not constraint_only(p)]
        if self._all_of_objects(node, ptr) and not self._all_of_wrapper(node):
            return self._object_as_type(node, ptr, hint)
        if len(parts) == 1:
            index = node["allOf"].index(parts[0])
            return self.type_of(parts[0], join_pointer(ptr, "allOf", index), hint)
        if not parts:
            return None
        self.warn("allOf of several non-object schemas: typed by its first part", join_pointer(ptr, "allOf"))
        return self.type_of(parts[0], join_pointer(ptr, "allOf", node["allOf"].index(parts[0])), hint)

    def _collect(self, node: Any, ptr: str) -> Collected:
        """Properties, required names and the last additionalProperties of an object schema and of
        its allOf parts, recursively (later parts and the schema's own keys win); once per schema."""
        node, ptr = self.resolve(node, ptr)
        known = self._collected.get(ptr)
        if known is not None:
            return known
        if ptr in self._collecting:  # spec/chains.py refuses these first
            raise self.spec.error("allOf includes itself: " + " -> ".join(self._collecting[self._collecting.index(ptr):] + [ptr]), ptr)
        found = Collected({}, set(), None)
        if not isinstance(node, dict):
            return found
        self._collecting.append(ptr)
        try:
            parts = node.get("allOf")
            if isinstance(parts, list):
                for index, part in enumerate(parts):
                    inherited = self._collect(part, join_pointer(ptr, "allOf", index))
                    found.props.update(inherited.props)
                    found.required |= inherited.required
                    found.extra = inherited.extra if inherited.extra is not None else found.extra
        finally:
            self._collecting.pop()
        own = node.get("properties")
        if isinstance(own, dict):
            for name, schema in own.items():
                found.props[str(name)] = (schema, join_pointer(ptr, "properties", str(name)))
        names = node.get("required")
        if isinstance(names, list):
            found.required.update(str(n) for n in names)
        if "additionalProperties" in node:
            found.extra = (node["additionalProperties"], join_pointer(ptr, "additionalProperties"))
        self._collected[ptr] = found
        return found

    def _object_fields(self, node: Any, ptr: str, base: str) -> tuple[list[ir.Property], ir.TypeExpr | None]:
        collected = self._collect(node, ptr)
        props = dict(collected.props)
        required = collected.required
        for name in sorted(required - set(props)):
            props[name] = ({}, join_pointer(ptr, "required"))
        properties = []
        for name, (schema, prop_ptr) in props.items():
            properties.append(self._property(name, schema, prop_ptr, base, name in required))
        additional: ir.TypeExpr | None = ir.AnyType()
        if collected.extra is not None:
            extra, extra_ptr = collected.extra
            if extra is False:
                additional = None
            elif isinstance(extra, dict) and extra:
                additional = self.type_of(extra, extra_ptr, base + "Value")
        return properties, additional

    def _property(self, name: str, schema: Any, ptr: str, base: str, required: bool) -> ir.Property:
        hint = base + (pascal(name) or "Field")
        expr = self.type_of(schema, ptr, hint)
        info = schema if isinstance(schema, dict) else {}
        description = text_of(info, "description")
        default = info.get("default", ir.MISSING)
        if isinstance(info.get("$ref"), str):  # what the referenced schema says, unless said here
            try:
                target, _ = self.resolve(info, ptr)
            except KeyError:
                target = None
            if isinstance(target, dict):
                description = description or text_of(target, "description")
                default = target.get("default", ir.MISSING) if default is ir.MISSING else default
        return ir.Property(
            wire_name=name,
            type=expr,
            required=required,
            description=description,
            default=default,
            read_only=info.get("readOnly") is True,
            write_only=info.get("writeOnly") is True,
            deprecated=info.get("deprecated") is True,
            constraints=constraints_of(info),
            examples=examples_of(info),
            pointer=ptr,
        )
