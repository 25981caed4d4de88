"""Aggregates API usage events into the per-day quantities we bill for.

Billing days and billing months are UTC calendar days and months.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone

BILLING_TZ = timezone.utc


@dataclass(frozen=True)
class UsageEvent:
    customer_id: str
    occurred_at: float
    """Unix timestamp in seconds, as sent by the API gateway."""
    units: int


@dataclass(frozen=True)
class DailyUsage:
    customer_id: str
    day: date
    units: int


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=BILLING_TZ)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=BILLING_TZ)
    return start, end


def billing_day(event: UsageEvent) -> date:
    return datetime.fromtimestamp(event.occurred_at).date()


def in_month(event: UsageEvent, year: int, month: int) -> bool:
    start, end = month_bounds(year, month)
    return start.timestamp() <= event.occurred_at < end.timestamp()


def daily_usage(events: Iterable[UsageEvent], year: int, month: int) -> list[DailyUsage]:
    """Units per customer per billing day within one billing month, sorted by customer and day."""
    totals: defaultdict[tuple[str, date], int] = defaultdict(int)
    for event in events:
        if in_month(event, year, month):
            totals[(event.customer_id, billing_day(event))] += event.units
    return [DailyUsage(customer, day, units) for (customer, day), units in sorted(totals.items())]
