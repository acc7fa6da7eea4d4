"""One writer at a time per output folder: an exclusive `flock` on the folder itself.

The lock is taken on a descriptor of the output folder (opened with O_NOFOLLOW), so no lock file is
created and nothing is left behind; the kernel drops the lock when the process ends, however it ends
(SIGKILL included). A second run waits up to SDKGEN_LOCK_TIMEOUT seconds (default 60) for the first to
finish writing, then stops with exit status 2. The lock is held only while writing: rendering runs
unlocked, so two runs overlap in everything but the short write.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .outdir import Out, OutputError, os_problem

DEFAULT_TIMEOUT = 60.0
POLL_SECONDS = 0.05


def _timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("SDKGEN_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def locked(out: Out, sleep: Callable[[float], None] = time.sleep) -> Iterator[None]:
    try:
        fd = os.open(out.root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        raise OutputError(out.shown, f"cannot open the output folder: {os_problem(error)}") from None
    try:
        waited = 0.0
        limit = _timeout()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if waited >= limit:
                    raise OutputError(
                        out.shown,
                        f"another sdkgen run is writing to this folder and did not finish within {limit:g} s; "
                        "try again when it has (SDKGEN_LOCK_TIMEOUT sets the wait)",
                    ) from None
                if waited == 0.0:
                    _say(f"sdkgen: waiting for another sdkgen run writing to {out.shown}")
                sleep(POLL_SECONDS)
                waited += POLL_SECONDS
        yield
    finally:
        os.close(fd)
