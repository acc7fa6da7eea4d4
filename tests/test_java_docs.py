"""The Java docs (`generated/docs/java/`): pages like the seed's (the official Java SDK's reference
page for `beta().chatkit().sessions().create`), rendered from the Java target's docs view, and their
example programs compile against `generated/java` with every lint and no warning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, List

import pytest

from java_tools import compile, require_java, sources_under

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "generated" / "docs" / "java"
SDK = ROOT / "generated" / "java" / "src" / "main" / "java"
CREATE = DOCS / "beta.chatkit.sessions.create.md"
_JAVA_BLOCK = re.compile(r"^(`{3,})java\n(.*?)\n\1$", re.MULTILINE | re.DOTALL)


def java_blocks(text: str) -> List[str]:
    """The Java code blocks of a page: the signature, then the example program."""
    return [match.group(2) for match in _JAVA_BLOCK.finditer(text)]


def test_the_create_page_reads_like_the_seed() -> None:
    page = CREATE.read_text(encoding="utf-8")
    signature, program = java_blocks(page)
    assert signature == (
        "ChatSession beta().chatkit().sessions().create(SessionCreateParams params, "
        "RequestOptions requestOptions = RequestOptions.none())"
    )
    for declaration in (
        "`String user`",
        "`Optional<ChatSessionChatKitConfigurationParam> chatkitConfiguration`",
        "`Optional<Long> maxFileSize`",
        '`JsonValue; object_ "chatkit.session"`',
        '`ACTIVE("active")`',
        '`EXPIRED("expired")`',
    ):
        assert declaration in page, declaration
    assert "`POST /chatkit/sessions`" in page
    for line in (
        "OpenAIClient client = OpenAIOkHttpClient.fromEnv();",
        "SessionCreateParams params = SessionCreateParams.builder()",
        "            .workflow(ChatSessionWorkflowParam.builder()",
        "ChatSession chatSession = client.beta().chatkit().sessions().create(params);",
    ):
        assert line in program, line


def test_every_method_has_a_java_page_linked_from_the_index() -> None:
    python_pages = {p.name for p in (ROOT / "generated" / "docs").glob("*.md")}
    java_pages = {p.name for p in DOCS.glob("*.md")}
    assert len(java_pages) == len(python_pages) and "index.md" in java_pages
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)]+\.md)\)", index))
    assert linked == java_pages - {"index.md"}
    for name in linked:
        assert "[OpenAI ChatKit API](index.md)" in (DOCS / name).read_text(encoding="utf-8")


def write_examples(pages: Iterable[str], folder: Path) -> List[Path]:
    """Each page's example program as `<folder>/example<n>/Main.java`, in a package of its own
    (`<base>.example<n>`: one class name, many programs)."""
    sources = []
    for number, page in enumerate(pages):
        program = java_blocks(page)[-1]
        first, _, rest = program.partition("\n")
        assert first.startswith("package ") and first.endswith(".example;"), first
        main = folder / f"example{number}" / "Main.java"
        main.parent.mkdir(parents=True)
        main.write_text(f"{first[:-1]}{number};\n{rest}\n", encoding="utf-8")
        sources.append(main)
    return sources


def test_the_java_examples_compile(tmp_path: Path) -> None:
    """Every ChatKit page's program, javac'd with the SDK."""
    require_java()
    pages = [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")) if p.name != "index.md"]
    sources = write_examples(pages, tmp_path / "src")
    assert len(sources) == 6
    compile([*sources_under(SDK), *sources], tmp_path / "classes", junit=False)


@pytest.mark.parametrize("case", ["cov_formats_files", "cov_names", "cov_streaming", "hostile_names", "hostile_text"])
def test_fixtures_with_the_java_target_have_java_docs(case: str) -> None:
    folder = ROOT / "tests" / "golden" / case / "docs" / "java"
    assert (folder / "index.md").is_file()
    for page in folder.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        if page.name != "index.md":
            assert len(java_blocks(text)) == 2, page.name
