import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from exports import sales_csv
from exports.sales_csv import InvalidRange, export_orders

UTC = timezone.utc
START = datetime(2026, 1, 1, tzinfo=UTC)
END = datetime(2026, 2, 1, tzinfo=UTC)


class TrackingConnections:
    """Opens connections to one database file and remembers whether each was closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.opened: list[sqlite3.Connection] = []

    def __call__(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path)
        self.opened.append(connection)
        return connection

    def all_closed(self) -> bool:
        def closed(connection: sqlite3.Connection) -> bool:
            try:
                connection.execute("SELECT 1")
            except sqlite3.ProgrammingError:
                return True
            return False

        return all(closed(c) for c in self.opened)


@pytest.fixture
def connect(tmp_path: Path) -> TrackingConnections:
    path = tmp_path / "shop.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, shop_id INTEGER, placed_at TEXT, "
            "customer_email TEXT, total_cents INTEGER, currency TEXT)"
        )
        for i in range(1, 1201):
            placed = START + timedelta(minutes=30 * i)
            db.execute(
                "INSERT INTO orders VALUES (?, ?, ?, ?, ?, 'EUR')",
                (i, 1 if i % 10 else 2, placed.isoformat(), f"c{i}@example.com", 1000 + i),
            )
        db.execute(
            "INSERT INTO orders VALUES (5000, 1, ?, 'o\"neil, jr@example.com', 5, 'EUR')",
            ((END - timedelta(seconds=1)).isoformat(),),
        )
        db.execute(
            "INSERT INTO orders VALUES (5001, 1, ?, '=HYPERLINK(\"http://x\")', 5, 'EUR')",
            ((END - timedelta(seconds=2)).isoformat(),),
        )
        db.commit()
    return TrackingConnections(path)


def test_exports_header_and_the_shops_orders_in_range(connect: TrackingConnections) -> None:
    lines = list(export_orders(connect, 1, START, END))
    assert lines[0] == "order_id,placed_at_utc,customer_email,total,currency\n"
    assert lines[1] == "1,2026-01-01T00:30:00+00:00,c1@example.com,10.01,EUR\n"
    in_range = [i for i in range(1, 1201) if i % 10 and START + timedelta(minutes=30 * i) < END]
    assert len(lines) - 1 == len(in_range) + 2
    assert all(",2026-01-" in line for line in lines[1:])


def test_fields_are_csv_quoted_and_formulas_neutralised(connect: TrackingConnections) -> None:
    *_, formula, last = export_orders(connect, 1, START, END)
    assert formula.startswith("5001,2026-01-31T23:59:58+00:00,\"'=HYPERLINK(")
    assert last == '5000,2026-01-31T23:59:59+00:00,"o""neil, jr@example.com",0.05,EUR\n'


def test_offset_bounds_are_converted_to_utc(connect: TrackingConnections) -> None:
    berlin = timezone(timedelta(hours=1))
    lines = list(export_orders(connect, 1, datetime(2026, 1, 1, 2, 0, tzinfo=berlin), END))
    assert lines[1].startswith("2,2026-01-01T01:00:00+00:00,")


def test_naive_or_reversed_range_is_refused(connect: TrackingConnections) -> None:
    with pytest.raises(InvalidRange):
        export_orders(connect, 1, datetime(2026, 1, 1), END)
    with pytest.raises(InvalidRange):
        export_orders(connect, 1, END, START)


def test_connection_is_closed_after_a_full_export(connect: TrackingConnections) -> None:
    list(export_orders(connect, 1, START, END))
    assert connect.opened and connect.all_closed()


def test_connection_is_closed_when_the_client_disconnects(connect: TrackingConnections) -> None:
    stream = export_orders(connect, 1, START, END)
    for _ in range(3):
        next(stream)
    stream.close()  # what the ASGI server does when the download is aborted
    assert connect.opened and connect.all_closed()


def test_export_continues_past_the_first_batch(
    connect: TrackingConnections, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sales_csv, "BATCH_SIZE", 7)
    assert len(list(export_orders(connect, 2, START, END))) > 7
