"""The shared key-value store (Redis in production) behind a small interface of our own.

`set` returns True when it wrote the value. With `only_if_absent=True` it writes only when the
key does not exist (Redis `SET ... NX`) and returns False when it exists; without it, it always
overwrites the key and returns True. `ttl_seconds` makes the key expire.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class KeyValueStore(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def set(
        self,
        key: str,
        value: bytes,
        *,
        ttl_seconds: float | None = None,
        only_if_absent: bool = False,
    ) -> bool: ...

    def delete(self, key: str) -> None: ...


class RedisClient(Protocol):
    """The part of redis-py's `Redis` client the adapter uses."""

    def get(self, name: str) -> bytes | None: ...

    def set(
        self, name: str, value: bytes, px: int | None = None, nx: bool = False
    ) -> bool | None: ...

    def delete(self, *names: str) -> int: ...


class RedisStore:
    def __init__(self, client: RedisClient, prefix: str = "arena:") -> None:
        self._client = client
        self._prefix = prefix

    def get(self, key: str) -> bytes | None:
        return self._client.get(self._prefix + key)

    def set(
        self,
        key: str,
        value: bytes,
        *,
        ttl_seconds: float | None = None,
        only_if_absent: bool = False,
    ) -> bool:
        px = max(1, round(ttl_seconds * 1000)) if ttl_seconds is not None else None
        return bool(self._client.set(self._prefix + key, value, px=px, nx=only_if_absent))

    def delete(self, key: str) -> None:
        self._client.delete(self._prefix + key)


class MemoryStore:
    """In-process store for local development and tests; same semantics as RedisStore."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._values: dict[str, tuple[bytes, float | None]] = {}

    def get(self, key: str) -> bytes | None:
        with self._lock:
            return self._live(key)

    def set(
        self,
        key: str,
        value: bytes,
        *,
        ttl_seconds: float | None = None,
        only_if_absent: bool = False,
    ) -> bool:
        with self._lock:
            if only_if_absent and self._live(key) is not None:
                return False
            expires = self._clock() + ttl_seconds if ttl_seconds is not None else None
            self._values[key] = (value, expires)
            return True

    def delete(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)

    def _live(self, key: str) -> bytes | None:
        found = self._values.get(key)
        if found is None:
            return None
        value, expires = found
        if expires is not None and self._clock() >= expires:
            del self._values[key]
            return None
        return value
