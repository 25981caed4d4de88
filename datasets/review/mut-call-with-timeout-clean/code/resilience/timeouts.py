"""Deadlines for awaited operations and for blocking calls run in a worker thread."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class OperationTimeoutError(TimeoutError):
    """The named operation missed its deadline and was cancelled."""

    def __init__(self, operation: str, timeout: float) -> None:
        super().__init__(f"{operation} did not finish within {timeout}s")
        self.operation = operation
        self.timeout = timeout


async def call_with_timeout(
    func: Callable[[], Awaitable[T]], timeout: float, *, operation: str = "operation"
) -> T:
    if timeout <= 0:
        raise ValueError(f"timeout for {operation} must be positive, got {timeout}")
    deadline = asyncio.timeout(timeout)
    try:
        async with deadline:
            return await func()
    except TimeoutError as error:
        # Only our own deadline becomes OperationTimeoutError; the operation's own
        # TimeoutError is a different failure and passes through untouched.
        if deadline.expired():
            raise OperationTimeoutError(operation, timeout) from error
        raise


async def call_blocking_with_timeout(
    func: Callable[[], T], timeout: float, *, operation: str = "operation"
) -> T:
    return await call_with_timeout(lambda: asyncio.to_thread(func), timeout, operation=operation)
