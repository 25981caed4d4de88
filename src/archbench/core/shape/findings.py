"""What a check found: located, measured and compared with its threshold, ready to explain."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One measured problem. `severity` is its share of the check's penalty, in [0, 1]."""

    metric: str
    path: str
    line: int
    symbol: str
    value: float
    threshold: float
    severity: float = 1.0

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.path else "(whole solution)"
        symbol = f" {self.symbol}" if self.symbol else ""
        measured = f"{self.metric} {_number(self.value)} (threshold {_number(self.threshold)})"
        return f"{where}{symbol}: {measured}"


@dataclass(frozen=True)
class CheckResult:
    """A check's penalty in [0, 1], its weight in the score and the findings behind it."""

    name: str
    penalty: float
    weight: float
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def cost(self) -> float:
        return self.penalty * self.weight


def combine(checks: Iterable[CheckResult]) -> float:
    """1 minus the weighted penalties, clamped to [0, 1] and rounded for stable reports."""
    return round(max(0.0, 1.0 - sum(check.cost for check in checks)), 4)


def threshold_penalty(excesses: Iterable[float]) -> float:
    return min(1.0, sum(excesses))


def count_penalty(new_items: int, free: int, saturation: float) -> float:
    return min(1.0, max(0, new_items - free) / saturation)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
