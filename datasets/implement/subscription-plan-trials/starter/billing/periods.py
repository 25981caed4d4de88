"""Billing-period arithmetic.

Periods are counted from the subscription's anchor date: period n runs from anchor + n
intervals to anchor + (n + 1) intervals. Month arithmetic clamps to the end of shorter months
but always counts from the anchor, so a subscription anchored on 31 January renews on 29
February, 31 March, 30 April, ... rather than drifting to the 29th.
"""

import calendar
from datetime import date
from typing import Literal

Interval = Literal["month", "year"]
MONTHS_PER_INTERVAL: dict[Interval, int] = {"month": 1, "year": 12}


def add_months(anchor: date, months: int) -> date:
    month_index = anchor.month - 1 + months
    year, month = anchor.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(anchor.day, last_day))


def period_bounds(anchor: date, interval: Interval, index: int) -> tuple[date, date]:
    """Start and end (exclusive) of the `index`-th period counted from `anchor`."""
    step = MONTHS_PER_INTERVAL[interval]
    return add_months(anchor, index * step), add_months(anchor, (index + 1) * step)
