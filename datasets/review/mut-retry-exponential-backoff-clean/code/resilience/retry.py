"""Retry decorator with capped exponential backoff and full jitter."""

import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def backoff_cap(retry_number: int, base_delay: float, max_delay: float) -> float:
    """Upper bound of the wait before retry `retry_number` (1-based)."""
    return min(max_delay, base_delay * 2.0 ** (retry_number - 1))


def retry(
    *,
    retry_on: tuple[type[BaseException], ...],
    max_attempts: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
    uniform: Callable[[float, float], float] = random.uniform,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Retry the decorated function on `retry_on` errors, re-raising the last one."""
    if max_attempts < 1:
        raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for retry_number in range(1, max_attempts):
                try:
                    return func(*args, **kwargs)
                except retry_on:
                    # Full jitter spreads retries of many clients over the whole window.
                    sleep(uniform(0.0, backoff_cap(retry_number, base_delay, max_delay)))
            return func(*args, **kwargs)

        return wrapper

    return decorate
