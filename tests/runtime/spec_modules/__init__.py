from . import types
from ._client import AsyncClient, Client
from ._exceptions import *  # noqa: F403
from ._response import APIResponse, AsyncAPIResponse, BinaryResponse
from ._streaming import AsyncStream, Stream
from ._settings import AcmeError, __version__
from ._types import NotGiven, Omit, not_given, omit

__all__ = [
    "APIResponse",
    "AcmeError",
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
