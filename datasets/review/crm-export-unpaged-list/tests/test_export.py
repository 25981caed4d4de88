import csv
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crm.admin import main
from crm.api import create_app
from crm.db import connect
from crm.export import CustomerExport
from crm.models import Segment
from crm.service import CustomerService

CREATED = datetime(2024, 1, 5, 9, 0, tzinfo=timezone.utc).isoformat()
BIG_TENANT = 2_500


class RowsPerQuery:
    """Counts the rows SQLite hands back for each statement run on the connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.rows: list[int] = []
        connection.set_trace_callback(self._statement)
        connection.row_factory = self._row

    def _statement(self, statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            self.rows.append(0)

    def _row(self, cursor: sqlite3.Cursor, row: tuple[object, ...]) -> tuple[object, ...]:
        if self.rows:
            self.rows[-1] += 1
        return row


def seed(database: Path) -> None:
    connection = connect(database)
    with connection:
        connection.executemany(
            "INSERT INTO customers (id, tenant_id, name, email, segment, lifetime_value_cents, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    n,
                    7 if n <= BIG_TENANT else 8,
                    "=HYPERLINK(1)" if n == 3 else f"Customer {n}",
                    f"c{n}@example.com",
                    "vip" if n % 10 == 0 else "active",
                    n * 101,
                    CREATED,
                )
                for n in range(1, BIG_TENANT + 41)
            ],
        )
    connection.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "crm.db"
    seed(path)
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_export_writes_every_customer_of_the_tenant(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    assert main(["--database", str(database), "export", "--tenant", "7", "--out", str(out)]) == 0
    rows = read_csv(out)
    assert rows[0] == ["id", "name", "email", "segment", "lifetime_value", "created_at"]
    assert len(rows) == 1 + BIG_TENANT
    assert [int(r[0]) for r in rows[1:]] == list(range(1, BIG_TENANT + 1))
    assert rows[2] == ["2", "Customer 2", "c2@example.com", "active", "2.02", CREATED]
    assert rows[3][1] == "'=HYPERLINK(1)"


def test_segment_export(database: Path, tmp_path: Path) -> None:
    connection = connect(database)
    out = tmp_path / "vip.csv"
    written = CustomerExport(CustomerService(connection)).write_file(7, out, Segment.VIP)
    assert written == BIG_TENANT // 10
    assert {r[3] for r in read_csv(out)[1:]} == {"vip"}


def test_export_reads_the_book_in_bounded_pages(database: Path, tmp_path: Path) -> None:
    connection = connect(database)
    counter = RowsPerQuery(connection)
    written = CustomerExport(CustomerService(connection)).write_file(7, tmp_path / "all.csv")
    assert written == BIG_TENANT
    assert counter.rows and max(counter.rows) <= 1_000, (
        f"one query returned {max(counter.rows)} rows: the export is not paged"
    )


def test_api_pages_are_capped(database: Path) -> None:
    api = TestClient(create_app(lambda: connect(database)))
    page = api.get("/customers", params={"limit": 2, "after_id": 4}, headers={"X-Tenant-Id": "7"})
    assert [c["id"] for c in page.json()["items"]] == [5, 6]
    assert page.json()["next_after_id"] == 6
    too_big = api.get("/customers", params={"limit": 5000}, headers={"X-Tenant-Id": "7"})
    assert too_big.status_code == 422
