"""The generated Java SDK (`generated/java/`): it compiles as Java 11 with every lint and no warning,
the seed's program (the official SDK's reference page, `/work/shared/seed/`) compiles against it
unchanged and runs against Prism, and a program calling every ChatKit method (blocking and async,
pages, raw responses) passes against Prism, reading the seed's example response and writing it back.

javac runs once per session (a module fixture): the SDK, the seed program and the calls program.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Callable, Iterator, Tuple

import pytest

from java_tools import classpath, compile, java_path, require_java, sources_under

ROOT = Path(__file__).resolve().parent.parent
SDK = ROOT / "generated" / "java" / "src" / "main" / "java"
SEED = Path("/work/shared/seed/000_e83197dccf7e12e2.txt")
CALLS = ROOT / "tests" / "java" / "codegen"
RUN_TIMEOUT = 120.0


def seed_program(text: str) -> str:
    """The seed's Java program, verbatim: from `package com.openai.example;` to its class's closing brace."""
    start = text.index("package com.openai.example;")
    end = text.index("\n}\n", start) + 2
    return text[start:end] + "\n"


def seed_example(text: str) -> str:
    """The seed's example response: the JSON object right after the program."""
    after = text.index("\n}\n", text.index("package com.openai.example;")) + 3
    end = text.index("\n}\n", after) + 2
    return text[after:end] + "\n"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[Path, Path]]:
    """(classes folder, seed example JSON file)."""
    require_java()
    if not SEED.is_file():
        pytest.skip(f"{SEED} is not here")
    work = tmp_path_factory.mktemp("java-sdk")
    text = SEED.read_text(encoding="utf-8")
    main = work / "src" / "com" / "openai" / "example" / "Main.java"
    main.parent.mkdir(parents=True)
    main.write_text(seed_program(text), encoding="utf-8")
    example = work / "example.json"
    example.write_text(seed_example(text), encoding="utf-8")
    classes = work / "classes"
    compile([*sources_under(SDK), main, *sources_under(CALLS)], classes, junit=False)
    yield classes, example


def _java(classes: Path, main: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    java = java_path()
    assert java is not None
    return subprocess.run(
        [java, "-cp", classpath(classes), main, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=RUN_TIMEOUT,
        env=env,
        check=False,
    )


def _env(prism_url: str) -> dict[str, str]:
    return {**os.environ, "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": prism_url}


def test_the_sdk_and_the_seed_program_compile_without_warnings(compiled: Tuple[Path, Path]) -> None:
    classes, _ = compiled
    assert (classes / "com" / "openai" / "example" / "Main.class").is_file()
    assert (classes / "com" / "openai" / "client" / "okhttp" / "OpenAIOkHttpClient.class").is_file()


def test_the_seed_program_runs_against_prism(compiled: Tuple[Path, Path], prism_url: str) -> None:
    classes, _ = compiled
    result = _java(classes, "com.openai.example.Main", env=_env(prism_url))
    assert result.returncode == 0, result.stdout


def test_every_chatkit_method_sync_and_async_against_prism(compiled: Tuple[Path, Path], prism_url: str) -> None:
    classes, example = compiled
    result = _java(classes, "ChatKitCalls", str(example), env=_env(prism_url))
    assert result.returncode == 0 and result.stdout.startswith("ok:"), result.stdout


def test_the_seed_names_nothing_the_generator_knows() -> None:
    # Every name the seed's program uses comes from spec/sdkgen.yaml, not from the target.
    target = ROOT / "generator" / "targets" / "java"
    for path in sorted(target.glob("*.py")) + sorted((ROOT / "templates" / "java").rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            found = re.findall(r"(?i)chatkit|openai", text)
            assert not found, f"{path.relative_to(ROOT)} names {found[0]}"
