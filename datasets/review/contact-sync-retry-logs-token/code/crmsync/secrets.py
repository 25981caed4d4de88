"""A wrapper that keeps credentials out of reprs, tracebacks and log lines."""

from __future__ import annotations


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not value:
            raise ValueError("a secret cannot be empty")
        self._value = value

    def reveal(self) -> str:
        """The actual value: call this only where it is sent, never where it is shown."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__
