import sqlite3
from datetime import UTC, date, datetime

from sales.export import orders_csv
from sales.models import Order, Store
from sales.reports import SalesReports
from sales.repository import OrderRepository
from sales.stores import StoreDirectory


def make() -> tuple[OrderRepository, StoreDirectory]:
    stores = StoreDirectory([Store("lon", "Online", "UTC")])
    return OrderRepository(sqlite3.connect(":memory:")), stores


def test_daily_summary_counts_refunds_separately() -> None:
    orders, stores = make()
    orders.add(Order("a", "lon", 1000, datetime(2024, 5, 14, 10, tzinfo=UTC)))
    orders.add(Order("b", "lon", 300, datetime(2024, 5, 14, 11, tzinfo=UTC), refunded=True))

    summary = SalesReports(orders, stores).daily_summary("lon", date(2024, 5, 14))

    assert (summary.orders, summary.gross_cents, summary.refunded_cents, summary.net_cents) == (
        2,
        1300,
        300,
        1000,
    )


def test_csv_has_one_line_per_order() -> None:
    orders, stores = make()
    orders.add(Order("a", "lon", 1000, datetime(2024, 5, 14, 10, tzinfo=UTC)))

    text = orders_csv(orders, stores, "lon", date(2024, 5, 14))

    assert text.splitlines() == [
        "order_id,placed_at,total_cents,refunded",
        "a,2024-05-14T10:00+00:00,1000,no",
    ]


def test_weekly_table_has_a_row_per_day() -> None:
    orders, stores = make()

    table = SalesReports(orders, stores).summaries("lon", date(2024, 5, 13), date(2024, 5, 19))

    assert [summary.day.day for summary in table] == [13, 14, 15, 16, 17, 18, 19]
