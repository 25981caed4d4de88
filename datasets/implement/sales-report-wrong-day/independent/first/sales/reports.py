"""Sales summaries for the back-office dashboard and the weekly email."""

from collections import defaultdict
from datetime import date, timedelta

from sales.business_days import business_day, day_range
from sales.models import DaySummary, Order
from sales.repository import OrderRepository
from sales.stores import StoreDirectory


def summarize(day: date, orders: list[Order]) -> DaySummary:
    return DaySummary(
        day=day,
        orders=len(orders),
        gross_cents=sum(order.total_cents for order in orders),
        refunded_cents=sum(order.total_cents for order in orders if order.refunded),
    )


class SalesReports:
    def __init__(self, orders: OrderRepository, stores: StoreDirectory) -> None:
        self._orders = orders
        self._stores = stores

    def daily_summary(self, store_id: str, day: date) -> DaySummary:
        """The store's sales on `day`, its business day (local midnight to midnight): the
        dashboard's "Today" and "Yesterday" tiles."""
        zone = self._stores.zone(store_id)
        return summarize(day, self._orders.placed_on(store_id, day, zone))

    def summaries(self, store_id: str, first_day: date, last_day: date) -> list[DaySummary]:
        """One summary per day from `first_day` to `last_day` inclusive, days without sales
        included: the weekly email's table."""
        if last_day < first_day:
            raise ValueError("last_day is before first_day")
        zone = self._stores.zone(store_id)
        start, end = day_range(first_day, last_day, zone)
        by_day: dict[date, list[Order]] = defaultdict(list)
        for order in self._orders.placed_between(store_id, start, end):
            by_day[business_day(order.placed_at, zone)].append(order)
        days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
        return [summarize(day, by_day[day]) for day in days]
