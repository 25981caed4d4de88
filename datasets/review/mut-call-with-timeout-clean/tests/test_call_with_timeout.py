import asyncio
import threading
import time

import pytest
from resilience.timeouts import (
    OperationTimeoutError,
    call_blocking_with_timeout,
    call_with_timeout,
)

SHORT = 0.02  # deadlines that must fire: the operations below never finish on their own


async def hang_forever() -> None:
    await asyncio.Event().wait()


def test_returns_result_of_fast_operation() -> None:
    async def answer() -> int:
        return 42

    assert asyncio.run(call_with_timeout(answer, 1.0)) == 42


def test_missed_deadline_raises_operation_timeout_error() -> None:
    with pytest.raises(OperationTimeoutError) as info:
        asyncio.run(call_with_timeout(hang_forever, SHORT, operation="fetch-user"))
    error = info.value
    assert isinstance(error, TimeoutError)
    assert error.operation == "fetch-user"
    assert error.timeout == SHORT
    assert "fetch-user" in str(error)


def test_operation_is_cancelled_and_cleaned_up_before_error() -> None:
    events: list[str] = []

    async def guarded() -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            events.append("cancelled")
            raise
        finally:
            events.append("cleanup")

    async def scenario() -> None:
        with pytest.raises(OperationTimeoutError):
            await call_with_timeout(guarded, SHORT)
        assert events == ["cancelled", "cleanup"]

    asyncio.run(scenario())


def test_operation_errors_propagate_unchanged() -> None:
    error = LookupError("no such user")

    async def broken() -> None:
        raise error

    with pytest.raises(LookupError) as info:
        asyncio.run(call_with_timeout(broken, 1.0))
    assert info.value is error


def test_operations_own_timeout_error_is_not_a_deadline_miss() -> None:
    driver_error = TimeoutError("driver gave up")

    async def driver_timeout() -> None:
        raise driver_error

    with pytest.raises(TimeoutError) as info:
        asyncio.run(call_with_timeout(driver_timeout, 5.0))
    assert info.value is driver_error
    assert not isinstance(info.value, OperationTimeoutError)


def test_caller_cancellation_propagates_as_cancelled_error() -> None:
    async def scenario() -> None:
        started = asyncio.Event()

        async def slow() -> None:
            started.set()
            await asyncio.Event().wait()

        task = asyncio.create_task(call_with_timeout(slow, 30.0))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())


@pytest.mark.parametrize("bad_timeout", [0, -1.0])
def test_non_positive_timeout_is_rejected_without_calling_func(bad_timeout: float) -> None:
    calls: list[int] = []

    async def tracked() -> None:
        calls.append(1)

    with pytest.raises(ValueError):
        asyncio.run(call_with_timeout(tracked, bad_timeout))
    assert calls == []


def test_blocking_call_runs_off_the_event_loop_thread() -> None:
    async def scenario() -> tuple[int, int]:
        loop_thread = threading.get_ident()
        worker_thread = await call_blocking_with_timeout(threading.get_ident, 1.0)
        return loop_thread, worker_thread

    loop_thread, worker_thread = asyncio.run(scenario())
    assert loop_thread != worker_thread


def test_blocking_call_returns_result() -> None:
    result = asyncio.run(call_blocking_with_timeout(lambda: "sync-value", 1.0))
    assert result == "sync-value"


def test_blocking_call_times_out_while_function_keeps_running() -> None:
    release = threading.Event()
    finished = threading.Event()

    def stuck() -> None:
        release.wait(timeout=5)
        finished.set()

    async def scenario() -> float:
        started = time.monotonic()
        try:
            with pytest.raises(OperationTimeoutError) as info:
                await call_blocking_with_timeout(stuck, SHORT, operation="legacy-sdk")
            assert info.value.operation == "legacy-sdk"
            assert not finished.is_set()
            return time.monotonic() - started
        finally:
            release.set()

    elapsed = asyncio.run(scenario())
    assert elapsed < 2.0


def test_blocking_call_errors_propagate_unchanged() -> None:
    def broken() -> None:
        raise PermissionError("denied")

    with pytest.raises(PermissionError, match="denied"):
        asyncio.run(call_blocking_with_timeout(broken, 1.0))


def test_blocking_call_rejects_non_positive_timeout() -> None:
    calls: list[int] = []
    with pytest.raises(ValueError):
        asyncio.run(call_blocking_with_timeout(lambda: calls.append(1), 0))
    assert calls == []
