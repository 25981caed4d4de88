"""A sliding-window limit on reset requests per client IP (against email bombing)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

MAX_REQUESTS = 5
WINDOW_SECONDS = 15 * 60.0


class SlidingWindowLimiter:
    def __init__(
        self,
        limit: int = MAX_REQUESTS,
        window_seconds: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit = limit
        self._window = window_seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Count a request for `key`; False once it made `limit` requests in the window."""
        now = self._clock()
        hits = self._hits.setdefault(key, deque())
        while hits and now - hits[0] >= self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return False
        hits.append(now)
        return True

    def forget_idle(self) -> None:
        """Drop keys with no request in the window (called by a periodic task)."""
        now = self._clock()
        idle = [k for k, hits in self._hits.items() if not hits or now - hits[-1] >= self._window]
        for key in idle:
            del self._hits[key]
