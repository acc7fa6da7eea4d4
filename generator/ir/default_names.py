"""Default names of an operation, when the spec configures none: its resource from the first tag or
path segment, its method from the operationId or the HTTP method and path, and the hint inline types
in it are named from. All words: each target makes its own identifiers of them."""

from __future__ import annotations

from . import model as ir
from .naming import name_of, pascal, singular


def default_resource(path: str, tags: list[str]) -> tuple[ir.Name, ...]:
    """The first tag, else the first literal path segment, else `default`."""
    if tags:
        return (_leading_word(name_of(tags[0], lower=True), "r", "default"),)
    for segment in path.strip("/").split("/"):
        if segment and not segment.startswith("{"):
            return (_leading_word(name_of(segment, lower=True), "r", "default"),)
    return (ir.Name(("default",)),)


def default_method_name(method: str, path: str, operation_id: str | None) -> ir.Name:
    """The operationId's words, else the HTTP method and the path's literal segments."""
    if operation_id:
        return _leading_word(name_of(operation_id, lower=True), method, method)
    literal = [s for s in path.strip("/").split("/") if s and not s.startswith("{")]
    by_id = path.rstrip("/").endswith("}")
    return name_of(" ".join([method] + literal + (["by_id"] if by_id else [])), lower=True)


def default_hint(resource: tuple[ir.Name, ...], method: ir.Name) -> str:
    """"SessionCreate" for beta.chatkit.sessions.create: the hint inline types are named from."""
    owner = pascal(singular(_member_text(resource[-1]))) if resource else ""
    return f"{owner}{pascal(_member_text(method))}Params"


def _leading_word(name: ir.Name, prefix: str, fallback: str) -> ir.Name:
    """A member's name starts with a letter in every language: words that start with a digit get
    `prefix` in front (`2fa` -> `get 2fa`), no words at all are `fallback`."""
    if not name.words:
        return ir.Name((fallback,))
    return ir.Name((prefix, *name.words)) if name.words[0][0].isdigit() else name


def _member_text(name: ir.Name) -> str:
    return name.spelling if name.spelling is not None else "_".join(name.words)
