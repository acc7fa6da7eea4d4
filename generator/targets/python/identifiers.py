"""Python's rules for identifiers: keywords, builtins, leading digits and underscores, package names."""

from __future__ import annotations

import builtins
import keyword

from ...ir.naming import pascal, snake

PYTHON_KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) - {"_"}
PYTHON_BUILTINS = frozenset(dir(builtins))


def _finish(name: str, fallback: str, prefix: str) -> str:
    if not name:
        return fallback
    if name[0].isdigit():
        return prefix + name
    return name


def snake_identifier(text: str, fallback: str = "field", digit_prefix: str = "field_") -> str:
    """A snake_case identifier, keywords and all: callers append `_` through `Namespace`."""
    return _finish(snake(text), fallback, digit_prefix)


def pascal_identifier(text: str, fallback: str = "Model", digit_prefix: str = "Model") -> str:
    return _finish(pascal(text), fallback, digit_prefix)


def type_identifier(name: str, prefix: str = "Model") -> str:
    """`name`, made from words and pieces of other names, as a class name that is always valid: a
    name that starts with a digit (`0HttpxParams`, from a resource `_0`) or holds what no
    identifier may gets `prefix` in front or is rebuilt from its words."""
    if name.isidentifier():
        return name
    if (prefix + name).isidentifier():
        return prefix + name
    return pascal_identifier(name, fallback=prefix, digit_prefix=prefix)


def is_identifier(text: str) -> bool:
    return text.isidentifier() and text.isascii() and not keyword.iskeyword(text)


def public_identifier(name: str, fallback: str) -> str:
    """`name` (an identifier) without the leading underscores that would make it private.

    What follows `_` may be a character no name can start with (a combining accent, a digit):
    then it stays behind `fallback_`.
    """
    stripped = name.lstrip("_")
    if stripped.isidentifier():
        return stripped
    return f"{fallback}_{stripped}" if stripped else fallback


def with_trailing_underscore(name: str, reserved: frozenset[str] | set[str]) -> str:
    """`class` -> `class_`: the usual Python spelling of a reserved word used as a name."""
    while name in reserved or keyword.iskeyword(name):
        name += "_"
    return name


# ---- the package name -------------------------------------------------------------------------------

# A package name is a folder name and an import name: short enough for any file system (255 bytes a
# name) with room for a suffix, as PEP 8 asks (short, lowercase).
MAX_PACKAGE_NAME = 100
# What a derived name that would shadow a module gets appended (`Email` -> `email_sdk`).
PACKAGE_SUFFIX = "_sdk"
# Standard-library modules, on every Python the SDK supports (3.9 on): the running Python's list plus
# the ones later versions removed, so the outcome does not depend on which Python runs sdkgen.
_REMOVED_STDLIB = frozenset(
    """aifc asynchat asyncore audioop cgi cgitb chunk crypt distutils imghdr imp lib2to3 mailcap msilib
    nis nntplib ossaudiodev pipes smtpd sndhdr spwd sunau telnetlib uu xdrlib""".split()
)
_STDLIB = frozenset(getattr(__import__("sys"), "stdlib_module_names", ())) | _REMOVED_STDLIB
# The SDK's dependencies and theirs (httpx, pydantic, typing-extensions), as they are imported.
SDK_DEPENDENCIES = frozenset(
    """httpx httpcore h11 h2 hpack hyperframe idna certifi sniffio anyio exceptiongroup pydantic
    pydantic_core annotated_types typing_extensions typing_inspection socksio brotli brotlicffi
    zstandard email_validator""".split()
)
# A package of one of these names, once its folder is on sys.path, is imported in place of the module
# the SDK (or its user) asks for: `email` breaks httpx, `typing` breaks everything.
SHADOWING_NAMES = _STDLIB | SDK_DEPENDENCIES


def package_name_problem(name: str) -> str | None:
    """Why `name` (NFKC, as Python reads it) cannot be the generated package's name, or None."""
    size = len(name.encode("utf-8", "surrogatepass"))
    if size > MAX_PACKAGE_NAME:
        return f"is {size:,} bytes long; a package name has at most {MAX_PACKAGE_NAME}"
    if not name.isidentifier():
        return "must be a valid identifier (letters, digits and `_`, not starting with a digit)"
    if name != name.lower():
        return f"must be lowercase (PEP 8): {name.lower()!r}"
    if keyword.iskeyword(name):
        return "is a Python keyword: `import` cannot name it"
    if name.strip("_") == "":
        return "must have a letter or digit in it"
    if name in SHADOWING_NAMES:
        what = "a standard-library module" if name in _STDLIB else "a module the SDK depends on"
        return f"is the name of {what}: the package would shadow it and could not be imported"
    return None


def derived_package_name(title: str) -> str:
    """The package name made from the API's title: snake_case, capped in length, never a keyword
    (`class_`) nor a module it would shadow (those get PACKAGE_SUFFIX: `JSON` -> `json_sdk`)."""
    name = snake_identifier(title, fallback="client", digit_prefix="api_")[: MAX_PACKAGE_NAME - 1].rstrip("_") or "client"
    if name in SHADOWING_NAMES:
        name = name[: MAX_PACKAGE_NAME - len(PACKAGE_SUFFIX)].rstrip("_") + PACKAGE_SUFFIX
    return with_trailing_underscore(name, set())
