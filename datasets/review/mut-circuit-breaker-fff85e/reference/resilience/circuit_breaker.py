"""Circuit breaker: stop calling a failing dependency until a reset timeout has passed."""

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
    """Raised instead of calling the protected function while the circuit is open."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"circuit is open; retry in {retry_after:.3f}s")
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
        self._failure_threshold = failure_threshold
        self._reset_timeout = reset_timeout
        self._clock = clock
        self._consecutive_failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> CircuitState:
        if self._opened_at is None:
            return CircuitState.CLOSED
        if self._seconds_until_trial() > 0:
            return CircuitState.OPEN
        return CircuitState.HALF_OPEN

    def call(self, func: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        state = self.state
        if state is CircuitState.OPEN:
            raise CircuitOpenError(self._seconds_until_trial())
        try:
            result = func(*args, **kwargs)
        except Exception:
            self._record_failure(trial=state is CircuitState.HALF_OPEN)
            raise
        self._close()
        return result

    def _seconds_until_trial(self) -> float:
        assert self._opened_at is not None
        return self._reset_timeout - (self._clock() - self._opened_at)

    def _record_failure(self, trial: bool) -> None:
        self._consecutive_failures += 1
        if trial or self._consecutive_failures >= self._failure_threshold:
            self._opened_at = self._clock()

    def _close(self) -> None:
        self._consecutive_failures = 0
        self._opened_at = None
