"""Sales land on the store's local business day, in every report and export."""

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sales.api import create_app
from sales.export import orders_csv
from sales.models import DaySummary, Order, Store
from sales.reports import SalesReports
from sales.repository import OrderRepository
from sales.stores import StoreDirectory, StoreNotFound

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
UTC = ZoneInfo("UTC")


@dataclass
class Shop:
    orders: OrderRepository
    stores: StoreDirectory
    reports: SalesReports
    ids: Iterator[int]

    def sell(
        self, store_id: str, local: datetime, cents: int = 1000, refunded: bool = False
    ) -> str:
        order_id = f"o{next(self.ids)}"
        self.orders.add(Order(order_id, store_id, cents, local, refunded))
        return order_id

    def day(self, store_id: str, day: date) -> tuple[int, int, int, int]:
        summary = self.reports.daily_summary(store_id, day)
        assert summary.day == day
        return summary.orders, summary.gross_cents, summary.refunded_cents, summary.net_cents

    def csv_ids(self, store_id: str, day: date) -> list[str]:
        lines = orders_csv(self.orders, self.stores, store_id, day).splitlines()
        assert lines[0] == "order_id,placed_at,total_cents,refunded"
        return [line.split(",")[0] for line in lines[1:]]


@pytest.fixture
def shop() -> Iterator[Shop]:
    connection = sqlite3.connect(
        ":memory:", check_same_thread=False
    )  # the API runs in a worker thread
    stores = StoreDirectory(
        [Store("nyc", "Brooklyn", "America/New_York"), Store("tyo", "Shibuya", "Asia/Tokyo")]
    )
    stores.add(Store("lon", "Online", "UTC"))
    orders = OrderRepository(connection)
    yield Shop(orders, stores, SalesReports(orders, stores), count(1))
    connection.close()


def ny(day: int, hour: int, minute: int = 0, month: int = 5, fold: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=NEW_YORK, fold=fold)


# --- fail-to-pass: the wrong day -----------------------------------------------------------


def test_late_evening_sale_is_on_that_evenings_daily_summary(shop: Shop) -> None:
    shop.sell("nyc", ny(14, 12), 1500)
    shop.sell("nyc", ny(14, 21, 30), 2000)  # 01:30 UTC on the 15th
    shop.sell("nyc", ny(15, 0, 5), 700)

    assert shop.day("nyc", date(2024, 5, 14)) == (2, 3500, 0, 3500)
    assert shop.day("nyc", date(2024, 5, 15)) == (1, 700, 0, 700)


def test_late_evening_sale_is_in_that_days_csv_export(shop: Shop) -> None:
    noon = shop.sell("nyc", ny(14, 12))
    late = shop.sell("nyc", ny(14, 23, 59))
    next_morning = shop.sell("nyc", ny(15, 0, 0))
    shop.sell("nyc", ny(13, 19, 59))  # 23:59 UTC on the 13th

    assert shop.csv_ids("nyc", date(2024, 5, 14)) == [noon, late]
    assert shop.csv_ids("nyc", date(2024, 5, 15)) == [next_morning]


def test_weekly_table_puts_each_sale_on_its_local_day(shop: Shop) -> None:
    shop.sell("nyc", ny(13, 20), 100)
    shop.sell("nyc", ny(14, 22), 200, refunded=True)
    shop.sell("nyc", ny(15, 23, 59), 400)
    shop.sell("nyc", ny(16, 0, 1), 800)  # after the table's last day

    table = shop.reports.summaries("nyc", date(2024, 5, 13), date(2024, 5, 15))

    assert table == [
        DaySummary(date(2024, 5, 13), 1, 100, 0),
        DaySummary(date(2024, 5, 14), 1, 200, 200),
        DaySummary(date(2024, 5, 15), 1, 400, 0),
    ]


def test_early_morning_sale_in_a_store_ahead_of_utc_is_on_its_local_day(shop: Shop) -> None:
    morning = shop.sell("tyo", datetime(2024, 5, 14, 1, 30, tzinfo=TOKYO), 900)  # 16:30 UTC 13th
    shop.sell("tyo", datetime(2024, 5, 13, 23, 30, tzinfo=TOKYO), 50)

    assert shop.day("tyo", date(2024, 5, 14)) == (1, 900, 0, 900)
    assert shop.csv_ids("tyo", date(2024, 5, 14)) == [morning]
    assert [
        s.orders for s in shop.reports.summaries("tyo", date(2024, 5, 13), date(2024, 5, 14))
    ] == [1, 1]


def test_short_day_when_clocks_go_forward(shop: Shop) -> None:
    # 2024-03-10 in New York lasts 23 hours: 05:00 UTC to 04:00 UTC the next day.
    first = shop.sell("nyc", ny(10, 0, 0, month=3))
    before_change = shop.sell("nyc", ny(10, 1, 59, month=3))
    last = shop.sell("nyc", ny(10, 23, 59, month=3))
    shop.sell("nyc", ny(11, 0, 0, month=3))
    shop.sell("nyc", ny(9, 23, 59, month=3))

    assert shop.day("nyc", date(2024, 3, 10))[0] == 3
    assert shop.csv_ids("nyc", date(2024, 3, 10)) == [first, before_change, last]
    assert [
        s.orders for s in shop.reports.summaries("nyc", date(2024, 3, 9), date(2024, 3, 11))
    ] == [1, 3, 1]


