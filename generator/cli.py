"""`sdkgen` command line. Exit status: 0 done, 1 `--check` found stale output, 2 bad input, 3 a bug
in sdkgen (reported in one line; SDKGEN_DEBUG=1 shows the traceback)."""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from pathlib import Path

import click

from .errors import SpecError
from .pipeline import Options, run
from .project.invocation import Given, resolve
from .report import report
from .targets import REGISTRY


def _tune_collector() -> None:
    """A run allocates millions of small objects (the loaded spec, the IR, the rendered text) and
    frees few cycles: collecting every 700 allocations walked them again and again (about 4% of
    the main process's instructions on a large spec). The modules imported so far are frozen out
    of collection, and the young generation is collected every 50,000 allocations instead. Only
    the command sets this, for its own short-lived process; the pipeline leaves the collector alone."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


@click.group()
@click.version_option(package_name="sdkgen", prog_name="sdkgen", message="%(prog)s %(version)s")
def main() -> None:
    """sdkgen: an OpenAPI 3.0/3.1 spec -> typed SDKs (Python, Java) and a Markdown reference."""


@main.command()
@click.option("--spec", "spec", type=click.Path(path_type=Path), help="The OpenAPI file; default: the config file's `spec`, else openapi.yaml here.")
@click.option("--out", "out", type=click.Path(path_type=Path), help="The output folder; default: the config file's `out`, else generated/.")
@click.option("--config", "config", type=click.Path(path_type=Path), help="The config file; default: sdkgen.yaml beside the spec, else here.")
@click.option("--overlay", "overlays", multiple=True, type=click.Path(path_type=Path), help="An OpenAPI Overlay to apply to the spec first (repeatable, in order).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and list what would change if stale.")
@click.option(
    "--skip-validation",
    is_flag=True,
    help="Report OpenAPI schema violations as warnings instead of stopping.",
)
@click.option("--no-cache", is_flag=True, help="Do not use or fill the formatting cache.")
@click.option(
    "--target",
    "targets",
    multiple=True,
    type=click.Choice(sorted(REGISTRY)),
    help="A target to generate (repeatable); default: the configured targets, else python.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def generate(
    spec: Path | None,
    out: Path | None,
    config: Path | None,
    overlays: tuple[Path, ...],
    check: bool,
    skip_validation: bool,
    no_cache: bool,
    targets: tuple[str, ...],
    quiet: bool,
) -> None:
    """Generate the SDKs and docs from a spec (see sdkgen.yaml in the README)."""
    started = time.perf_counter()
    _tune_collector()
    given = Given(spec, out, config, overlays, skip_validation, targets)
    shown_spec = str(spec) if spec is not None else "the spec"
    try:
        invocation = resolve(given, Path.cwd())
        shown_spec = str(invocation.spec)
        options = Options(
            invocation.spec,
            invocation.out,
            check,
            invocation.skip_validation,
            use_cache=not no_cache,
            targets=targets or None,
            config=invocation.config,
            regenerate=invocation.regenerate,
            overlays=invocation.overlays,
        )
        result = run(options)
        # The output is written: a Ctrl-C from here on (the report, the interpreter's shutdown,
        # where Python prints its own traceback) would only turn a finished run into an odd exit.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except SpecError as error:
        click.echo(f"sdkgen: error: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:  # the writer holds Ctrl-C back while it swaps trees: none is half-done
        click.echo(f"sdkgen: interrupted; each tree in {out or 'the output folder'} is wholly the old or the new generation", err=True)
        sys.exit(130)
    except RecursionError:
        click.echo(f"sdkgen: error: {shown_spec}: the spec nests too deeply to process", err=True)
        sys.exit(2)
    except MemoryError:
        click.echo(f"sdkgen: error: {shown_spec}: not enough memory to process the spec", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug in sdkgen, not in the spec: say so, in one line
        if os.environ.get("SDKGEN_DEBUG"):
            raise
        click.echo(
            f"sdkgen: internal error on {shown_spec}: {type(exc).__name__}: {exc}\n"
            "This is a bug in sdkgen, not (only) in the spec; the output folder is as it was. "
            "Run with SDKGEN_DEBUG=1 for the traceback.",
            err=True,
        )
        sys.exit(3)
    report(result, options, check, quiet, time.perf_counter() - started)
