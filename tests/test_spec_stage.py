"""The spec stage's plumbing: `$ref` pointers read in one place, the validation cache keyed on every
module a verdict comes from, and a run answered from that cache never importing the validator."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.spec import document, lines, messages, openapi_check, pointers, validate, walk
from generator.spec.pointers import join_pointer, ref_pointer, split_pointer, split_ref

ROOT = Path(__file__).resolve().parent.parent
SPEC = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "200": {description: ok}\n'


def test_ref_pointers() -> None:
    assert split_ref("pet.yaml#/components/schemas/Pet") == ("pet.yaml", "#/components/schemas/Pet")
    assert split_ref("pet.yaml") == ("pet.yaml", "#")
    assert split_ref("#/a%20b") == ("", "#/a%20b")
    assert split_ref("my%20pet.yaml#/a%20b", decode=True) == ("my pet.yaml", "#/a b")
    assert ref_pointer("other.yaml#/x") == ref_pointer("#/x") == "#/x"
    assert split_pointer(join_pointer("#/paths", "/a/{b}", "~x", 0)) == ["paths", "/a/{b}", "~x", "0"]


def test_the_validation_cache_key_covers_every_module_a_verdict_comes_from() -> None:
    """A change to any of these changes a verdict, a message, or the place or line it names."""
    shaping = [
        openapi_check.validation_errors,  # the checks
        messages.explain,  # their wording
        walk.schema_nodes,  # which nodes the own checks read as schemas
        document.Spec,  # places: canonical pointers, origins in other files
        lines.lines_of,  # the lines places name
        pointers.join_pointer,  # the pointers they name
        validate.VerdictCache,  # the key itself
    ]
    hashed = {path.resolve() for path in validate._VERDICT_CODE}
    for code in shaping:
        assert Path(inspect.getsourcefile(code) or "").resolve() in hashed, code


def test_the_validator_is_imported_only_by_the_process_that_validates(tmp_path: Path) -> None:
    """The first run validates in its forked child (the parent renders meanwhile and only reads the
    child's answer); the second is answered from the cache. Neither parent imports the validator:
    on a small spec its import was a third of the run, on the parent's critical path."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    script = (
        "import sys\n"
        "from generator.cli import main\n"
        "try:\n"
        "    main(['generate', '--spec', sys.argv[1], '--out', sys.argv[2]])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print('imported' if 'openapi_spec_validator' in sys.modules else 'not imported')\n"
    )
    answers = []
    for _ in range(2):  # the first run validates and stores the verdict, the second reads it
        done = subprocess.run(
            [sys.executable, "-c", script, str(spec), str(tmp_path / "out")],
            capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        answers.append(done.stdout.split()[-2:])
    assert answers == [["not", "imported"], ["not", "imported"]], answers


INVALID = SPEC.replace('"200": {description: ok}', '"200": {description: ok}\n        "2XX": {description: 7}')


def _spec_at(tmp_path: Path, name: str, text: str) -> document.Spec:
    from generator.spec.refs import open_spec

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return open_spec(path, name)


def test_an_early_child_that_read_another_spec_is_not_believed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The early child reads the spec itself: when what it read is not what this process read (the
    file was edited in between), its answer is dropped and the spec validated here."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    valid, invalid = _spec_at(tmp_path, "a.yaml", SPEC), _spec_at(tmp_path, "b.yaml", INVALID)
    expected = openapi_check.checked(invalid)
    assert expected  # the spec this process has is invalid; the child's is not
    child = validate.ValidationChild(lambda: valid)
    pending = validate.PendingValidation(invalid, use_cache=False, early=child)
    assert pending.every() == [(place, message) for place, message, _ in expected]
    assert not child.process.is_alive()
    # Read the same spec, its answer is the answer.
    same = validate.ValidationChild(lambda: _spec_at(tmp_path, "b.yaml", INVALID))
    assert validate.PendingValidation(invalid, use_cache=False, early=same).every() == pending.every()


def test_a_run_leaves_no_validation_process_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Started before the spec is read, the early child is stopped however the run ends: a run that
    validated, a run with nothing to do, a spec refused while loading."""
    import multiprocessing

    from generator.errors import SpecError
    from generator.pipeline import Options, run

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    for _ in range(2):  # validated; then nothing to do
        run(Options(spec, tmp_path / "out"))
        assert multiprocessing.active_children() == []
    spec.write_text("openapi: [", encoding="utf-8")
    try:
        run(Options(spec, tmp_path / "out"))
    except SpecError:
        pass
    assert multiprocessing.active_children() == []
