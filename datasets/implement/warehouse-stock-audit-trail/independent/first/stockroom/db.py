"""SQLite access: the schema and one short-lived connection per unit of work."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS products (
    sku TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reorder_level INTEGER NOT NULL DEFAULT 0
);
-- The audit trail: one row per change of a product's on_hand (finance reads it directly).
-- AUTOINCREMENT so an id is never reused: ids increase with every movement, across products.
CREATE TABLE IF NOT EXISTS stock_movements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sku TEXT NOT NULL REFERENCES products(sku),
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'shipment', 'count')),
    change INTEGER NOT NULL,
    on_hand_after INTEGER NOT NULL CHECK (on_hand_after >= 0),
    actor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stock_movements_by_sku ON stock_movements (sku, id);
"""


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path

    def initialise(self) -> None:
        with self.unit_of_work() as connection:
            connection.executescript(SCHEMA)

    @contextmanager
    def unit_of_work(self, writes_stock: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises.

        `writes_stock` takes the write lock up front (BEGIN IMMEDIATE): a use case that reads
        on_hand and then writes it (and the movement recording it) must not interleave with
        another one doing the same, or the second would fail to upgrade its read lock.
        """
        connection = sqlite3.connect(self.path)
        connection.row_factory = sqlite3.Row
        try:
            with connection:
                if writes_stock:
                    connection.execute("BEGIN IMMEDIATE")
                yield connection
        finally:
            connection.close()
