from collections.abc import Callable

import pytest
from resilience.retry import retry


class Recorder:
    """Fake sleep/uniform pair: records every call, waits for nothing."""

    def __init__(self, fraction: float = 1.0) -> None:
        self.fraction = fraction
        self.sleeps: list[float] = []
        self.uniform_calls: list[tuple[float, float]] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def uniform(self, low: float, high: float) -> float:
        self.uniform_calls.append((low, high))
        return low + (high - low) * self.fraction


def failing_then(results: list[object]) -> Callable[[], object]:
    """A callable that raises or returns the next item of `results` on each call."""
    calls = iter(results)

    def call() -> object:
        item = next(calls)
        if isinstance(item, BaseException):
            raise item
        return item

    return call


def test_success_on_first_attempt_does_not_sleep() -> None:
    rec = Recorder()
    calls: list[int] = []

    @retry(retry_on=(ConnectionError,), sleep=rec.sleep, uniform=rec.uniform)
    def fetch() -> str:
        calls.append(1)
        return "ok"

    assert fetch() == "ok"
    assert calls == [1]
    assert rec.sleeps == []


def test_retries_until_success_with_doubling_caps() -> None:
    rec = Recorder()
    flaky = failing_then([ConnectionError("a"), ConnectionError("b"), "done"])
    wrapped = retry(
        retry_on=(ConnectionError,), max_attempts=5, base_delay=0.1,
        sleep=rec.sleep, uniform=rec.uniform,
    )(flaky)

    assert wrapped() == "done"
    assert rec.uniform_calls == [(0.0, pytest.approx(0.1)), (0.0, pytest.approx(0.2))]
    assert rec.sleeps == [pytest.approx(0.1), pytest.approx(0.2)]


def test_sleep_receives_the_jittered_value_not_the_cap() -> None:
    rec = Recorder(fraction=0.25)
    flaky = failing_then([TimeoutError(), TimeoutError(), 7])
    wrapped = retry(
        retry_on=(TimeoutError,), max_attempts=3, base_delay=1.0,
        sleep=rec.sleep, uniform=rec.uniform,
    )(flaky)

    assert wrapped() == 7
    assert rec.sleeps == [pytest.approx(0.25), pytest.approx(0.5)]


def test_delay_is_capped_by_max_delay() -> None:
    rec = Recorder()
    errors: list[object] = [ConnectionError() for _ in range(4)]
    flaky = failing_then([*errors, "ok"])
    wrapped = retry(
        retry_on=(ConnectionError,), max_attempts=5, base_delay=1.0, max_delay=3.0,
        sleep=rec.sleep, uniform=rec.uniform,
    )(flaky)

    assert wrapped() == "ok"
    assert [high for _, high in rec.uniform_calls] == [
        pytest.approx(1.0), pytest.approx(2.0), pytest.approx(3.0), pytest.approx(3.0),
    ]


def test_defaults_make_three_attempts_with_caps_starting_at_a_tenth_of_a_second() -> None:
    rec = Recorder()
    attempts: list[int] = []

    @retry(retry_on=(ConnectionError,), sleep=rec.sleep, uniform=rec.uniform)
    def always_fails() -> None:
        attempts.append(1)
        raise ConnectionError("down")

    with pytest.raises(ConnectionError):
        always_fails()
    assert len(attempts) == 3
    assert rec.uniform_calls == [(0.0, pytest.approx(0.1)), (0.0, pytest.approx(0.2))]


def test_max_delay_defaults_to_ten_seconds() -> None:
    rec = Recorder()
    errors: list[object] = [ConnectionError() for _ in range(3)]
    flaky = failing_then([*errors, "ok"])
    wrapped = retry(
        retry_on=(ConnectionError,), max_attempts=4, base_delay=4.0,
        sleep=rec.sleep, uniform=rec.uniform,
    )(flaky)

    assert wrapped() == "ok"
    assert [high for _, high in rec.uniform_calls] == [
        pytest.approx(4.0), pytest.approx(8.0), pytest.approx(10.0),
    ]


def test_exhausted_attempts_reraise_the_last_exception_object() -> None:
    rec = Recorder()
    errors = [ConnectionError("first"), ConnectionError("second"), ConnectionError("third")]
    attempts: list[int] = []

    def always_fails() -> None:
        attempts.append(1)
        raise errors[len(attempts) - 1]

    wrapped = retry(
        retry_on=(ConnectionError,), max_attempts=3, sleep=rec.sleep, uniform=rec.uniform,
    )(always_fails)

    with pytest.raises(ConnectionError) as info:
        wrapped()
    assert info.value is errors[2]
    assert len(attempts) == 3
    assert len(rec.sleeps) == 2


def test_non_retryable_exception_propagates_immediately() -> None:
    rec = Recorder()
    attempts: list[int] = []

    @retry(retry_on=(ConnectionError,), max_attempts=5, sleep=rec.sleep, uniform=rec.uniform)
    def broken() -> None:
        attempts.append(1)
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        broken()
    assert attempts == [1]
    assert rec.sleeps == []


def test_non_retryable_after_retryable_stops_retrying() -> None:
    rec = Recorder()
    flaky = failing_then([ConnectionError(), KeyError("boom"), "never"])
    wrapped = retry(
        retry_on=(ConnectionError,), max_attempts=5, sleep=rec.sleep, uniform=rec.uniform,
    )(flaky)

    with pytest.raises(KeyError):
        wrapped()
    assert len(rec.sleeps) == 1


def test_subclasses_of_retry_on_types_are_retried() -> None:
    rec = Recorder()
    flaky = failing_then([ConnectionResetError(), "ok"])
    wrapped = retry(
        retry_on=(ValueError, ConnectionError), sleep=rec.sleep, uniform=rec.uniform,
    )(flaky)

    assert wrapped() == "ok"
    assert len(rec.sleeps) == 1


def test_single_attempt_never_sleeps() -> None:
    rec = Recorder()
    attempts: list[int] = []

    @retry(retry_on=(ConnectionError,), max_attempts=1, sleep=rec.sleep, uniform=rec.uniform)
    def once() -> None:
        attempts.append(1)
        raise ConnectionError("down")

    with pytest.raises(ConnectionError):
        once()
    assert attempts == [1]
    assert rec.sleeps == []


@pytest.mark.parametrize("bad", [0, -1])
def test_invalid_max_attempts_fails_at_decoration_time(bad: int) -> None:
    with pytest.raises(ValueError):
        retry(retry_on=(ConnectionError,), max_attempts=bad)


def test_arguments_results_and_metadata_pass_through() -> None:
    rec = Recorder()

    @retry(retry_on=(ConnectionError,), sleep=rec.sleep, uniform=rec.uniform)
    def add(a: int, b: int, *, scale: int = 1) -> int:
        """Add two numbers."""
        return (a + b) * scale

    assert add(2, 3, scale=10) == 50
    assert add.__name__ == "add"
    assert add.__doc__ == "Add two numbers."
