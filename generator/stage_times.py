"""Wall time per stage of one run, for the bench's per-operation costs: with SDKGEN_STAGE_TIMES=FILE
the command writes them to FILE as JSON (seconds by stage). Recording costs two clock reads a stage."""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from typing import Iterator

_times: dict[str, float] = {}


@contextmanager
def timed(stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        _times[stage] = _times.get(stage, 0.0) + time.perf_counter() - started


def write_if_asked() -> None:
    path = os.environ.get("SDKGEN_STAGE_TIMES")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(dict(sorted(_times.items())), handle, indent=1)
