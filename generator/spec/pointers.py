"""JSON pointers (RFC 6901, in URI-fragment form: "#/paths/~1pets") and the `$ref`s that hold them.

Every stage names a node of the spec by such a pointer; these are the only functions that build,
take apart or read one out of a `$ref`.
"""

from __future__ import annotations

from urllib.parse import unquote


def escape_token(token: str) -> str:
    """One raw token as it is written in a pointer: "/a/{b}" -> "~1a~1{b}"."""
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


def join_pointer(base: str, *tokens: str | int) -> str:
    """`base` with raw tokens appended: join_pointer("#/paths", "/a") == "#/paths/~1a"."""
    return base + "".join("/" + escape_token(str(t)) for t in tokens)


def split_pointer(ptr: str) -> list[str]:
    """Raw tokens of a pointer: "#/a/b~1c" -> ["a", "b/c"] ("#" and "" -> [])."""
    body = ptr[1:] if ptr.startswith("#") else ptr
    if not body:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in body.split("/")[1:]]


def split_ref(ref: str, decode: bool = False) -> tuple[str, str]:
    """(file part, pointer into that file) of a `$ref`: "pet.yaml#/Pet" -> ("pet.yaml", "#/Pet");
    "#/a" -> ("", "#/a"); a ref with no fragment names the whole file: "pet.yaml" -> ("pet.yaml", "#").
    `decode` undoes the URI percent-escapes of a ref as the author wrote it ("#/a%20b" -> "#/a b")."""
    file_part, _, fragment = ref.partition("#")
    if decode:
        return unquote(file_part), "#" + unquote(fragment)
    return file_part, "#" + fragment


def ref_pointer(ref: str) -> str:
    """The pointer a `$ref` names inside the document it points to (see `split_ref`)."""
    return split_ref(ref)[1]


__all__ = ["escape_token", "join_pointer", "split_pointer", "split_ref", "ref_pointer"]
