"""IR words -> Java identifiers: PascalCase types, lowerCamelCase members, lower-case packages.

Java's rules: keywords and literals, the restricted identifiers (`var`, `record`, `yield`, ...), the
methods every object has (`getClass`, `hashCode`, ...) and the names the generated classes define or
import themselves (`builder`, `validate`, `Builder`, `JsonValue`, ...) are never given to a spec's
thing; `object` is reserved for members as the official SDKs do (`_object_()`). A name starting with a
digit gets a prefix. Collisions are settled with `ir.naming.resolve` in each namespace: every class
of the SDK (one namespace, case-insensitively: a file system may not tell `Foo.java` from
`foo.java`), each class's members, each builder's methods.
"""

from __future__ import annotations

from typing import Iterable

from ...ir import model as ir
from ...ir.naming import Claim, resolve
from . import imports

JAVA_KEYWORDS = frozenset(
    """abstract assert boolean break byte case catch char class const continue default do double else
    enum extends final finally float for goto if implements import instanceof int interface long native
    new package private protected public return short static strictfp super switch synchronized this
    throw throws transient try void volatile while true false null _ var record yield sealed permits
    non-sealed exports module open opens provides requires to transitive uses with""".split()
)
# Type names the generated files use unqualified (java.lang, the imports, nested classes): a spec's
# class never takes one of them.
RESERVED_TYPES = frozenset(
    """Object String Long Double Boolean Integer Number Void Class Math System Override Deprecated
    SuppressWarnings Exception RuntimeException IllegalStateException IllegalArgumentException Iterable
    Runnable Thread List Map Set Optional Objects LinkedHashMap ArrayList Collections Arrays Iterator
    Stream Duration CompletableFuture Executor Function Consumer Supplier JsonValue JsonModel Params Check
    RequestOptions ClientOptions Headers QueryParams HttpRequest HttpRequestBody HttpMethod HttpClient
    HttpResponse HttpResponseFor ApiCaller StreamResponse AsyncStreamResponse Page AutoPager AutoPagerAsync
    InvalidDataException OkHttpTransport TypeReference JsonCreator JsonProperty Builder Body Known Value
    WithRawResponse Main""".split()
)
# Members a model, a params class or a union has already (Object's, the runtime bases', the ones every
# generated class defines).
RESERVED_MEMBERS = frozenset(
    """object getClass hashCode equals toString clone finalize notify notifyAll wait builder toBuilder
    validate isValid build self from set members raw required optional additionalProperties
    putAdditionalProperty putAllAdditionalProperties removeAdditionalProperty additionalHeaders
    putAdditionalHeader removeAdditionalHeader additionalQueryParams putAdditionalQueryParam
    additionalBodyProperties putAdditionalBodyProperty known value asString of accept visit none
    withRawResponse async sync close options params requestOptions clientOptions""".split()
)
MAX_LENGTH = 100


def _cap(text: str) -> str:
    return text[:MAX_LENGTH]


def type_identifier(words: Iterable[str]) -> str:
    """`("chat", "session")` -> `ChatSession`; a leading digit gets `Model` before it."""
    text = "".join(w[:1].upper() + w[1:] for w in words if w) or "Model"
    if text[0].isdigit():
        text = "Model" + text
    return _cap(text)


def type_of(name: ir.Name) -> str:
    """A type's identifier: the configured spelling when Java can take it as it is, else its words."""
    spelling = name.spelling
    if spelling is not None and spelling.isascii() and spelling.isidentifier() and spelling not in JAVA_KEYWORDS:
        return _cap(spelling)
    return type_identifier(name.words)


def member_identifier(words: Iterable[str]) -> str:
    """`("max", "file", "size")` -> `maxFileSize`; a leading digit gets `_` before it; a keyword or a
    reserved member gets `_` after it (`object_`, `class_`)."""
    parts = [w for w in words if w]
    if not parts:
        return "value_"
    text = parts[0].lower() + "".join(
        w[:1].upper() + w[1:].lower() if w.isupper() and len(w) > 1 else w[:1].upper() + w[1:] for w in parts[1:]
    )
    if text[0].isdigit():
        text = "_" + text
    text = _cap(text)
    if text in JAVA_KEYWORDS or text in RESERVED_MEMBERS:
        text += "_"
    return text


def constant_identifier(words: Iterable[str]) -> str:
    """An enum constant: `("in", "progress")` -> `IN_PROGRESS`; `_` before a digit or a keyword-like name."""
    text = "_".join(w.upper() for w in words if w) or "EMPTY"
    if text[0].isdigit():
        text = "_" + text
    text = _cap(text)
    if text in ("_", "_UNKNOWN", "KNOWN", "VALUE"):
        text += "_"
    return text


def package_segment(words: Iterable[str]) -> str:
    """A package segment: the words in lower case, joined; `_` before a digit or after a keyword."""
    text = _cap("".join(w.lower() for w in words if w)) or "api"
    if text[0].isdigit():
        text = "_" + text
    if text in JAVA_KEYWORDS:
        text += "_"
    return text


def settle_types(claims: Iterable[Claim], reserved: Iterable[str]) -> dict[str, str]:
    """Every class of the SDK, unique case-insensitively, none a reserved type name nor the name of a
    class a generated file may import (`imports.reserved()`: the runtime's, the JDK's, Jackson's)."""
    taken = set(RESERVED_TYPES) | imports.reserved() | set(reserved)
    return resolve(claims, reserved=taken, fold=str.lower)


def settle_members(claims: Iterable[Claim], reserved: Iterable[str] = ()) -> dict[str, str]:
    """The members of one class (getters and builder methods share names: one namespace). A name
    that would need `_` after it already carries it; `_x` forms are taken by the raw accessors."""
    return resolve(claims, reserved=set(RESERVED_MEMBERS) | set(JAVA_KEYWORDS) | set(reserved))
