"""A read-through cache in front of the pricing service.

Loading a price is a slow remote call, so the loader runs outside the lock: a cached key
never waits behind a load of another key.
"""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ReadThroughCache(Generic[K, V]):
    def __init__(self, load: Callable[[K], V]) -> None:
        self._load = load
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V:
        """The cached value for `key`, loaded (and cached) on a miss.

        A load that raises propagates to the caller and caches nothing.
        """
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = self._load(key)
        with self._lock:
            self._values[key] = value
        return value

    def invalidate(self, key: K) -> None:
        """Forgets `key` (when its price changes); the next `get` loads it again."""
        with self._lock:
            self._values.pop(key, None)
