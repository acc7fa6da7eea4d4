"""When a failed call is tried again, and how long the client waits first."""

from __future__ import annotations

import datetime
import email.utils
import random
from typing import Optional

import httpx

__all__ = ["MAX_RETRY_AFTER", "retry_after_seconds", "retry_delay", "should_retry"]

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A longer Retry-After is not waited for: the usual backoff applies instead.
MAX_RETRY_AFTER = 60.0


def should_retry(response: httpx.Response) -> bool:
    """The server's `x-should-retry` if it says, else: timeouts, conflicts, rate limits, 5xx."""
    should = response.headers.get("x-should-retry")
    if should == "true":
        return True
    if should == "false":
        return False
    status = response.status_code
    return status in (408, 409, 429) or status >= 500


def retry_delay(retries_taken: int, headers: Optional[httpx.Headers]) -> float:
    """Seconds to wait before the next try: the response's own ask when it is reasonable, else
    exponential backoff (0.5 s doubling to 8 s) less up to a quarter of jitter."""
    retry_after = retry_after_seconds(headers) if headers is not None else None
    if retry_after is not None and 0 < retry_after <= MAX_RETRY_AFTER:
        return retry_after
    delay = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
    return delay * (1 - 0.25 * random.random())


def retry_after_seconds(headers: httpx.Headers) -> Optional[float]:
    """The wait a response asks for: `Retry-After-Ms`, or `Retry-After` in seconds or as a date."""
    try:
        return float(headers["retry-after-ms"]) / 1000
    except (KeyError, ValueError):
        pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        date = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if date.tzinfo is None:
        date = date.replace(tzinfo=datetime.timezone.utc)
    return (date - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
