"""Token bucket: bursts up to `capacity`, sustained throughput of `refill_rate` per second."""

import time
from collections.abc import Callable


class TokenBucket:
    def __init__(
        self,
        capacity: float,
        refill_rate: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity <= 0:
            raise ValueError(f"capacity must be positive, got {capacity}")
        if refill_rate <= 0:
            raise ValueError(f"refill_rate must be positive, got {refill_rate}")
        self._capacity = capacity
        self._refill_rate = refill_rate
        self._clock = clock
        self._tokens = capacity
        self._refilled_at = clock()

    def try_acquire(self, n: float = 1) -> bool:
        self._check_request(n)
        self._refill()
        if self._tokens < n:
            return False
        self._tokens -= n
        return True

    def wait_time(self, n: float = 1) -> float:
        self._check_request(n)
        self._refill()
        missing = n - self._tokens
        return max(0.0, missing / self._refill_rate)

    def _refill(self) -> None:
        now = self._clock()
        elapsed = now - self._refilled_at
        self._tokens = min(self._capacity, self._tokens + elapsed * self._refill_rate)
        self._refilled_at = now

    def _check_request(self, n: float) -> None:
        if not 0 < n <= self._capacity:
            raise ValueError(f"n must be in (0, {self._capacity}], got {n}")
