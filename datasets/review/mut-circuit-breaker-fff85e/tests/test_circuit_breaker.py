import pytest
from resilience.circuit_breaker import CircuitBreaker, CircuitOpenError, CircuitState


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Boom(Exception):
    pass


def fail() -> None:
    raise Boom("upstream down")


def succeed(value: str = "ok") -> str:
    return value


def trip(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        with pytest.raises(Boom):
            breaker.call(fail)


def test_new_breaker_is_closed_and_passes_arguments_through() -> None:
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout=10, clock=FakeClock())
    assert breaker.state is CircuitState.CLOSED
    assert breaker.call(succeed, "hello") == "hello"
    assert breaker.call(lambda a, *, b: a + b, 1, b=2) == 3


def test_failures_are_reraised_unchanged_and_open_at_threshold() -> None:
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout=10, clock=FakeClock())
    error = Boom("specific")

    def raise_specific() -> None:
        raise error

    for _ in range(2):
        with pytest.raises(Boom) as info:
            breaker.call(raise_specific)
        assert info.value is error
        assert breaker.state is CircuitState.CLOSED
    with pytest.raises(Boom):
        breaker.call(raise_specific)
    assert breaker.state is CircuitState.OPEN


def test_success_resets_consecutive_failure_count() -> None:
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout=10, clock=FakeClock())
    trip(breaker, 2)
    breaker.call(succeed)
    trip(breaker, 2)
    assert breaker.state is CircuitState.CLOSED
    trip(breaker, 1)
    assert breaker.state is CircuitState.OPEN


def test_open_breaker_rejects_without_calling_func() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout=30, clock=clock)
    trip(breaker, 2)
    clock.advance(12)
    calls: list[int] = []

    with pytest.raises(CircuitOpenError) as info:
        breaker.call(lambda: calls.append(1))
    assert calls == []
    assert info.value.retry_after == pytest.approx(18)
    assert str(info.value)


def test_circuit_open_error_is_not_the_wrapped_error_type() -> None:
    breaker = CircuitBreaker(failure_threshold=1, reset_timeout=5, clock=FakeClock())
    trip(breaker, 1)
    with pytest.raises(CircuitOpenError) as info:
        breaker.call(fail)
    assert isinstance(info.value, Exception)
    assert not isinstance(info.value, Boom)


def test_state_becomes_half_open_exactly_at_reset_timeout() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failure_threshold=1, reset_timeout=10, clock=clock)
    trip(breaker, 1)
    clock.advance(9.999)
    assert breaker.state is CircuitState.OPEN
    clock.advance(0.001)
    assert breaker.state is CircuitState.HALF_OPEN


def test_successful_trial_closes_with_fresh_failure_count() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout=10, clock=clock)
    trip(breaker, 2)
    clock.advance(10)

    assert breaker.call(succeed, "trial") == "trial"
    assert breaker.state is CircuitState.CLOSED
    trip(breaker, 1)
    assert breaker.state is CircuitState.CLOSED
    trip(breaker, 1)
    assert breaker.state is CircuitState.OPEN


def test_failed_trial_reopens_and_restarts_the_timeout() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failure_threshold=3, reset_timeout=10, clock=clock)
    trip(breaker, 3)
    clock.advance(15)
    assert breaker.state is CircuitState.HALF_OPEN

    trip(breaker, 1)  # a single failed trial is enough, whatever the threshold
    assert breaker.state is CircuitState.OPEN
    clock.advance(9)
    with pytest.raises(CircuitOpenError) as info:
        breaker.call(succeed)
    assert info.value.retry_after == pytest.approx(1)
    clock.advance(1)
    assert breaker.state is CircuitState.HALF_OPEN
    assert breaker.call(succeed) == "ok"
    assert breaker.state is CircuitState.CLOSED


def test_uses_the_injected_clock_for_the_opening_time() -> None:
    clock = FakeClock(now=50.0)
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout=20, clock=clock)
    trip(breaker, 1)
    clock.advance(100)  # the breaker opens at the time of the failure that reaches the threshold
    trip(breaker, 1)
    clock.advance(19)
    assert breaker.state is CircuitState.OPEN


@pytest.mark.parametrize(
    ("threshold", "timeout"), [(0, 10.0), (-1, 10.0), (3, 0.0), (3, -5.0)],
)
def test_invalid_configuration_is_rejected(threshold: int, timeout: float) -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(failure_threshold=threshold, reset_timeout=timeout, clock=FakeClock())
