import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reports.sales import DailyTotal, ProductSales, SalesReports


class CountingConnections:
    """Connection factory that records how many connections were opened and closed."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.opened = 0
        self.closed = 0

    def __call__(self) -> "TrackedConnection":
        self.opened += 1
        return TrackedConnection(sqlite3.connect(self.database), self)


class TrackedConnection:
    def __init__(self, inner: sqlite3.Connection, factory: CountingConnections) -> None:
        self.inner = inner
        self.factory = factory

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        return self.inner.execute(sql, parameters)

    def close(self) -> None:
        self.factory.closed += 1
        self.inner.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER, day TEXT, total_cents INTEGER)")
        conn.executemany(
            "INSERT INTO orders VALUES (?, ?, ?)",
            [(1, "2024-05-01", 1000), (2, "2024-05-01", 500), (3, "2024-05-02", 250)],
        )
    return path


def test_daily_totals(database: Path) -> None:
    connections = CountingConnections(database)
    totals = SalesReports(connections).daily_totals(date(2024, 5, 1), date(2024, 5, 31))
    assert totals == [
        DailyTotal(date(2024, 5, 1), 2, 1500),
        DailyTotal(date(2024, 5, 2), 1, 250),
    ]
    assert connections.closed == connections.opened == 1


def test_top_products(database: Path) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE order_lines (day TEXT, sku TEXT, quantity INTEGER)")
        conn.executemany("INSERT INTO order_lines VALUES (?, ?, ?)",
                         [("2024-05-01", "A", 1), ("2024-05-01", "B", 5), ("2024-05-02", "A", 2)])
    reports = SalesReports(CountingConnections(database))
    assert reports.top_products(date(2024, 5, 1), date(2024, 5, 2)) == [
        ProductSales("B", 5), ProductSales("A", 3)
    ]


def test_failed_query_still_closes_connection(database: Path) -> None:
    connections = CountingConnections(database)
    reports = SalesReports(connections)
    for _ in range(3):
        with pytest.raises(sqlite3.OperationalError):
            reports.top_products(date(2024, 5, 1), date(2024, 5, 31))
    assert connections.opened == 3
    assert connections.closed == 3, "connections leaked when the query failed"
