"""Fixed-window attempt counters. Production uses the Redis-backed store; tests use memory."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class CounterStore(Protocol):
    async def increment(self, key: str, window_seconds: int) -> int:
        """Increment the key's counter for the current window; returns the new count."""


class InMemoryCounters:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._counts: dict[tuple[str, int], int] = {}

    async def increment(self, key: str, window_seconds: int) -> int:
        slot = (key, int(self._clock() // window_seconds))
        self._counts[slot] = self._counts.get(slot, 0) + 1
        return self._counts[slot]


class AttemptLimiter:
    def __init__(self, store: CounterStore, limit: int, window_seconds: int) -> None:
        self._store = store
        self._limit = limit
        self._window_seconds = window_seconds

    async def allow(self, key: str) -> bool:
        """Count one attempt for `key`; False once the window's limit is exceeded."""
        return await self._store.increment(key, self._window_seconds) <= self._limit
