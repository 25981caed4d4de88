"""The open-circuit error."""


class CircuitOpenError(Exception):
    """Raised instead of calling the protected function while the circuit is open."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"circuit is open; retry in {retry_after:.3f}s")
        self.retry_after = retry_after
