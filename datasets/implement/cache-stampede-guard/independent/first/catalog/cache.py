"""A read-through cache in front of the pricing service.

Loading a price is a slow remote call, so the loader runs outside the lock: a cached key
never waits behind a load of another key.

`get` is single-flight per key: concurrent misses on the same key share one loader call.
The first caller to miss (the "leader") runs the load; the others wait for its outcome and
get the same value object back, or the same exception object re-raised. A load that was
overtaken by `invalidate(key)` still answers the callers that joined it, but its result is
not cached, and later callers start a fresh load instead of joining it.
"""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class _Flight(Generic[V]):
    """One in-progress load of one key, shared by every caller that joined it."""

    __slots__ = ("done", "value", "error")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: V | None = None
        self.error: BaseException | None = None


class ReadThroughCache(Generic[K, V]):
    def __init__(self, load: Callable[[K], V]) -> None:
        self._load = load
        self._values: dict[K, V] = {}
        # The load currently in progress for each key, if any. A flight is removed when it
        # finishes or when its key is invalidated; only the flight registered here may
        # write its result into `_values`.
        self._flights: dict[K, _Flight[V]] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V:
        """The cached value for `key`, loaded (and cached) on a miss.

        Concurrent misses on the same key cause one loader call; every caller gets its
        value, or the exception it raised. A load that raises propagates to its callers and
        caches nothing.
        """
        with self._lock:
            if key in self._values:
                return self._values[key]
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = _Flight()
                self._flights[key] = flight

        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value  # type: ignore[return-value]

        try:
            value = self._load(key)
        except BaseException as error:
            with self._lock:
                if self._flights.get(key) is flight:
                    del self._flights[key]
            flight.error = error
            flight.done.set()
            raise
        with self._lock:
            if self._flights.get(key) is flight:
                # Not invalidated while loading: the value is current, cache it.
                del self._flights[key]
                self._values[key] = value
        flight.value = value
        flight.done.set()
        return value

    def invalidate(self, key: K) -> None:
        """Forgets `key` (when its price changes); the next `get` loads it again.

        A load of `key` already in progress may have read the old value: its waiting
        callers still get its result, but it is not cached, and the next `get` starts a
        fresh load rather than joining it.
        """
        with self._lock:
            self._values.pop(key, None)
            self._flights.pop(key, None)
