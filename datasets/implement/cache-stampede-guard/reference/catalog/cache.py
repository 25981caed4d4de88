"""A read-through cache in front of the pricing service.

Loading a price is a slow remote call, so the loader runs outside the lock: a cached key
never waits behind a load of another key. Concurrent misses for one key share a single load
(single flight): the first caller loads, the others wait for its outcome.
"""

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ReadThroughCache(Generic[K, V]):
    def __init__(self, load: Callable[[K], V]) -> None:
        self._load = load
        self._values: dict[K, V] = {}
        # The load in progress for each key; its Future hands the outcome to the waiters.
        self._flights: dict[K, Future[V]] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V:
        """The cached value for `key`, loaded (and cached) on a miss.

        Concurrent misses for one key run one load and all receive its value, or the
        exception it raised. A load that raises caches nothing.
        """
        with self._lock:
            if key in self._values:
                return self._values[key]
            flight = self._flights.get(key)
            if flight is None:
                flight = self._flights[key] = Future()
                leads = True
            else:
                leads = False
        if leads:
            return self._run_flight(key, flight)
        return flight.result()

    def invalidate(self, key: K) -> None:
        """Forgets `key` (when its price changes); the next `get` loads it again.

        A load already under way may have read the old price: its waiters still get its
        result, but it is not cached, and later callers start a fresh load.
        """
        with self._lock:
            self._values.pop(key, None)
            self._flights.pop(key, None)

    def _run_flight(self, key: K, flight: "Future[V]") -> V:
        try:
            value = self._load(key)
        except BaseException as error:
            with self._lock:
                self._end_flight(key, flight)
            flight.set_exception(error)
            raise
        with self._lock:
            if self._end_flight(key, flight):
                self._values[key] = value
        flight.set_result(value)
        return value

    def _end_flight(self, key: K, flight: "Future[V]") -> bool:
        """Ends `flight` (the lock held); False when an invalidation already replaced it."""
        if self._flights.get(key) is not flight:
            return False
        del self._flights[key]
        return True
