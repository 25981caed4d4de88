"""Running sums of one open window."""

from dataclasses import dataclass


@dataclass
class Accumulator:
    count: int = 0
    total: float = 0.0

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
