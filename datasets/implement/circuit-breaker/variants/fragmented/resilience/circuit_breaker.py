"""Circuit breaker: stop calling a failing dependency until a reset timeout has passed."""

import time
from collections.abc import Callable
from typing import Any, TypeVar

from resilience.errors import CircuitOpenError
from resilience.invoking import invoke
from resilience.state_of import state_of
from resilience.states import CircuitState
from resilience.timing import seconds_until_trial
from resilience.tripping import should_open
from resilience.validation import validate_config

__all__ = ["CircuitBreaker", "CircuitOpenError", "CircuitState"]

R = TypeVar("R")


class CircuitBreaker:
    def __init__(
        self,
        failure_threshold: int,
        reset_timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        validate_config(failure_threshold, reset_timeout)
        self._failure_threshold = failure_threshold
        self._reset_timeout = reset_timeout
        self._clock = clock
        self._consecutive_failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> CircuitState:
        return state_of(self._opened_at, self._remaining())

    def call(self, func: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        state = self.state
        if state is CircuitState.OPEN:
            raise CircuitOpenError(self._remaining())
        try:
            result: R = invoke(func, *args, **kwargs)
        except Exception:
            self._record_failure(trial=state is CircuitState.HALF_OPEN)
            raise
        self._close()
        return result

    def _remaining(self) -> float:
        if self._opened_at is None:
            return 0.0
        return seconds_until_trial(self._reset_timeout, self._clock(), self._opened_at)

    def _record_failure(self, trial: bool) -> None:
        self._consecutive_failures += 1
        if should_open(trial, self._consecutive_failures, self._failure_threshold):
            self._opened_at = self._clock()

    def _close(self) -> None:
        self._consecutive_failures = 0
        self._opened_at = None
