"""What every part of the schema builder shares: the normalised spec, the definitions made so far,
the memos and warnings. The parts (objects, unions, the builder) extend it."""

from __future__ import annotations

from . import model as ir
from ..errors import Diagnostics
from .schema_nodes import Collected
from ..spec.document import Spec
from ..spec.normal import Normal
from ..spec.normal_schema import Schema


class SchemaState:
    def __init__(self, spec: Spec, view: Normal, diagnostics: Diagnostics):
        self.spec = spec
        self.view = view
        self.diagnostics = diagnostics
        self.definitions: dict[str, ir.Definition] = {}
        self._filled: set[str] = set()
        self._inlining: list[str] = []  # pointers of non-component refs being expanded
        # Memos (each schema's answer is computed once, so allOf diamonds and ref chains cost
        # their size, not the number of paths through them): whether an allOf merges into an
        # object, what an object collects from its allOf parts.
        self._merges_objects: dict[str, bool] = {}
        self._collected: dict[str, Collected] = {}
        self.discriminators: list[ir.Discriminator] = []  # every discriminated union, in spec order

    def resolve(self, schema: Schema) -> Schema:
        """The schema `schema`'s `$ref`s lead to (spec/chains.py refused cycles at load)."""
        return self.view.resolve(schema)

    def warn(self, message: str, ptr: str) -> None:
        self.diagnostics.warn(message, self.spec.place(ptr, with_line=False))

    # ---- provided by the builder ---------------------------------------------------------------

    def type_of(self, schema: Schema | None, hint: str, preferred: str | None = None) -> ir.TypeExpr:
        raise NotImplementedError

    def fill(self, ptr: str) -> None:
        raise NotImplementedError