def test_long_day_when_clocks_go_back(shop: Shop) -> None:
    # 2024-11-03 in New York lasts 25 hours and 01:30 happens twice.
    first_pass = shop.sell("nyc", ny(3, 1, 30, month=11, fold=0))
    second_pass = shop.sell("nyc", ny(3, 1, 30, month=11, fold=1))
    last = shop.sell("nyc", ny(3, 23, 30, month=11))  # 04:30 UTC on the 4th
    shop.sell("nyc", ny(4, 0, 0, month=11))
    shop.sell("nyc", ny(2, 23, 59, month=11))

    assert shop.csv_ids("nyc", date(2024, 11, 3)) == [first_pass, second_pass, last]
    assert shop.day("nyc", date(2024, 11, 3))[0] == 3
    assert [
        s.orders for s in shop.reports.summaries("nyc", date(2024, 11, 2), date(2024, 11, 4))
    ] == [1, 3, 1]


def test_dashboard_api_uses_the_local_day(shop: Shop) -> None:
    shop.sell("nyc", ny(14, 22), 1234)
    client = TestClient(create_app(shop.orders, shop.stores))

    body = client.get("/stores/nyc/sales/2024-05-14").json()
    csv_text = client.get("/stores/nyc/orders/2024-05-14.csv").text

    assert body == {
        "day": "2024-05-14",
        "orders": 1,
        "gross_cents": 1234,
        "refunded_cents": 0,
        "net_cents": 1234,
    }
    assert csv_text.splitlines()[1:] == ["o1,2024-05-14T22:00-04:00,1234,no"]


# --- pass-to-pass: the reports as they work today -----------------------------------------


def test_daytime_sales_with_refunds(shop: Shop) -> None:
    shop.sell("nyc", ny(14, 9), 1000)
    refunded = shop.sell("nyc", ny(14, 13), 250)
    shop.sell("nyc", ny(14, 15), 300, refunded=True)
    shop.sell("tyo", datetime(2024, 5, 14, 12, tzinfo=TOKYO), 99_999)
    shop.orders.mark_refunded(refunded)

    assert shop.day("nyc", date(2024, 5, 14)) == (3, 1550, 550, 1000)
    assert shop.day("nyc", date(2024, 5, 15)) == (0, 0, 0, 0)


def test_weekly_table_lists_every_day_including_empty_ones(shop: Shop) -> None:
    shop.sell("lon", datetime(2024, 5, 15, 23, 59, tzinfo=UTC), 10)
    shop.sell("lon", datetime(2024, 5, 13, 0, 0, tzinfo=UTC), 20)
    shop.sell("lon", datetime(2024, 5, 12, 23, 59, tzinfo=UTC), 40)

    table = shop.reports.summaries("lon", date(2024, 5, 13), date(2024, 5, 16))

    assert [(s.day.day, s.orders, s.gross_cents) for s in table] == [
        (13, 1, 20),
        (14, 0, 0),
        (15, 1, 10),
        (16, 0, 0),
    ]
    assert shop.reports.summaries("lon", date(2024, 5, 13), date(2024, 5, 13)) == [
        DaySummary(date(2024, 5, 13), 1, 20, 0)
    ]
    with pytest.raises(ValueError):
        shop.reports.summaries("lon", date(2024, 5, 14), date(2024, 5, 13))


def test_csv_lists_the_days_orders_oldest_first_in_local_time(shop: Shop) -> None:
    late = shop.sell("nyc", ny(14, 16, 45), 500, refunded=True)
    early = shop.sell("nyc", ny(14, 8, 5), 1999)

    text = orders_csv(shop.orders, shop.stores, "nyc", date(2024, 5, 14))

    assert text == (
        "order_id,placed_at,total_cents,refunded\n"
        f"{early},2024-05-14T08:05-04:00,1999,no\n"
        f"{late},2024-05-14T16:45-04:00,500,yes\n"
    )


def test_utc_store_days_are_utc_days(shop: Shop) -> None:
    shop.sell("lon", datetime(2024, 5, 14, 0, 0, tzinfo=UTC))
    shop.sell("lon", datetime(2024, 5, 14, 23, 59, 59, tzinfo=UTC))
    shop.sell("lon", datetime(2024, 5, 15, 0, 0, tzinfo=UTC))
    shop.sell("lon", datetime(2024, 5, 14, 1, 0, tzinfo=NEW_YORK))  # 05:00 UTC on the 14th

    assert shop.day("lon", date(2024, 5, 14))[0] == 3
    assert shop.csv_ids("lon", date(2024, 5, 15)) == ["o3"]


def test_unknown_store(shop: Shop) -> None:
    client = TestClient(create_app(shop.orders, shop.stores))

    with pytest.raises(StoreNotFound):
        shop.reports.daily_summary("paris", date(2024, 5, 14))
    with pytest.raises(StoreNotFound):
        shop.reports.summaries("paris", date(2024, 5, 14), date(2024, 5, 14))
    assert client.get("/stores/paris/sales/2024-05-14").status_code == 404
    assert client.get("/stores/paris/orders/2024-05-14.csv").status_code == 404


def test_naive_timestamps_are_refused(shop: Shop) -> None:
    with pytest.raises(ValueError):
        shop.orders.add(Order("x", "nyc", 100, datetime(2024, 5, 14, 12)))
    assert shop.csv_ids("nyc", date(2024, 5, 14)) == []
