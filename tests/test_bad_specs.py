"""Bad input is refused cleanly, through the real command line (`sdkgen generate` in a subprocess).

For every bad input: exit status 2, one message on stderr that names the spec file and the place
(a line, a JSON pointer or both), no traceback, nothing on stdout, and the output folder untouched:
byte for byte what a previous generation left there (or still absent). The inputs are the files in
`tests/fixtures/bad/` plus the ones that cannot be checked in (a missing file, a folder, a symlink that
leads out of the spec's folder, 10,000 levels of nesting, a file over the size limit, a huge file).

All the subprocesses start at once (they spend most of their time starting Python) and each test
reads its own result. `--check` and the manifest are tested in-process with click's CliRunner.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import pytest
from click.testing import CliRunner

from generator.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"
SDKGEN = Path(sys.executable).with_name("sdkgen")
# A small valid spec: its SDK is "a previous generation" in every output folder.
GOOD_SPEC = ROOT / "tests" / "fixtures" / "specs" / "cov_shapes.yaml"
# How big the huge-input test makes its spec (SDKGEN_HUGE_MB=50 for the full measurement).
HUGE_MB = int(os.environ.get("SDKGEN_HUGE_MB", "8"))


@dataclass(frozen=True)
class Case:
    spec: str  # a file in tests/fixtures/bad, or "gen:<name>" made by `_generated`
    message: str  # a regular expression the first line of stderr must match (after the place)
    line: Optional[int] = None  # the line the message must name
    pointer: Optional[str] = None  # the JSON pointer it must name
    # Inputs with no place inside them (no file, an empty file): the file name is the place.
    file_only: bool = False


CASES: Dict[str, Case] = {
    # Unreadable, missing, not a file, empty.
    "missing file": Case("gen:missing.yaml", r"no such file", file_only=True),
    "a directory": Case("gen:a_folder", r"is a directory", file_only=True),
    "unreadable file": Case("gen:unreadable.yaml", r"cannot read the file: Permission denied", file_only=True),
    "empty file": Case("empty.yaml", r"the file is empty", file_only=True),
    "whitespace only": Case("whitespace_only.yaml", r"the file is empty", file_only=True),
    "over the size limit": Case("gen:too_big.yaml", r"sdkgen reads specs up to \d+ MiB", file_only=True),
    # Not YAML or JSON.
    "tab indentation": Case("yaml_tab_indent.yaml", r"invalid YAML: .*a tab: YAML indents with spaces only", line=3),
    "unclosed bracket": Case("yaml_unclosed_bracket.yaml", r"invalid YAML: did not find expected ',' or '}'", line=3),
    "invalid JSON": Case("json_invalid.json", r"invalid JSON: Expecting property name", line=3),
    "not UTF-8": Case("not_utf8.yaml", r"not UTF-8 text \(byte 0xe9 at offset \d+", line=4),
    "NUL byte": Case("nul_byte.yaml", r"invalid YAML: the character U\+0000 is not allowed", line=4),
    "duplicate key": Case("duplicate_key.yaml", r"duplicate key 'id' in this mapping", line=11),
    # Not OpenAPI 3.
    "a list": Case("top_level_list.yaml", r"not an OpenAPI document: the top level is list", pointer="#", line=2),
    "a scalar": Case("top_level_scalar.yaml", r"not an OpenAPI document: the top level is str", pointer="#", line=1),
    "no openapi field": Case("no_openapi_field.yaml", r"it has no `openapi` field", pointer="#", line=1),
    "Swagger 2.0": Case("swagger_2.yaml", r"Swagger 2.0 is not supported: convert it to OpenAPI 3 first .*swagger2openapi", pointer="#/swagger", line=1),
    "openapi: 3.1 as a number": Case("openapi_number.yaml", r'not the number 3.1 .*write openapi: "3.1.0"', pointer="#/openapi", line=1),
    "OpenAPI 4.0": Case("openapi_4.yaml", r"OpenAPI 4.0.0 is not supported \(sdkgen reads 3.0.x and 3.1.x\)", pointer="#/openapi", line=1),
    # Validation errors.
    "no info": Case("missing_info.yaml", r'"info" is a required property', pointer="#", line=1),
    "paths a string": Case("paths_string.yaml", r'"everything" is not of type "object"', pointer="#/paths", line=3),
    "parameters a string": Case("parameters_string.yaml", r'"none" is not of type "array"', pointer="#/paths/~1pets/get/parameters", line=6),
    "required: yes": Case("required_yes.yaml", r'"yes" is not of type "boolean" \(.*YAML 1.2.*write true or false\)', pointer="#/paths/~1pets/get/parameters/0/required", line=9),
    # Refs.
    "unresolved $ref": Case("ref_unresolved.yaml", r"\$ref '#/components/schemas/Owner' does not resolve", pointer="#/components/schemas/Pet/properties/owner/$ref", line=10),
    "alias cycle": Case("ref_cycle_alias.yaml", r"a \$ref cycle with no object in it: #/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A", pointer="#/components/schemas/A", line=7),
    "allOf cycle": Case("ref_cycle_allof.yaml", r"a \$ref and allOf cycle with no object in it: #/components/schemas/Base -> #/components/schemas/Base/allOf/0 -> #/components/schemas/Derived -> #/components/schemas/Derived/allOf/0 -> #/components/schemas/Base", pointer="#/components/schemas/Base", line=7),
    "oneOf of itself only": Case("ref_cycle_oneof.yaml", r"a \$ref cycle with no object in it: #/components/schemas/Itself -> #/components/schemas/Itself", pointer="#/components/schemas/Itself", line=7),
    "http $ref": Case("ref_http.yaml", r"points to a URL; sdkgen reads no network resources", pointer="#/components/schemas/Pet/$ref", line=7),
    "https $ref": Case("ref_https.yaml", r"points to a URL; sdkgen reads no network resources", pointer="#/components/schemas/Pet/$ref", line=7),
    "file: $ref": Case("ref_file_url.yaml", r"points to a URL; sdkgen reads no network resources", pointer="#/components/schemas/Pet/$ref", line=7),
    "../ $ref": Case("ref_parent_dir.yaml", r"points outside the spec's folder", pointer="#/components/schemas/Pet/$ref", line=7),
    "absolute $ref": Case("ref_absolute.yaml", r"is an absolute path, outside the spec's folder", pointer="#/components/schemas/Pet/$ref", line=7),
    "symlink out": Case("gen:symlink/spec.yaml", r"\$ref 'pet.yaml' points outside the spec's folder", pointer="#/components/schemas/Pet/$ref", line=7),
    # Hostile shapes.
    "billion laughs": Case("yaml_billion_laughs.yaml", r"YAML aliases expand to more than 1,000,000 nodes .* alias bomb", line=11),
    "recursive alias": Case("yaml_recursive_alias.yaml", r"the alias \*loop is inside its own anchor", line=5),
    "10,000 nested lists": Case("gen:deep_lists.yaml", r"nested more than 200 levels deep", line=4),
    "10,000 nested maps (JSON)": Case("gen:deep_maps.json", r"nested more than 200 levels deep", line=2),
    "300 nested block maps": Case("gen:deep_block.yaml", r"nested more than 200 levels deep", line=204),
    # Issue 7: every bad input is exit 2 with its place.
    "lone surrogate (JSON)": Case("json_lone_surrogate.json", r"invalid JSON: the escape \\ud800 is half of a UTF-16 surrogate pair", line=2),
    "lone surrogate (YAML)": Case("yaml_lone_surrogate.yaml", r"invalid YAML: found invalid Unicode character escape code", line=2),
    "duplicate key (JSON)": Case("json_duplicate_key.json", r"duplicate key 'paths' in a JSON object", line=4),
    "NUL in a $ref": Case("ref_nul_file.yaml", r"\$ref 'pet\\x00.yaml' names a file with a NUL character", pointer="#/components/schemas/Pet/$ref", line=7),
    "%00 in a $ref": Case("ref_nul_percent.json", r"names a file with a NUL character", pointer="#/components/schemas/Pet/$ref", line=2),
    "$ref '#'": Case("ref_hash_alone.yaml", r"\$ref '#' names the whole root document", pointer="#/components/schemas/Pet/$ref", line=7),
    "1,000 aliases in a chain": Case("gen:ref_chain.yaml", r"a chain of 1,000 \$refs and allOf entries, each a schema made only of the next \(#/components/schemas/S0 -> #/components/schemas/S1 .*at most 256", pointer="#/components/schemas/S0", line=6),
    "1,000 allOf entries in a chain": Case("gen:allof_chain.yaml", r"a chain of 2,000 \$refs and allOf entries.*#/components/schemas/S0/allOf/0 -> #/components/schemas/S1 .*at most 256", pointer="#/components/schemas/S0", line=6),
    "!!python/object tag": Case("yaml_python_tag.yaml", r"the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not supported", line=4),
    "!!binary tag": Case("yaml_binary_tag.yaml", r"the YAML tag 'tag:yaml.org,2002:binary' is not supported", line=8),
    "only ---": Case("only_document_marker.yaml", r"the file holds no data", pointer="#"),
    "a folder named x.yaml": Case("gen:x.yaml", r"is a directory", file_only=True),
    "a FIFO": Case("gen:fifo.yaml", r"not a regular file", file_only=True),
    "$ref to a FIFO": Case("gen:ref_fifo/spec.yaml", r"\$ref 'pipe.yaml' names pipe.yaml: not a regular file", pointer="#/components/schemas/Pet/$ref", line=7),
    "$ref to a folder": Case("gen:ref_folder/spec.yaml", r"\$ref 'folder.yaml' names folder.yaml: is a directory", pointer="#/components/schemas/Pet/$ref", line=7),
    "$ref to an empty file": Case("gen:ref_empty/spec.yaml", r"\$ref 'empty.yaml' names empty.yaml: the file is empty", pointer="#/components/schemas/Pet/$ref", line=7),
    "$ref to a symlink loop": Case("gen:ref_loop/spec.yaml", r"\$ref 'loop1.yaml' names a file that cannot be found", pointer="#/components/schemas/Pet/$ref", line=7),
    "a symlink loop": Case("gen:ref_loop/loop1.yaml", r"cannot read the file: Too many levels of symbolic links", file_only=True),
    "$ref to /dev/zero": Case("gen:ref_dev_zero/spec.yaml", r"\$ref 'zero.yaml' points outside the spec's folder", pointer="#/components/schemas/Pet/$ref", line=7),
    "10,000-character package name": Case("gen:long_package.yaml", r"package-name 'x{60}\.\.\.' is 10,000 bytes long; a package name has at most 100", pointer="#/x-sdkgen/package-name", line=5),
    "package name httpx": Case("package_name_httpx.yaml", r"package-name 'httpx' is the name of a module the SDK depends on", pointer="#/x-sdkgen/package-name", line=5),
    "resource 2,000 levels deep": Case("gen:deep_resource.yaml", r"resource nests 2,000 levels deep; sdkgen makes at most 32", pointer="#/paths/~1a/get/x-sdkgen/resource", line=8),
    "package name typing": Case("package_name_typing.yaml", r"package-name 'typing' is the name of a standard-library module", pointer="#/x-sdkgen/package-name", line=5),
}


def _generated(folder: Path) -> None:
    """Write the inputs that are not checked in."""
    (folder / "a_folder").mkdir()
    unreadable = folder / "unreadable.yaml"
    unreadable.write_text("openapi: 3.1.0\n", encoding="utf-8")
    unreadable.chmod(0)
    with open(folder / "too_big.yaml", "wb") as handle:  # sparse: no disk space, refused by size
        handle.truncate(129 * 1024 * 1024)
    head = 'openapi: 3.1.0\ninfo: {title: Deep, version: "1"}\npaths: {}\n'
    (folder / "deep_lists.yaml").write_text(head + "x-deep: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    (folder / "deep_maps.json").write_text(
        '{"openapi": "3.1.0", "info": {"title": "Deep", "version": "1"}, "paths": {},\n'
        + '"x-deep": ' + '{"a": ' * 10_000 + "1" + "}" * 10_000 + "}\n",
        encoding="utf-8",
    )
    block = [head.rstrip("\n"), "x-deep:"] + ["  " * (i + 1) + "a:" for i in range(300)] + ["  " * 301 + "1"]
    (folder / "deep_block.yaml").write_text("\n".join(block) + "\n", encoding="utf-8")
    _generated_symlink(folder)
    _generated_issue_7(folder)


def _generated_issue_7(folder: Path) -> None:
    head = 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\npaths: {}\n'
    chain = [f'    S{i}: {{$ref: "#/components/schemas/S{i + 1}"}}' for i in range(1000)]
    (folder / "ref_chain.yaml").write_text(head + "components:\n  schemas:\n" + "\n".join(chain) + "\n    S1000: {type: object}\n", encoding="utf-8")
    composed = [f'    S{i}: {{allOf: [{{$ref: "#/components/schemas/S{i + 1}"}}, {{type: object, properties: {{p{i}: {{type: string}}}}}}]}}' for i in range(1000)]
    (folder / "allof_chain.yaml").write_text(head + "components:\n  schemas:\n" + "\n".join(composed) + "\n    S1000: {type: object}\n", encoding="utf-8")
    (folder / "x.yaml").mkdir()
    os.mkfifo(folder / "fifo.yaml")
    one_ref = head + "components:\n  schemas:\n    Pet:\n      $ref: TARGET\n"
    for name, target in (("ref_fifo", "pipe.yaml"), ("ref_folder", "folder.yaml"), ("ref_empty", "empty.yaml"), ("ref_loop", "loop1.yaml"), ("ref_dev_zero", "zero.yaml")):
        (folder / name).mkdir()
        (folder / name / "spec.yaml").write_text(one_ref.replace("TARGET", target), encoding="utf-8")
    os.mkfifo(folder / "ref_fifo" / "pipe.yaml")
    (folder / "ref_folder" / "folder.yaml").mkdir()
    (folder / "ref_empty" / "empty.yaml").write_text("", encoding="utf-8")
    (folder / "ref_loop" / "loop1.yaml").symlink_to("loop2.yaml")
    (folder / "ref_loop" / "loop2.yaml").symlink_to("loop1.yaml")
    (folder / "ref_dev_zero" / "zero.yaml").symlink_to("/dev/zero")
    resource = ".".join(f"r{i}" for i in range(2000))
    (folder / "deep_resource.yaml").write_text(
        'openapi: 3.1.0\ninfo: {title: T, version: "1"}\npaths:\n  /a:\n    get:\n'
        f"      responses: {{'204': {{description: ok}}}}\n      x-sdkgen:\n        resource: {resource}\n",
        encoding="utf-8",
    )
    (folder / "long_package.yaml").write_text(head + "x-sdkgen:\n  package-name: " + "x" * 10_000 + "\n", encoding="utf-8")


def _write_huge(path: Path, size: int, broken: bool) -> int:
    """A valid spec with a big example in it, `size` bytes or so; broken at the end if asked.
    Returns its number of lines."""
    lines = 0
    with open(path, "w", encoding="utf-8") as out:
        header = (
            'openapi: 3.1.0\ninfo: {title: Huge, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n'
            "    Thing:\n      type: object\n      properties:\n        id: {type: string}\n"
            "      example:\n        items:\n"
        )
        out.write(header)
        lines += header.count("\n")
        i = 0
        while out.tell() < size:
            out.write(f'          - {{id: "item-{i}", name: "Thing number {i}", tags: [a, b, c], size: {i}}}\n')
            lines += 1
            i += 1
        if broken:
            out.write("          - {id: unclosed\n")
            lines += 1
    return lines


def _snapshot(folder: Path) -> Optional[Dict[str, bytes]]:
    if not folder.exists():
        return None
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    out_before: Optional[Dict[str, bytes]]
    out_after: Optional[Dict[str, bytes]]
    shown: str  # how the spec is named on the command line


def _unreadable_wrapper(path: Path) -> List[str]:
    """The CLI, in a process where opening `path` fails as it would without read permission (for
    root, whom chmod does not stop)."""
    hook = (
        "import sys\n"
        f"_NAME = {path.name!r}\n"
        "def _hook(event, args):\n"
        "    if event == 'open' and str(args[0]).replace('\\\\', '/').split('/')[-1] == _NAME:\n"
        "        raise PermissionError(13, 'Permission denied', str(args[0]))\n"
        "sys.addaudithook(_hook)\n"
        "from generator.cli import main\n"
        "sys.argv[0] = 'sdkgen'\n"
        "main()\n"
    )
    return [sys.executable, "-c", hook]


def _run(command: List[str], cwd: Path, out: Path, shown: str) -> Run:
    before = _snapshot(out)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.communicate(timeout=600)
    seconds = time.perf_counter() - started
    return Run(process.returncode, stdout, stderr, seconds, before, _snapshot(out), shown)


@pytest.fixture(scope="module")
def previous_generation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of a good spec: what every output folder holds before a bad run."""
    out = tmp_path_factory.mktemp("previous") / "out"
    result = CliRunner().invoke(cli_main, ["generate", "--spec", str(GOOD_SPEC), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (out / "python" / "my_own_notes.txt").write_text("the user's file\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, previous_generation: Path) -> Dict[str, Run]:
    work = tmp_path_factory.mktemp("bad")
    generated = work / "generated"
    generated.mkdir()
    _generated(generated)
    jobs = {}
    for name, case in CASES.items():
        if case.spec.startswith("gen:"):
            spec = generated / case.spec[4:]
        else:
            spec = BAD / case.spec
        out = work / re.sub(r"\W+", "_", name) / "out"
        if name != "missing file":  # one run whose output folder does not exist at all
            shutil.copytree(previous_generation, out)
        shown = spec.name
        command = [str(SDKGEN), "generate", "--spec", shown, "--out", str(out)]
        if name == "unreadable file" and os.geteuid() == 0:
            command = _unreadable_wrapper(spec) + ["generate", "--spec", shown, "--out", str(out)]
        jobs[name] = (command, spec.parent, out, shown)
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = {name: pool.submit(_run, *job) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_refused_cleanly(name: str, runs: Dict[str, Run]) -> None:
    case, run = CASES[name], runs[name]
    assert run.returncode == 2, f"exit status {run.returncode}\nstdout: {run.stdout}\nstderr: {run.stderr}"
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr
    assert run.stdout == "", run.stdout
    first = run.stderr.splitlines()[0]
    prefix = f"sdkgen: error: {run.shown}"
    assert first.startswith(prefix), f"{first!r} does not name the spec file {run.shown!r}"
    rest = first[len(prefix):]
    place = re.match(r"(?::(?P<line>\d+))?(?:: (?P<pointer>#\S*))?: ", rest)
    assert place is not None, f"no place in {first!r}"
    if case.file_only:
        assert place.group("line") is None and place.group("pointer") is None, first
    else:
        assert place.group("line") or place.group("pointer"), f"{first!r} names no line nor pointer"
    if case.line is not None:
        assert place.group("line") == str(case.line), f"{first!r}: expected line {case.line}"
    if case.pointer is not None:
        assert place.group("pointer") == case.pointer, f"{first!r}: expected pointer {case.pointer}"
    assert re.search(case.message, rest[place.end():]), f"{first!r} does not match {case.message!r}"
    assert run.out_after == run.out_before, "the output folder changed"


def test_nothing_is_created_when_the_output_folder_did_not_exist(runs: Dict[str, Run]) -> None:
    assert runs["missing file"].out_before is None and runs["missing file"].out_after is None


def test_bad_input_is_refused_fast(runs: Dict[str, Run]) -> None:
    slow = {name: round(run.seconds, 1) for name, run in runs.items() if run.seconds > 30}
    assert not slow, f"refusing these took more than 30 s: {slow}"


# ---- huge input -----------------------------------------------------------------------------------


def test_huge_input_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """A big spec (SDKGEN_HUGE_MB, 8 MB by default) broken on its last line: refused at that line, with
    peak memory a small multiple of the file size (time is printed, not asserted: the machine may be
    loaded; tests/test_cost.py bounds the work)."""
    spec = tmp_path / "huge.yaml"
    last = _write_huge(spec, HUGE_MB * 1_000_000, broken=True)
    # Through bench's wrapper, which spawns sdkgen with posix_spawn from a process of a few MB: a child
    # forked from pytest starts its ru_maxrss at pytest's own size (Linux carries the high-water mark
    # over at exec), which made this test fail whenever the suite had grown past the limit.
    result = tmp_path / "usage.json"
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-I", "-S", str(ROOT / "bench" / "rusage_wrapper.py"), str(result),
         str(SDKGEN), "generate", "--spec", spec.name, "--out", str(tmp_path / "out")],
        cwd=tmp_path, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    stderr = process.stderr
    usage = json.loads(result.read_text())
    status_code = usage["returncode"]
    assert status_code == 2, stderr
    # libyaml notices the unclosed mapping on its line or at the end of the file just after it.
    assert re.match(rf"sdkgen: error: huge.yaml:({last}|{last + 1}): invalid YAML", stderr), stderr
    peak_mb = usage["max_rss_kb"] / 1024
    size_mb = spec.stat().st_size / 1e6
    print(f"\n{size_mb:.0f} MB spec: refused in {seconds:.1f} s, peak memory {peak_mb:.0f} MB")
    assert peak_mb < 100 + 12 * size_mb, f"{peak_mb:.0f} MB peak for a {size_mb:.0f} MB file"
    assert not (tmp_path / "out").exists()


# ---- files outside the spec's folder are never opened ------------------------------------------------


_AUDIT = (
    "import sys\n"
    "_LOG = open(sys.argv.pop(1), 'w')\n"
    "def _hook(event, args):\n"
    "    if event == 'open' and isinstance(args[0], (str, bytes)):\n"
    "        _LOG.write('open ' + str(args[0]) + '\\n'); _LOG.flush()\n"
    "    elif event.startswith(('socket.', 'urllib.')) and not str(args[0]).startswith('file:'):\n"
    "        _LOG.write('net ' + event + ' ' + repr(args)[:200] + '\\n'); _LOG.flush()\n"
    "sys.addaudithook(_hook)\n"
    "from generator.cli import main\n"
    "sys.argv[0] = 'sdkgen'\n"
    "main()\n"
)


def _audited(spec: Path, out: Path, log: Path) -> tuple[int, str, List[Path], List[str]]:
    """Run the CLI under an audit hook: (exit status, stderr, files opened, network events)."""
    result = subprocess.run(
        [sys.executable, "-c", _AUDIT, str(log), "generate", "--spec", str(spec), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    lines = log.read_text().splitlines()
    opened = [Path(line[5:]).resolve() for line in lines if line.startswith("open ")]
    network = [line for line in lines if line.startswith("net ")]
    return result.returncode, result.stderr, opened, network


def test_no_file_outside_the_spec_folder_is_opened(tmp_path: Path) -> None:
    """The CLI under an audit hook that records every file opened and every network call: the
    symlink's target (outside the spec's folder) and /etc/passwd (named by absolute and file: refs)
    are never opened, and nothing touches the network."""
    generated = tmp_path / "gen"
    generated.mkdir()
    _generated_symlink(generated)
    for spec in (generated / "symlink" / "spec.yaml", BAD / "ref_absolute.yaml", BAD / "ref_file_url.yaml", BAD / "ref_https.yaml"):
        code, stderr, opened, network = _audited(spec, tmp_path / "out", tmp_path / "audit.txt")
        assert code == 2, stderr
        assert not [p for p in opened if p.name in ("secret.yaml", "passwd")], opened
        folder = spec.parent.resolve()
        cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")).resolve() / "sdkgen"
        spec_like = [p for p in opened if p.suffix in (".yaml", ".yml", ".json") and folder not in p.parents and cache not in p.parents]
        assert not spec_like, f"opened outside {folder}: {spec_like}"
        assert not network, network


def test_a_split_spec_is_read_only_from_its_folder(tmp_path: Path) -> None:
    """A whole generation of the split pet store: every file opened is in the spec's folder, the
    output folder, sdkgen's cache or the Python installation; no network."""
    spec = ROOT / "tests" / "fixtures" / "specs" / "multifile_petstore.yaml"
    out = tmp_path / "out"
    code, stderr, opened, network = _audited(spec, out, tmp_path / "audit.txt")
    assert code == 0, stderr
    allowed = [spec.parent.resolve(), out.resolve(), Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
               (ROOT / "templates").resolve(), (ROOT / "generator").resolve(), (ROOT / "sdkgen.egg-info").resolve(),
               Path.home().resolve() / ".cache",
               # urllib's MIME table, read when openapi-spec-validator opens its own packaged schema
               # through a file: URL (a local read: the path rules above judge it, not the network one)
               Path("/etc/mime.types"),
               Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")).resolve(),
               # the key that signs cache entries (generator/cache.py)
               Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")).resolve() / "sdkgen"]
    outside = sorted({p for p in opened if p != Path("/dev/null") and not any(p == a or a in p.parents for a in allowed)})
    assert not outside, outside
    assert not network, network


def _generated_symlink(folder: Path) -> None:
    outside = folder / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("type: object\n", encoding="utf-8")
    inside = folder / "symlink"
    inside.mkdir()
    (inside / "pet.yaml").symlink_to(outside / "secret.yaml")
    (inside / "spec.yaml").write_text(
        'openapi: 3.1.0\ninfo: {title: Deep, version: "1"}\npaths: {}\n'
        "components:\n  schemas:\n    Pet:\n      $ref: pet.yaml\n",
        encoding="utf-8",
    )


# ---- the validator's own failures are translated --------------------------------------------------


def test_validator_crashes_are_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    """openapi-spec-validator raising RecursionError or TypeError on odd input becomes a message."""
    from generator.spec import openapi_check as validate
    from generator.spec.refs import open_spec

    spec = open_spec(GOOD_SPEC, "good.yaml")
    for error in (RecursionError("maximum recursion depth exceeded"), TypeError("unhashable type: 'dict'")):

        class Exploding:
            def __init__(self, document: object) -> None:
                pass

            def iter_errors(self) -> object:
                raise error

        monkeypatch.setattr(validate, "_Offline31", Exploding)
        found = validate.validation_errors(spec)
        assert len(found) == 1
        place, message = found[0]
        assert place.file == "good.yaml" and place.pointer == "#"
        assert "too deeply" in message or "TypeError: unhashable type" in message


def test_validator_survives_a_cycle_through_an_object(tmp_path: Path) -> None:
    """A valid cycle (A has properties and anyOf B; B is allOf A) once sent the validator's property
    collection into endless recursion, and sdkgen refused the spec as too deep."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: Cycle, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n'
        "    A:\n      properties: {a: {type: string}}\n      anyOf: [{$ref: '#/components/schemas/B'}]\n"
        "    B:\n      allOf: [{$ref: '#/components/schemas/A'}]\n",
        encoding="utf-8",
    )
    code, output = _invoke("--spec", str(spec), "--out", str(tmp_path / "out"))
    assert code == 0, output


# ---- --check and the manifest -----------------------------------------------------------------------


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli_main, ["generate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_check_reports_stale_output_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    spec = str(GOOD_SPEC)
    code, output = _invoke("--spec", spec, "--out", str(out), "--check")
    assert code == 1 and "added: python/cov_shapes/__init__.py" in output
    assert not out.exists(), "--check wrote something"

    code, output = _invoke("--spec", spec, "--out", str(out))
    assert code == 0, output
    code, output = _invoke("--spec", spec, "--out", str(out), "--check")
    assert code == 0 and "is up to date" in output, output

    models = out / "python" / "cov_shapes" / "types" / "models.py"
    models.write_text(models.read_text() + "# edited\n")
    (out / "docs" / "index.md").unlink()
    before = _snapshot(out)
    code, output = _invoke("--spec", spec, "--out", str(out), "--check")
    assert code == 1, output
    assert "modified: python/cov_shapes/types/models.py" in output and "added: docs/index.md" in output
    assert _snapshot(out) == before, "--check wrote something"


def test_a_users_file_survives_every_run(tmp_path: Path) -> None:
    """The manifest lists what sdkgen wrote: its own stale files go, a user's file in the folder stays."""
    spec = tmp_path / "spec.yaml"
    text = GOOD_SPEC.read_text(encoding="utf-8")
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert _invoke("--spec", str(spec), "--out", str(out))[0] == 0
    mine = [out / "python" / "cov_shapes" / "my_module.py", out / "docs" / "notes.md", out / "README.txt"]
    for path in mine:
        path.write_text("mine\n")
    assert _invoke("--spec", str(spec), "--out", str(out))[0] == 0
    # A spec change that drops a page of the docs: the stale page goes, the user's files stay.
    pages = {p.name for p in (out / "docs").glob("*.md")}
    spec.write_text(_drop_one_operation(text), encoding="utf-8")
    code, output = _invoke("--spec", str(spec), "--out", str(out))
    assert code == 0, output
    assert re.search(r"[1-9]\d* removed", output), output
    assert {p.name for p in (out / "docs").glob("*.md")} < pages
    for path in mine:
        assert path.read_text() == "mine\n", f"{path} was touched"
    code, output = _invoke("--spec", str(spec), "--out", str(out), "--check")
    assert code == 0, output


def _drop_one_operation(text: str) -> str:
    import yaml

    document = yaml.safe_load(text)
    paths = document["paths"]
    for path in sorted(paths):
        item = paths[path]
        methods = [m for m in ("get", "put", "post", "delete", "patch") if m in item]
        if len(methods) > 1:
            del item[methods[-1]]
            return yaml.safe_dump(document, sort_keys=False)
    del paths[sorted(paths)[-1]]
    return yaml.safe_dump(document, sort_keys=False)


def test_the_command_says_its_version() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(cli_main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"sdkgen {version('sdkgen')}\n"
