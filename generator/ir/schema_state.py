"""What every part of the schema builder shares: the spec, the definitions made so far, the memos,
`$ref` resolution and warnings. The parts (objects, unions, the builder) extend it."""

from __future__ import annotations

from typing import Any

from . import model as ir
from ..errors import Diagnostics
from .schema_nodes import Collected
from ..spec.document import Spec
from ..spec.pointers import ref_pointer


class SchemaState:
    def __init__(self, spec: Spec, diagnostics: Diagnostics):
        self.spec = spec
        self.diagnostics = diagnostics
        self.definitions: dict[str, ir.Definition] = {}
        self._filled: set[str] = set()
        self._inlining: list[str] = []  # pointers of non-component refs being expanded
        # Memos (each schema's answer is computed once, so allOf diamonds and ref chains cost
        # their size, not the number of paths through them): where a ref leads, whether an allOf
        # merges into an object, what an object collects from its allOf parts.
        self._resolved: dict[str, tuple[Any, str]] = {}
        self._merges_objects: dict[str, bool] = {}
        self._collected: dict[str, Collected] = {}
        self._collecting: list[str] = []
        self.discriminators: list[ir.Discriminator] = []  # every discriminated union, in spec order
        components = spec.document.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        self.components: dict[str, Any] = schemas if isinstance(schemas, dict) else {}

    # ---- resolution ---------------------------------------------------------------------------

    def resolve(self, node: Any, ptr: str) -> tuple[Any, str]:
        """Follow `$ref`s to the schema they name: (node, its pointer).

        Where each target leads is remembered, so a chain of n refs is followed once, not once per
        schema that uses it.
        """
        path: list[str] = []
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target = ref_pointer(node["$ref"])
            known = self._resolved.get(target)
            if known is not None:
                node, ptr = known
                break
            if target in path:  # spec/chains.py refuses these first
                raise self.spec.error("a $ref cycle with no object in it: " + " -> ".join(path + [target]), ptr)
            path.append(target)
            ptr = target
            node = self.spec.node_at(target)
        for target in path:
            self._resolved[target] = (node, ptr)
        return node, ptr

    def warn(self, message: str, ptr: str) -> None:
        self.diagnostics.warn(message, self.spec.place(ptr, with_line=False))

    # ---- provided by the builder ---------------------------------------------------------------

    def type_of(self, node: Any, ptr: str, hint: str, preferred: str | None = None) -> ir.TypeExpr:
        raise NotImplementedError

    def fill(self, ptr: str) -> None:
        raise NotImplementedError
