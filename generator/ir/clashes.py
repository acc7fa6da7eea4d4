"""Two operations configured to one method: refused, not settled with a number as defaults are.

A default name that collides is the generator's guess, and the targets number it (`list2`); a name
someone wrote down (in `x-sdkgen` or sdkgen.yaml) that another operation also claims is a mistake
in the configuration, named at the place of the second claim.
"""

from __future__ import annotations

from ..errors import SpecError
from . import model as ir


def refuse_configured_clashes(operations: list[ir.Operation]) -> None:
    claimed: dict[tuple[tuple[str, ...], ...], ir.Operation] = {}
    for op in operations:
        if op.method.place is None:
            continue  # a default name: the targets settle its collisions
        key = (*(tuple(w.lower() for w in part.words) for part in op.resource), tuple(w.lower() for w in op.method.words))
        first = claimed.setdefault(key, op)
        if first is not op:
            dotted = ".".join(part.text for part in (*op.resource, op.method))
            raise SpecError(
                f"{op.http_method.upper()} {op.path} is configured as {dotted}, which "
                f"{first.http_method.upper()} {first.path} already is: give one of them another method name",
                op.method.place,
            )
