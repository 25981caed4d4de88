"""A synchronous circuit breaker: fail fast while a dependency is down, probe it after a pause.

The state is derived from two facts (consecutive failures, when the breaker opened) and the
clock, so HALF_OPEN needs no timer: it is simply "open, and the pause is over".
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")


class CircuitState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitOpenError(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"circuit is open; a trial call is allowed in {retry_after:.3f}s")
        self.retry_after = retry_after


class CircuitBreaker:
    def __init__(
        self,
        failure_threshold: int,
        reset_timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError(f"failure_threshold must be at least 1, got {failure_threshold}")
        if reset_timeout <= 0:
            raise ValueError(f"reset_timeout must be positive, got {reset_timeout}")
        self._threshold = failure_threshold
        self._timeout = reset_timeout
        self._clock = clock
        self._consecutive_failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> CircuitState:
        if self._opened_at is None:
            return CircuitState.CLOSED
        if self._clock() - self._opened_at >= self._timeout:
            return CircuitState.HALF_OPEN
        return CircuitState.OPEN

    def call(self, func: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        self._reject_while_open()
        try:
            result = func(*args, **kwargs)
        except Exception:
            self._record_failure()
            raise
        self._consecutive_failures = 0
        self._opened_at = None
        return result

    def _reject_while_open(self) -> None:
        if self._opened_at is None:
            return
        waited = self._clock() - self._opened_at
        if waited < self._timeout:
            raise CircuitOpenError(self._timeout - waited)

    def _record_failure(self) -> None:
        """A failed trial call (the breaker was open) reopens at once; otherwise count it."""
        self._consecutive_failures += 1
        if self._opened_at is not None or self._consecutive_failures >= self._threshold:
            self._opened_at = self._clock()
