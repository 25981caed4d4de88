"""Deriving the state."""

from resilience.states import CircuitState


def state_of(opened_at: float | None, remaining: float) -> CircuitState:
    if opened_at is None:
        return CircuitState.CLOSED
    if remaining > 0:
        return CircuitState.OPEN
    return CircuitState.HALF_OPEN
