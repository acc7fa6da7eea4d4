"""The Java docs' example program for a method: the client from the environment, the params built with
the example values, the call (the seed's shape: a `Main` class in `<base>.example`).

Values are printed for the Java type the view gave each setter: a literal of that type, an enum's
constant, a nested model's builder, `List.of` and `Map.of`; a value that does not fit its type (a
spec example of another kind, a null) goes through the setter that takes `JsonValue`, which every
field and parameter has.
"""

from __future__ import annotations

import math
from typing import Sequence

from ...docs.examples import Example, FileValue
from ...docs.view import ArgumentDoc, OperationDoc
from ...ir import model as ir
from ...ir.naming import name_of
from .models import EnumConstant, FieldView, enum_values, enum_view, model_view, prop_key
from .naming import member_identifier
from .params import FileView, params_view
from .plan import Plan
from .render import environment, plan_import_table
from .services import ClientView, MethodView
from .text import java_string
from .types import strip_null

INDENT = 4
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1
MAX_DOUBLE_INT = 2**1000  # whole numbers below this convert to a finite double
MAP_OF_MAX = 10  # pairs `Map.of` takes; more go through `Map.ofEntries`
_TAKEN_VARIABLES = frozenset({"client", "params", "args"})


class FieldIndex:
    """The fields each model (or params body) has, by owner id and wire name, from the models' views."""

    def __init__(self, the_plan: Plan):
        self.plan = the_plan
        self._by_owner: dict[str, list[tuple[ir.Property, FieldView]]] = {}
        self._body_ops = {
            op.body.type.id: op
            for op in the_plan.api.operations
            if op.body is not None and isinstance(op.body.type, ir.DefRef) and op.body.type.id in the_plan.body_ids
        }

    def fields_of(self, owner: str) -> list[tuple[ir.Property, FieldView]]:
        known = self._by_owner.get(owner)
        if known is None:
            known = self._by_owner[owner] = self._fields(owner)
        return known

    def field(self, owner: str, prop: ir.Property) -> FieldView | None:
        return next((f for p, f in self.fields_of(owner) if p.wire_name == prop.wire_name), None)

    def _fields(self, owner: str) -> list[tuple[ir.Property, FieldView]]:
        the_plan = self.plan
        definition = the_plan.api.definitions.get(owner)
        cls = the_plan.classes.get(owner)
        if cls is not None and cls.kind == "model" and isinstance(definition, ir.ObjectDef):
            return list(zip(definition.properties, model_view(the_plan, cls, definition).fields))
        op = self._body_ops.get(owner)
        if op is not None and op.body is not None and op.body.fields is not None:
            fields = {f.wire: f for f in params_view(the_plan, op).body_fields or []}  # files are not `Body`'s
            return [(p, fields[java_string(p.wire_name)]) for p in op.body.fields if java_string(p.wire_name) in fields]
        return []


