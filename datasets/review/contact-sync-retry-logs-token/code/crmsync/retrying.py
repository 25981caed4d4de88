"""Retries with exponential backoff for calls to external APIs, logged for the on-call dashboard.

Each failed attempt is logged at WARNING with the caller's `context` (what the call was doing)
so that a burst of failures can be traced to the operation, and the final failure at ERROR.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("crmsync.retry")


class RetryableError(Exception):
    """A failure worth another attempt: a timeout, a 429 or a 5xx answer."""


def with_retries(
    call: Callable[[], T],
    *,
    context: Mapping[str, object],
    attempts: int,
    backoff_seconds: float,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `call` until it succeeds, at most `attempts` times; only RetryableError is retried.

    The waits double: backoff, 2 x backoff, 4 x backoff...
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except RetryableError as exc:
            if attempt == attempts:
                log.error("giving up after %d attempts: %s; context=%s", attempts, exc, context)
                raise
            delay = backoff_seconds * 2 ** (attempt - 1)
            log.warning(
                "attempt %d of %d failed: %s; retrying in %.1fs; context=%s",
                attempt, attempts, exc, delay, context,
            )  # fmt: skip
            sleep(delay)
    raise AssertionError("unreachable")
