from . import types
from ._client import AsyncClient, Client
from ._exceptions import *  # noqa: F403
from ._response import APIResponse, AsyncAPIResponse, BinaryResponse
from ._streaming import AsyncStream, Stream
from ._types import NotGiven, Omit, not_given, omit
from ._version import __version__

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncClient",
    "AsyncStream",
    "BinaryResponse",
    "Client",
    "NotGiven",
    "Omit",
    "Stream",
    "__version__",
    "not_given",
    "omit",
    "types",
]
