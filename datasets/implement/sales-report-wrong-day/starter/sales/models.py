from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Order:
    id: str
    store_id: str
    total_cents: int
    placed_at: datetime  # timezone-aware; the repository keeps it in UTC
    refunded: bool = False


@dataclass(frozen=True)
class DaySummary:
    """One store's sales for one business day."""

    day: date
    orders: int
    gross_cents: int
    refunded_cents: int

    @property
    def net_cents(self) -> int:
        return self.gross_cents - self.refunded_cents


@dataclass(frozen=True)
class Store:
    id: str
    name: str
    timezone: str  # IANA name, e.g. "America/New_York": where the store is
