"""Per-process cache for dashboard tiles that serves stale tiles while they are recomputed.

An entry younger than `fresh_for` seconds is served as it is. An older one, up to `keep_for`
seconds, is stale: it is still served, and one background refresh recomputes it. After
`keep_for` the entry is dropped and the next request computes the tile in line, through `load`.

Background refreshes are claimed per key: `begin_refresh` returns True to one caller, and to no
other until that caller `store`s the new value or calls `abandon_refresh`. Callers that do not
get the claim keep serving the stale value.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True)
class Cached(Generic[V]):
    value: V
    computed_at: float
    stale: bool


@dataclass(frozen=True)
class _Entry(Generic[V]):
    value: V
    computed_at: float


class TileCache(Generic[K, V]):
    def __init__(
        self,
        fresh_for: float,
        keep_for: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 < fresh_for <= keep_for:
            raise ValueError("need 0 < fresh_for <= keep_for")
        self._fresh_for = fresh_for
        self._keep_for = keep_for
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[K, _Entry[V]] = {}
        self._loading: dict[K, threading.Lock] = {}
        self._refreshing: set[K] = set()

    def lookup(self, key: K) -> Cached[V] | None:
        """The cached value and whether it is stale; None when there is none to serve."""
        with self._lock:
            return self._lookup(key)

    def load(self, key: K, compute: Callable[[], V]) -> V:
        """The value of a key that had none: computed by one caller while the others wait."""
        with self._lock:
            key_lock = self._loading.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                found = self._lookup(key)
            if found is not None:
                return found.value
            value = compute()
            self.store(key, value)
            return value

    def begin_refresh(self, key: K) -> bool:
        """Claim the background refresh of `key`; False if another caller holds the claim."""
        with self._lock:
            if key in self._refreshing:
                return False
            self._refreshing.add(key)
            return True

    def store(self, key: K, value: V) -> None:
        """Cache a freshly computed value; ends the refresh claim on `key`, if any."""
        with self._lock:
            self._entries[key] = _Entry(value, self._clock())
            self._refreshing.discard(key)

    def abandon_refresh(self, key: K) -> None:
        """Give up a refresh claim (the computation failed); the stale value stays."""
        with self._lock:
            self._refreshing.discard(key)

    def _lookup(self, key: K) -> Cached[V] | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        age = self._clock() - entry.computed_at
        if age >= self._keep_for:
            del self._entries[key]
            return None
        return Cached(entry.value, entry.computed_at, stale=age >= self._fresh_for)
