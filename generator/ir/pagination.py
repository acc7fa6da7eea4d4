"""Which list operations page, and how: configured (`x-sdkgen.pagination`), else inferred from the
shape of the response and the parameters, as well-known SDKs page:

- a cursor page: a `data` array, a `has_more` flag and a cursor query parameter. The cursor is the
  last item's `id` (`after`), else a response field that names the next page, paired with the
  parameter it goes back in (`after` <- `last_id`/`next`, `page` <- `next_page`, `cursor` <-
  `next_cursor`, `page_token` <- `next_page_token`);
- a single page: a `data` array beside at most one scalar field (`object: list`), with no
  `has_more` and no cursor. The method returns a page all the same, as the official SDKs of such
  APIs do, so that a later cursor does not change its type; the runtime reads a `has_more` that is
  absent as the last page.
"""

from __future__ import annotations

from . import model as ir
from .config import OperationConfig, PaginationConfig
from .schemas import SchemaBuilder
from ..spec.document import Spec
from ..spec.pointers import join_pointer

# A cursor parameter and the response fields that can hold its next value, best first.
CURSOR_PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("after", ("last_id", "next", "next_cursor", "after")),
    ("starting_after", ("last_id",)),
    ("cursor", ("next_cursor", "cursor", "next")),
    ("page", ("next_page",)),
    ("page_token", ("next_page_token",)),
)


class PaginationInference:
    def __init__(self, spec: Spec, schemas: SchemaBuilder):
        self.spec = spec
        self.schemas = schemas

    def pagination(
        self, config: OperationConfig, method: str, parameters: list[ir.Parameter], response: ir.Response, op_ptr: str
    ) -> ir.Pagination | None:
        if config.pagination is False or response.kind != "json" or not isinstance(response.type, ir.DefRef):
            return None
        if isinstance(config.pagination, PaginationConfig):
            return self._configured(config.pagination, parameters, response.type, op_ptr)
        if method != "get":
            return None
        return self._inferred(parameters, response.type)

    def _properties(self, ref: ir.DefRef) -> dict[str, ir.Property]:
        self.schemas.fill(ref.id)
        page = self.schemas.definitions[ref.id]
        return {p.wire_name: p for p in page.properties} if isinstance(page, ir.ObjectDef) else {}

    def _configured(self, settings: PaginationConfig, parameters: list[ir.Parameter], ref: ir.DefRef, op_ptr: str) -> ir.Pagination:
        props = self._properties(ref)
        item_type = _array_items(props.get(settings.items))
        problems = []
        if item_type is None:
            problems.append(f"no array property {settings.items!r} in the response")
        if settings.has_more not in props:
            problems.append(f"no property {settings.has_more!r} in the response")
        if not any(p.location == "query" and p.wire_name == settings.cursor_param for p in parameters):
            problems.append(f"no query parameter {settings.cursor_param!r}")
        if settings.cursor_field is not None and settings.cursor_field not in props:
            problems.append(f"no property {settings.cursor_field!r} in the response")
        if problems or item_type is None:
            raise self.spec.error("pagination does not fit this operation: " + "; ".join(problems), join_pointer(op_ptr, "x-sdkgen", "pagination"))
        return ir.Pagination(settings.items, settings.has_more, settings.cursor_param, settings.cursor_field, item_type)

    def _inferred(self, parameters: list[ir.Parameter], ref: ir.DefRef) -> ir.Pagination | None:
        defaults = PaginationConfig()
        props = self._properties(ref)
        item_type = _array_items(props.get(defaults.items))
        if item_type is None:
            return None
        query = {p.wire_name for p in parameters if p.location == "query"}
        if defaults.has_more not in props:
            others = [p for name, p in props.items() if name != defaults.items]
            if query & {param for param, _ in CURSOR_PAIRS} or len(others) > 1 or not all(self._is_scalar(p.type) for p in others):
                return None
            return ir.Pagination(defaults.items, defaults.has_more, defaults.cursor_param, None, item_type)
        if defaults.cursor_param in query and self._items_have_id(item_type):
            return ir.Pagination(defaults.items, defaults.has_more, defaults.cursor_param, None, item_type)
        for param, fields in CURSOR_PAIRS:
            field = next((f for f in fields if f in props and self._is_string(props[f].type)), None)
            if param in query and field is not None:
                return ir.Pagination(defaults.items, defaults.has_more, param, field, item_type)
        return None

    def _is_string(self, expr: ir.TypeExpr) -> bool:
        return ir.without_null(expr)[0] == ir.Primitive("string")

    def _is_scalar(self, expr: ir.TypeExpr) -> bool:
        bare = ir.without_null(expr)[0]
        if isinstance(bare, ir.DefRef):
            self.schemas.fill(bare.id)
            return isinstance(self.schemas.definitions[bare.id], ir.EnumDef)
        return isinstance(bare, (ir.Primitive, ir.LiteralType))

    def _items_have_id(self, item: ir.TypeExpr) -> bool:
        variants = item.variants if isinstance(item, ir.UnionType) else (item,)
        for variant in variants:
            if not isinstance(variant, ir.DefRef):
                return False
            self.schemas.fill(variant.id)
            definition = self.schemas.definitions[variant.id]
            if not isinstance(definition, ir.ObjectDef) or not any(p.wire_name == "id" for p in definition.properties):
                return False
        return True


def _array_items(prop: ir.Property | None) -> ir.TypeExpr | None:
    """The item type of an array property (a nullable list is a list), else None."""
    if prop is None:
        return None
    bare = ir.without_null(prop.type)[0]
    return bare.items if isinstance(bare, ir.ArrayType) else None
