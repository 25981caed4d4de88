"""The season leaderboard, cached in the shared store for every API worker.

The board is recomputed at most every `ttl_seconds`. When it has expired, the worker that takes
the rebuild lock recomputes it; the others wait for the new board to appear in the store, and
if the rebuilding worker takes too long (it may have died) they compute it themselves. The lock
is left to expire: a board outlives it, so it is gone by the time the board expires.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable

from arena.standings import Standing, decode, encode
from arena.store import KeyValueStore

log = logging.getLogger(__name__)

Compute = Callable[[int], list[Standing]]

DEFAULT_TTL_SECONDS = 30.0
LOCK_SECONDS = 20.0
POLL_INTERVAL_SECONDS = 0.1
MAX_POLLS = 100


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class CachedLeaderboard:
    def __init__(
        self,
        store: KeyValueStore,
        compute: Compute,
        *,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        worker_id: str | None = None,
    ) -> None:
        if ttl_seconds <= LOCK_SECONDS:
            raise ValueError(f"the board must live longer than the {LOCK_SECONDS} s rebuild lock")
        self._store = store
        self._compute = compute
        self._ttl = ttl_seconds
        self._sleep = sleep
        self._worker_id = worker_id or default_worker_id()

    def top(self, season_id: int) -> list[Standing]:
        key = f"leaderboard:{season_id}"
        cached = self._store.get(key)
        if cached is not None:
            return decode(cached)
        lock = f"{key}:rebuild"
        if self._store.set(lock, self._worker_id.encode(), ttl_seconds=LOCK_SECONDS):
            return self._rebuild(key, season_id)
        for _ in range(MAX_POLLS):
            self._sleep(POLL_INTERVAL_SECONDS)
            cached = self._store.get(key)
            if cached is not None:
                return decode(cached)
        log.warning("leaderboard %s was not rebuilt in time, computing it here", key)
        return self._rebuild(key, season_id)

    def invalidate(self, season_id: int) -> None:
        """Drop the cached board, e.g. after a moderator voided a match."""
        key = f"leaderboard:{season_id}"
        self._store.delete(f"{key}:rebuild")
        self._store.delete(key)

    def _rebuild(self, key: str, season_id: int) -> list[Standing]:
        started = time.monotonic()
        standings = self._compute(season_id)
        self._store.set(key, encode(standings), ttl_seconds=self._ttl)
        log.info("rebuilt %s in %.2f s", key, time.monotonic() - started)
        return standings
