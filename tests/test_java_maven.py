"""`mvn -o package` of the generated Maven project (`generated/java/pom.xml`), offline, against
Debian's Maven repository (`/usr/share/maven-repo`, which `make setup` fills): the slow tier.

The pom names the real upstream versions (Jackson 2.14.2, OkHttp 3.13.1, maven-compiler-plugin
3.11.0) as properties; Debian ships other versions of the same artifacts, so the build sets those
properties on the command line to the versions Debian has. Maven in offline mode reads only its local
repository, so the local repository is a fresh folder of links to Debian's files (nothing is
written into Debian's folder, and no network is used: the only repository, mirrored in a private
`settings.xml`, is Debian's folder too).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Optional

import pytest

from tests.golden_cases import ROOT

DEBIAN_REPO = Path("/usr/share/maven-repo")
PROJECT = ROOT / "generated" / "java"
MAVEN_TIMEOUT = 900.0  # seconds: a stuck build fails the run instead of hanging it
SETTINGS = f"""<settings>
  <offline>true</offline>
  <mirrors>
    <mirror>
      <id>debian</id>
      <mirrorOf>*</mirrorOf>
      <url>{DEBIAN_REPO.as_uri()}</url>
    </mirror>
  </mirrors>
</settings>
"""
# pom property -> (group path, artifact, the real version the pom must name).
PINNED = {
    "jackson.version": ("com/fasterxml/jackson/core", "jackson-databind", "2.14.2"),
    "okhttp.version": ("com/squareup/okhttp3", "okhttp", "3.13.1"),
    "maven-compiler-plugin.version": ("org/apache/maven/plugins", "maven-compiler-plugin", "3.11.0"),
}
# Debian's alias for every Jackson artifact (core is 2.14.1 there, databind and annotations 2.14.0).
JACKSON_ALIAS = "2.x"


def _debian_version(group: str, artifact: str) -> Optional[str]:
    """The newest numbered version of an artifact in Debian's repository, or None."""
    folder = DEBIAN_REPO / group / artifact
    versions = [p.name for p in folder.iterdir() if re.fullmatch(r"\d+(\.\d+)*", p.name)] if folder.is_dir() else []
    return max(versions, key=lambda v: tuple(int(part) for part in v.split("."))) if versions else None


def _unavailable(message: str) -> None:
    """Skip, except in CI (`CI` set), where `make setup` has installed Maven and its plugins."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(message + " (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def _link_tree(source: Path, target: Path) -> None:
    """`target` mirrors `source` as folders of links to its files."""
    shutil.copytree(source, target, symlinks=False, copy_function=os.symlink)


@pytest.mark.slow
def test_the_generated_pom_builds_offline_with_maven_against_debians_repository(tmp_path: Path) -> None:
    pom = (PROJECT / "pom.xml").read_text(encoding="utf-8")
    for name, (_, _, real) in PINNED.items():
        assert f"<{name}>{real}</{name}>" in pom, name
    mvn = shutil.which("mvn")
    if mvn is None:
        _unavailable("Maven is not installed (no `mvn` on PATH): run `make setup`")
    assert mvn is not None
    overrides = {}
    for name, (group, artifact, _) in PINNED.items():
        version = _debian_version(group, artifact)
        if version is None:
            _unavailable(f"{DEBIAN_REPO} has no {artifact}: run `make setup`")
        overrides[name] = JACKSON_ALIAS if name == "jackson.version" else version
    jackson = DEBIAN_REPO / "com/fasterxml/jackson/core"
    if not all((jackson / a / JACKSON_ALIAS).is_dir() for a in ("jackson-core", "jackson-annotations")):
        _unavailable(f"{jackson} has no {JACKSON_ALIAS} alias of every Jackson artifact: run `make setup`")

    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    repository = tmp_path / "repository"
    _link_tree(DEBIAN_REPO, repository)
    settings = tmp_path / "settings.xml"
    settings.write_text(SETTINGS, encoding="utf-8")
    command = [
        mvn, "-o", "-q", "-B", "-s", str(settings), f"-Dmaven.repo.local={repository}",
        *(f"-D{name}={version}" for name, version in sorted(overrides.items())),
        "-Dmaven.compiler.failOnWarning=true", "package",
    ]  # fmt: skip
    result = subprocess.run(
        command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=MAVEN_TIMEOUT
    )
    assert result.returncode == 0, " ".join(command) + "\n" + result.stdout[-20000:]
    [jar] = (project / "target").glob("*.jar")
    with zipfile.ZipFile(jar) as archive:
        names = set(archive.namelist())
    assert "com/openai/client/okhttp/OpenAIOkHttpClient.class" in names
    assert "com/openai/models/beta/chatkit/sessions/SessionCreateParams.class" in names
