"""Records passed between parsing, aggregation and rendering."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Sale:
    order_id: str
    date: date
    region: str
    product: str
    quantity: int
    unit_price: Decimal

    @property
    def revenue(self) -> Decimal:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class SkippedRow:
    line: int
    reason: str


@dataclass
class GroupTotals:
    name: str
    orders: int = 0
    units: int = 0
    revenue: Decimal = Decimal("0")

    def add(self, sale: Sale) -> None:
        self.orders += 1
        self.units += sale.quantity
        self.revenue += sale.revenue

    @property
    def average_order(self) -> Decimal:
        return self.revenue / self.orders


@dataclass(frozen=True)
class Summary:
    group_by: str
    groups: list[GroupTotals]
    totals: GroupTotals
    start: date
    end: date
    skipped: list[SkippedRow]
