"""Read-only sales reports for the back-office dashboard."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol


class Cursor(Protocol):
    def fetchall(self) -> list[tuple[Any, ...]]: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Sequence[Any] = ...) -> Cursor: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class DailyTotal:
    day: date
    orders: int
    revenue_cents: int


@dataclass(frozen=True)
class ProductSales:
    sku: str
    units: int


class SalesReports:
    """Each report opens its own connection from the factory (a pooled DB-API connect)."""

    def __init__(self, connect: Callable[[], Connection]) -> None:
        self._connect = connect

    def daily_totals(self, start: date, end: date) -> list[DailyTotal]:
        rows = self._fetch_all(
            "SELECT day, COUNT(*), SUM(total_cents) FROM orders "
            "WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day",
            (start.isoformat(), end.isoformat()),
        )
        return [DailyTotal(date.fromisoformat(day), count, total) for day, count, total in rows]

    def top_products(self, start: date, end: date, limit: int = 10) -> list[ProductSales]:
        rows = self._fetch_all(
            "SELECT sku, SUM(quantity) AS units FROM order_lines "
            "WHERE day BETWEEN ? AND ? GROUP BY sku ORDER BY units DESC, sku LIMIT ?",
            (start.isoformat(), end.isoformat(), limit),
        )
        return [ProductSales(sku, units) for sku, units in rows]

    def _fetch_all(self, sql: str, parameters: Sequence[Any]) -> list[tuple[Any, ...]]:
        connection = self._connect()
        rows = connection.execute(sql, parameters).fetchall()
        connection.close()
        return rows
