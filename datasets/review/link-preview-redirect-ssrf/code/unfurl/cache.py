"""A small in-process cache with a time-to-live and a size bound (least recently used out)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class _Entry(Generic[V]):
    stored_at: float
    value: V


class TtlCache(Generic[K, V]):
    def __init__(
        self,
        ttl_seconds: float,
        max_entries: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._ttl = ttl_seconds
        self._max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[K, _Entry[V]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, key: K) -> tuple[bool, V | None]:
        """(True, value) for a fresh entry, else (False, None); a stale entry is dropped."""
        entry = self._entries.get(key)
        if entry is None:
            return False, None
        if self._clock() - entry.stored_at >= self._ttl:
            del self._entries[key]
            return False, None
        self._entries.move_to_end(key)
        return True, entry.value

    def store(self, key: K, value: V) -> None:
        self._entries[key] = _Entry(self._clock(), value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)
