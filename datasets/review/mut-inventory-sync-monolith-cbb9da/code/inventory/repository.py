"""SQLite access for items, the audit log and sync runs. Callers decide when to commit."""

import sqlite3
from datetime import datetime

from inventory.models import StockItem

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS items (sku TEXT PRIMARY KEY, supplier TEXT NOT NULL, "
    "quantity INTEGER NOT NULL, reserved INTEGER NOT NULL DEFAULT 0, "
    "price_cents INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'active', "
    "manual_override INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "sku TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT, supplier TEXT NOT NULL, "
    "at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sync_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "supplier TEXT NOT NULL, generated_at TEXT NOT NULL, ran_at TEXT NOT NULL)",
)
_UPDATABLE_FIELDS = frozenset({"quantity", "price_cents", "status", "manual_override"})


def create_schema(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA:
        conn.execute(statement)


def insert_item(
    conn: sqlite3.Connection,
    sku: str,
    supplier: str,
    quantity: int,
    price_cents: int,
    reserved: int = 0,
    status: str = "active",
) -> None:
    conn.execute(
        "INSERT INTO items (sku, supplier, quantity, reserved, price_cents, status) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (sku, supplier, quantity, reserved, price_cents, status),
    )


def find_item(conn: sqlite3.Connection, sku: str) -> StockItem | None:
    row = conn.execute(
        "SELECT sku, supplier, quantity, reserved, price_cents, status, manual_override "
        "FROM items WHERE sku = ?",
        (sku,),
    ).fetchone()
    if row is None:
        return None
    sku, supplier, quantity, reserved, price_cents, status, manual_override = row
    return StockItem(
        sku, supplier, quantity, reserved, price_cents, status, bool(manual_override)
    )


def update_field(conn: sqlite3.Connection, sku: str, field: str, value: int | str) -> None:
    if field not in _UPDATABLE_FIELDS:  # the column name is interpolated into the SQL
        raise ValueError(f"items.{field} cannot be updated")
    conn.execute(f"UPDATE items SET {field} = ? WHERE sku = ?", (value, sku))


def active_skus(conn: sqlite3.Connection, supplier: str) -> list[str]:
    rows = conn.execute(
        "SELECT sku FROM items WHERE supplier = ? AND status = 'active' ORDER BY sku",
        (supplier,),
    ).fetchall()
    return [sku for (sku,) in rows]


def add_audit_entry(
    conn: sqlite3.Connection,
    sku: str,
    field: str,
    old: str | None,
    new: str | None,
    supplier: str,
    at: datetime,
) -> None:
    conn.execute(
        "INSERT INTO audit (sku, field, old, new, supplier, at) VALUES (?, ?, ?, ?, ?, ?)",
        (sku, field, old, new, supplier, at.isoformat()),
    )


def audit_entries(conn: sqlite3.Connection, sku: str | None) -> list[dict[str, str | None]]:
    query = "SELECT sku, field, old, new, supplier, at FROM audit"
    params: tuple[str, ...] = ()
    if sku is not None:
        query, params = query + " WHERE sku = ?", (sku,)
    rows = conn.execute(query + " ORDER BY id", params).fetchall()
    columns = ("sku", "field", "old", "new", "supplier", "at")
    return [dict(zip(columns, row, strict=True)) for row in rows]


def last_feed_time(conn: sqlite3.Connection, supplier: str) -> datetime | None:
    row = conn.execute(
        "SELECT generated_at FROM sync_runs WHERE supplier = ? ORDER BY id DESC LIMIT 1",
        (supplier,),
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row else None


def record_sync_run(
    conn: sqlite3.Connection, supplier: str, generated_at: datetime, ran_at: datetime
) -> None:
    conn.execute(
        "INSERT INTO sync_runs (supplier, generated_at, ran_at) VALUES (?, ?, ?)",
        (supplier, generated_at.isoformat(), ran_at.isoformat()),
    )
