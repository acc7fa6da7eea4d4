"""One client's side of the runtime benchmark, run as a subprocess; prints one JSON object.

    python bench/runtime_client.py IMPL BASE_URL PAYLOAD.json CALLS PARSES [GENERATED_PYTHON_DIR]

IMPL is `ours` (the generated ChatKit SDK, project venv), `official` (the `openai` package, peers venv)
or `httpx` (a bare `httpx.Client.post(...).json()`, the floor any SDK adds to). Stdlib only, apart from
the package under test, so it runs in either venv.
"""

from __future__ import annotations

import gc
import importlib
import json
import pkgutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

WARMUP_CALLS = 200
WARMUP_PARSES = 200
REQUEST: dict[str, Any] = {"user": "u", "workflow": {"id": "wf"}}


def _time_calls(call: Callable[[], Any], n: int) -> dict[str, float]:
    for _ in range(WARMUP_CALLS):
        call()
    gc.collect()
    per_call: list[float] = []
    clock = time.perf_counter
    start = clock()
    for _ in range(n):
        t0 = clock()
        call()
        per_call.append(clock() - t0)
    total = clock() - start
    return {"mean_us": total / n * 1e6, "median_us": statistics.median(per_call) * 1e6, "calls": n}


def _time_parses(parse: Callable[[], Any], n: int) -> dict[str, float]:
    for _ in range(WARMUP_PARSES):
        parse()
    gc.collect()
    clock = time.perf_counter
    start = clock()
    for _ in range(n):
        parse()
    total = clock() - start
    return {"total_s": total, "us_per_parse": total / n * 1e6, "parses": n}


def _check(result: Any, what: str) -> None:
    """The call or parse must give back a ChatSession carrying the payload's fields, not something else."""
    got = getattr(result, "id", None)
    if got is None and isinstance(result, dict):
        got = result.get("id")
    status = getattr(result, "status", None)
    if got != "id" or (status is not None and str(getattr(status, "value", status)) != "active"):
        raise SystemExit(f"{what} returned {type(result).__name__} {str(result)[:200]!r}, not the ChatSession")


def _find_chat_session(package: Any) -> Any:
    """The generated package's ChatSession model: `<pkg>.types.ChatSession`, else any submodule's."""
    for dotted in (f"{package.__name__}.types", package.__name__):
        try:
            module = importlib.import_module(dotted)
        except ImportError:
            continue
        if hasattr(module, "ChatSession"):
            return module.ChatSession
    types_pkg = importlib.import_module(f"{package.__name__}.types")
    for info in pkgutil.walk_packages(types_pkg.__path__, f"{types_pkg.__name__}."):
        module = importlib.import_module(info.name)
        if hasattr(module, "ChatSession"):
            return module.ChatSession
    raise SystemExit(f"no ChatSession model found in {package.__name__}")


def run_ours(base_url: str, data: dict[str, Any], calls: int, parses: int, generated: str) -> dict[str, Any]:
    sys.path.insert(0, generated)
    package: Any = importlib.import_module("chatkit_client")
    client = package.Client(api_key="sk-bench", base_url=base_url)
    create = client.beta.chatkit.sessions.create
    _check(create(**REQUEST), "sessions.create")
    chat_session = _find_chat_session(package)
    parse_response = importlib.import_module("chatkit_client._models").parse_response
    _check(parse_response(chat_session, data), "parse_response")
    return {
        "call": _time_calls(lambda: create(**REQUEST), calls),
        "parse": {
            "parse_response": _time_parses(lambda: parse_response(chat_session, data), parses),
            "model_validate": _time_parses(lambda: chat_session.model_validate(data), parses),
        },
        "version": str(getattr(package, "__version__", "?")),
    }


def run_official(base_url: str, data: dict[str, Any], calls: int, parses: int) -> dict[str, Any]:
    openai: Any = importlib.import_module("openai")
    client = openai.OpenAI(api_key="sk-bench", base_url=base_url)
    create = client.beta.chatkit.sessions.create
    _check(create(**REQUEST), "sessions.create")
    chat_session = importlib.import_module("openai.types.beta.chatkit.chat_session").ChatSession
    construct_type = importlib.import_module("openai._models").construct_type
    _check(construct_type(type_=chat_session, value=data), "construct_type")
    return {
        "call": _time_calls(lambda: create(**REQUEST), calls),
        "parse": {
            "construct_type": _time_parses(lambda: construct_type(type_=chat_session, value=data), parses),
            "model_validate": _time_parses(lambda: chat_session.model_validate(data), parses),
        },
        "version": str(openai.__version__),
    }


def run_httpx(base_url: str, calls: int) -> dict[str, Any]:
    httpx: Any = importlib.import_module("httpx")
    http = httpx.Client(base_url=base_url, headers={"Authorization": "Bearer sk-bench"})
    url = "/chatkit/sessions"
    _check(http.post(url, json=REQUEST).json(), "httpx.post")
    return {"call": _time_calls(lambda: http.post(url, json=REQUEST).json(), calls),
            "version": str(httpx.__version__)}


def main(argv: list[str]) -> None:
    impl, base_url, payload, calls, parses = argv[1], argv[2], argv[3], int(argv[4]), int(argv[5])
    data: dict[str, Any] = json.loads(Path(payload).read_text())
    if impl == "ours":
        result = run_ours(base_url, data, calls, parses, argv[6])
    elif impl == "official":
        result = run_official(base_url, data, calls, parses)
    elif impl == "httpx":
        result = run_httpx(base_url, calls)
    else:
        raise SystemExit(f"unknown IMPL {impl!r}")
    result["python"] = sys.version.split()[0]
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
