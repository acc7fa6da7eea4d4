"""Each `.java` file's imports: the classes its laid-out body names, and nothing else.

A file's body is laid out first; then every simple name it uses in code (outside comments,
string and character literals, and not after a `.`, which makes it a member or a qualified name) or
in a Javadoc `{@link ...}` is looked up in the SDK's table of importable classes: the runtime's (read
from its sources), the JDK's and Jackson's the templates use, and every class the plan made (whose
names may start in lower case or with `_`, when configured so). A name found there is imported
unless its class is in the file's own package; a variable of that name does not hurt, since Java
keeps types and variables apart.

Names cannot clash: the plan never gives a class of the SDK the simple name of a runtime, JDK or
Jackson class the files use (`RESERVED`, passed to `naming.settle_types`), and its own classes are
unique. The table is checked for that when it is built, so a clash is a bug caught before any file
is written, not a file that does not compile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

RUNTIME = Path(__file__).resolve().parent / "runtime" / "sdkgen" / "runtime"

# The JDK's and Jackson's classes the templates name unqualified (java.lang needs no import).
LIBRARY = {
    name: f"{package}.{name}"
    for package, names in (
        ("java.util", "ArrayList Collections LinkedHashMap List Map Objects Optional Set"),
        ("java.util.concurrent", "CompletableFuture"),
        ("java.time", "Duration"),
        ("java.io", "InputStream"),
        ("java.nio.file", "Path"),
        ("com.fasterxml.jackson.annotation", "JsonCreator"),
        ("com.fasterxml.jackson.core.type", "TypeReference"),
    )
    for name in names.split()
}
# java.lang classes the templates name: an imported class of that name would shadow them.
JAVA_LANG = frozenset(
    """AutoCloseable Boolean Deprecated Double IllegalArgumentException IllegalStateException Long Object
    Override String SuppressWarnings""".split()
)

_TOKENS = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)
    |"(?:\\.|[^"\\\n])*"
    |'(?:\\.|[^'\\\n])*'
    |(?<![\w.$])(?P<name>[A-Za-z_$][\w$]*)""",
    re.DOTALL | re.VERBOSE,
)
_LINK = re.compile(r"\{@link(?:plain)?\s+([A-Za-z_$][\w$]*)")


@lru_cache(maxsize=1)
def runtime_classes() -> tuple[tuple[str, ...], ...]:
    """The runtime's top-level classes, as package parts below the base package and the name
    (`("core", "http", "HttpRequest")`), from its source files."""
    if not RUNTIME.is_dir():
        return ()
    return tuple(sorted(path.relative_to(RUNTIME).with_suffix("").parts for path in RUNTIME.rglob("*.java")))


def reserved() -> frozenset[str]:
    """The simple names no class of the SDK may take."""
    return frozenset(LIBRARY) | JAVA_LANG | frozenset(parts[-1] for parts in runtime_classes())


def referenced(body: str) -> set[str]:
    """The simple type names `body` uses in code or links to from Javadoc."""
    found: set[str] = set()
    for comment, name in _TOKENS.findall(body):  # (comment, name) of every token; "" where none
        if name:
            found.add(name)
        elif comment:
            found.update(_LINK.findall(comment))
    return found


@dataclass(frozen=True)
class ImportTable:
    """Simple name -> qualified name of every class a file may import."""

    classes: Mapping[str, str]

    def imports(self, package: str, body: str) -> list[str]:
        """What a file of `package` with this body imports: sorted, unique, none of its own package."""
        lines = set()
        for name in referenced(body):
            qualified = self.classes.get(name)
            if qualified is not None and qualified.rpartition(".")[0] != package:
                lines.add(qualified)
        return sorted(lines)


def import_table(base: tuple[str, ...], sdk_classes: Iterable[tuple[str, str]]) -> ImportTable:
    """The table for an SDK whose runtime sits at `base` and whose own classes are `sdk_classes`
    (simple name, qualified name). A simple name claimed twice is a bug in the plan."""
    table: dict[str, str] = dict(LIBRARY)
    for parts in runtime_classes():
        _claim(table, parts[-1], ".".join(base + parts))
    for name, qualified in sdk_classes:
        if name in JAVA_LANG:
            raise AssertionError(f"the SDK's class {qualified} would shadow java.lang.{name}")
        _claim(table, name, qualified)
    return ImportTable(table)


def _claim(table: dict[str, str], name: str, qualified: str) -> None:
    other = table.setdefault(name, qualified)
    if other != qualified:
        raise AssertionError(f"two classes named {name}: {other} and {qualified}")