class ExamplePrinter:
    def __init__(self, the_plan: Plan, fields: FieldIndex, client: ClientView):
        self.plan = the_plan
        self.table = plan_import_table(the_plan)
        self.fields = fields
        self.client = client
        self.methods: dict[str, MethodView] = {}  # by operation id, as the docs view lists them
        self.files: dict[tuple[str, str], FileView] = {}  # a multipart body's files by (operation id, wire name)
        # Each enum class's values and constants, from its view.
        self.enums: dict[str, tuple[tuple[str, ...], list[EnumConstant]]] = {}
        for key, cls in the_plan.classes.items():
            if cls.kind == "enum":
                inline = the_plan.inlines.get(key)
                values = enum_values(the_plan.api.definitions.get(key), inline.expr if inline is not None else None)
                self.enums[key] = (values, enum_view(the_plan, cls, values, None).constants)

    # ---- the program --------------------------------------------------------------------------

    def program(self, doc: OperationDoc, method: MethodView, values: Sequence[tuple[ArgumentDoc, Example]]) -> str:
        package = ".".join(self.plan.base + ("example",))
        main = environment().get_template("java/docs_main.java.j2").render(
            client=self.client.names["client"],
            okhttp=self.client.names["okhttp"],
            params=method.params.cls.name,
            setters=[self._setter(doc.operation, arg, value, 2 * INDENT) for arg, value in values],
            call=self._call(doc, method),
        )
        # The imports are the classes the program names, as in every file of the SDK.
        return environment().get_template("java/docs_program.java.j2").render(
            package=package, imports=self.table.imports(package, main), main=main
        )

    def _call(self, doc: OperationDoc, method: MethodView) -> str:
        call = f"{doc.call}(params);"
        if method.page is not None:
            return f"{method.sync_type} page = {call}"
        if method.kind == "stream":
            return f"{method.sync_type} stream = {call}"
        if method.kind == "binary":
            return f"{method.sync_type} response = {call}"
        if method.returns is None:
            return call
        return f"{method.sync_type} {_variable(method.sync_type)} = {call}"

    def _setter(self, op: ir.Operation, arg: ArgumentDoc, value: Example, pad: int) -> str:
        source = arg.source
        if isinstance(source, ir.RequestBody):
            return f"{arg.name}({self.json(value)})"
        file = self.files.get((op.id, source.wire_name)) if isinstance(source, ir.Property) else None
        if file is not None:  # set from a path (the file is read when the builder is called)
            path = f"Path.of({java_string('path/to/file')})"
            return f"{file.name}(List.of(MultipartFile.of({path})))" if file.many else f"{file.name}({path})"
        if isinstance(source, ir.Parameter):
            key = source.pointer or f"{op.id}/{source.location}/{source.wire_name}"
        else:
            owner = op.body.type.id if op.body is not None and isinstance(op.body.type, ir.DefRef) else op.id
            key = prop_key(owner, source)
        return f"{arg.name}({self.value(source.type, key, value, pad + 2 * INDENT)})"

    # ---- values -------------------------------------------------------------------------------

    def value(self, expr: ir.TypeExpr, key: str, example: Example, pad: int) -> str:
        """The value for a setter of this type: typed when it fits, else as a `JsonValue`."""
        typed = self.typed(expr, key, example, pad)
        return typed if typed is not None else self.json(example)

    def typed(self, expr: ir.TypeExpr, key: str, example: Example, pad: int) -> str | None:
        jtype = self.plan.types.lower(expr, key)
        if jtype.is_json:
            return self.json(example)
        if jtype.classes and not jtype.generic:  # the class itself (a list or map of them names it too)
            return self._class(jtype.classes[0], example, pad)
        kind = jtype.kind
        if kind == "string":
            return java_string(example) if isinstance(example, str) else None
        if isinstance(example, bool):
            return ("true" if example else "false") if kind == "boolean" else None
        if kind == "integer" and isinstance(example, int):
            return f"{example}L" if LONG_MIN <= example <= LONG_MAX else None
        if kind == "number" and isinstance(example, (int, float)):
            number = float(example) if abs(example) < MAX_DOUBLE_INT else math.inf
            return repr(number) if math.isfinite(number) else None
        shape, shape_key = self._shape(expr, key)
        if isinstance(shape, ir.ArrayType) and isinstance(example, list):
            items = [self.typed(shape.items, shape_key + "/items", item, pad) for item in example]
            if any(item is None for item in items):
                return None
            return f"List.of({', '.join(i for i in items if i is not None)})"
        if isinstance(shape, ir.MapType) and isinstance(example, dict):
            values_key = shape_key + "/additionalProperties"
            pairs = [(k, self.typed(shape.values, values_key, v, pad)) for k, v in example.items()]
            if any(v is None for _, v in pairs):
                return None
            return self._map([(java_string(k), v or "") for k, v in pairs])
        return None

    def _shape(self, expr: ir.TypeExpr, key: str) -> tuple[ir.TypeExpr, str]:
        """The type an alias stands for (with the key the lowering used for it), as far as it goes."""
        bare, _ = strip_null(expr)
        seen: set[str] = set()
        while isinstance(bare, ir.DefRef) and bare.id not in seen:
            definition = self.plan.api.definitions.get(bare.id)
            if not isinstance(definition, ir.AliasDef):
                break
            seen.add(bare.id)
            key = bare.id
            bare, _ = strip_null(definition.target)
        return bare, key

    def _class(self, class_key: str, example: Example, pad: int) -> str | None:
        cls = self.plan.cls(class_key)
        if cls.kind == "enum":
            if not isinstance(example, str):
                return None
            literal = java_string(example)
            _, constants = self.enums.get(class_key, ((), []))
            constant = next((c.name for c in constants if c.value == literal), None)
            return f"{cls.name}.{constant}" if constant is not None else f"{cls.name}.of({literal})"
        if cls.kind == "union":
            return f"{cls.name}.ofJson({self.json(example)})"
        if cls.kind != "model" or not isinstance(example, dict):
            return None
        lines = [f"{cls.name}.builder()"]
        for prop, field in self.fields.fields_of(class_key):
            if prop.wire_name in example and field.constant is None:
                value = self.value(prop.type, prop_key(class_key, prop), example[prop.wire_name], pad + INDENT)
                lines.append(f"{' ' * pad}.{field.getter}({value})")
        lines.append(f"{' ' * pad}.build()")
        return "\n".join(lines)

    def json(self, example: Example) -> str:
        """A value as the runtime's `JsonValue`."""
        if example is None:
            return "JsonValue.ofNull()"
        return f"JsonValue.from({self._plain(example)})"

    def _plain(self, example: Example) -> str:
        """A value as the plain Java object `JsonValue.from` reads (String, Long, Double, List, Map)."""
        if example is None:
            return "JsonValue.ofNull()"
        if isinstance(example, FileValue):
            return java_string("path/to/file")
        if isinstance(example, bool):
            return "true" if example else "false"
        if isinstance(example, int):  # a whole number beyond a long as Java's big integer
            in_range = LONG_MIN <= example <= LONG_MAX
            return f"{example}L" if in_range else f"new java.math.BigInteger({java_string(str(example))})"
        if isinstance(example, float):
            return repr(example) if math.isfinite(example) else java_string(str(example))
        if isinstance(example, str):
            return java_string(example)
        if isinstance(example, list):
            return f"List.of({', '.join(self._plain(item) for item in example)})"
        return self._map([(java_string(k), self._plain(v)) for k, v in example.items()])

    def _map(self, pairs: list[tuple[str, str]]) -> str:
        if len(pairs) <= MAP_OF_MAX:
            return f"Map.of({', '.join(f'{k}, {v}' for k, v in pairs)})"
        return f"Map.ofEntries({', '.join(f'Map.entry({k}, {v})' for k, v in pairs)})"


def _variable(type_text: str) -> str:
    """A local variable for a value of this type: `ChatSession` -> `chatSession`."""
    if not type_text.isidentifier():
        return "result"
    name = member_identifier(name_of(type_text).words)
    return "result" if name in _TAKEN_VARIABLES or not name.isidentifier() else name


__all__ = ["ExamplePrinter", "FieldIndex"]
