"""The Java target's own configuration (`x-sdkgen.java`), read and checked here, with its places.

    x-sdkgen:
      java:
        package: com.example          # base package: core/, errors/, client/, models/, services/
        client-name: Example          # ExampleClient, ExampleClientAsync, ExampleOkHttpClient(Async)
        group-id: com.example         # Maven coordinates of the generated project
        artifact-id: example-java
        version: 1.2.3                # default: info.version when Maven can read it, else 0.0.1
    components.schemas.X.x-sdkgen:
      java: {package: beta.things}    # X's package, relative to <base>.models

Defaults come from the API's name (`x-sdkgen.package-name` or `info.title`). A setting that is no
valid Java (a package segment that is a keyword, a client name that is no identifier) is a SpecError at
its place (exit status 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import Place, SpecError
from ...ir import model as ir
from ...spec.pointers import join_pointer
from .naming import JAVA_KEYWORDS, package_segment, type_identifier

_TOP_KEYS = ("package", "client-name", "group-id", "artifact-id", "version")
_SCHEMA_KEYS = ("package",)
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_MAVEN_ID = re.compile(r"[A-Za-z0-9_.-]+")
_MAVEN_VERSION = re.compile(r"[0-9][A-Za-z0-9_.-]*")
MAX_IDENTIFIER = 100


@dataclass(frozen=True)
class JavaSettings:
    package: tuple[str, ...]  # base package, by segment
    client_name: str
    group_id: str
    artifact_id: str
    version: str


def _at(place: Place, key: str | int) -> Place:
    return Place(place.file, join_pointer(place.pointer, key))


def _mapping(settings: ir.TargetSettings | None, allowed: tuple[str, ...]) -> dict[str, str]:
    if settings is None:
        return {}
    value = settings.value
    if not isinstance(value, dict):
        raise SpecError("the java settings must be a mapping", settings.place)
    out: dict[str, str] = {}
    for key, item in value.items():
        if key not in allowed:
            raise SpecError(
                f"unknown java setting {key!r} (known: {', '.join(sorted(allowed))})", _at(settings.place, key)
            )
        if not isinstance(item, str) or not item:
            raise SpecError(f"java {key} must be a non-empty string", _at(settings.place, key))
        out[key] = item
    return out


def _package(text: str, place: Place) -> tuple[str, ...]:
    segments = tuple(text.split("."))
    for segment in segments:
        if not _IDENTIFIER.fullmatch(segment) or len(segment) > MAX_IDENTIFIER:
            raise SpecError(
                f"java package {text!r}: {segment!r} is not a Java identifier (ASCII letters, digits, _)", place
            )
        if segment in JAVA_KEYWORDS:
            raise SpecError(f"java package {text!r}: {segment!r} is a Java keyword", place)
    return segments


def java_settings(api: ir.Api) -> JavaSettings:
    settings = api.target_settings.get("java")
    raw = _mapping(settings, _TOP_KEYS)
    place = settings.place if settings is not None else Place(api.spec_name)
    words = api.package.words or ("api",)
    if "package" in raw:
        package = _package(raw["package"], _at(place, "package"))
    else:
        package = (package_segment(words),)
    if "client-name" in raw:
        client = raw["client-name"]
        if not _IDENTIFIER.fullmatch(client) or client in JAVA_KEYWORDS or len(client) > MAX_IDENTIFIER:
            raise SpecError(f"java client-name {client!r} is not a Java identifier", _at(place, "client-name"))
    else:
        client = type_identifier(words)
    for key in ("group-id", "artifact-id"):
        if key in raw and not _MAVEN_ID.fullmatch(raw[key]):
            raise SpecError(f"java {key} {raw[key]!r} is not a Maven id (letters, digits, . _ -)", _at(place, key))
    if "version" in raw and not _MAVEN_VERSION.fullmatch(raw["version"]):
        raise SpecError(f"java version {raw['version']!r} is not a Maven version", _at(place, "version"))
    version = raw.get("version") or (api.version if _MAVEN_VERSION.fullmatch(api.version) else "0.0.1")
    return JavaSettings(
        package=package,
        client_name=client,
        group_id=raw.get("group-id", ".".join(package)),
        artifact_id=raw.get("artifact-id", "-".join(w.lower() for w in words) + "-java"),
        version=version,
    )


def model_package(definition: ir.Definition) -> tuple[str, ...] | None:
    """A definition's configured package (relative to `<base>.models`), checked; None: not configured."""
    settings = definition.target_settings.get("java")
    raw = _mapping(settings, _SCHEMA_KEYS)
    if "package" not in raw or settings is None:
        return None
    return _package(raw["package"], _at(settings.place, "package"))
