"""Run one command and write its wall time, CPU time, exit status and peak RSS as JSON to a file.

    python -I -S bench/rusage_wrapper.py RESULT.json CMD [ARG ...]

Why a wrapper: Linux starts a child's ``ru_maxrss`` at the RSS of the process that forked it (the old
address space's high-water mark is carried over at exec), so a command spawned straight from the bench,
which holds the 3 MB spec and its outputs, would report the bench's memory when its own is smaller. This
wrapper is a few MB, imports nothing but ``os``/``sys``/``time``/``json`` and spawns the command with
``posix_spawnp``. The command's stdin/stdout/stderr, cwd and environment are the wrapper's.
"""

import json
import os
import sys
import time


def main() -> int:
    result_path, cmd = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    try:
        pid = os.posix_spawnp(cmd[0], cmd, os.environ)
    except OSError as exc:
        with open(result_path, "w") as f:
            json.dump({"error": f"could not start {cmd[0]}: {exc}"}, f)
        return 127
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    with open(result_path, "w") as f:
        json.dump({"wall_s": wall, "returncode": code, "max_rss_kb": usage.ru_maxrss,
                   "cpu_s": usage.ru_utime + usage.ru_stime}, f)
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
