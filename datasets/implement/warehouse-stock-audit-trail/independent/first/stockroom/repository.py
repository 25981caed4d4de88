"""SQL for products; every method runs on the caller's connection (and transaction)."""

import sqlite3

from stockroom.errors import DuplicateSku
from stockroom.models import MovementKind, Product, ProductCreate, StockMovement

PRODUCT_COLUMNS = "sku, name, on_hand, reorder_level"
MOVEMENT_COLUMNS = "id, sku, kind, change, on_hand_after, actor"


class ProductRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(self, data: ProductCreate) -> Product:
        try:
            self.connection.execute(
                "INSERT INTO products (sku, name, reorder_level) VALUES (?, ?, ?)",
                (data.sku, data.name, data.reorder_level),
            )
        except sqlite3.IntegrityError as error:
            raise DuplicateSku(data.sku) from error
        return Product(sku=data.sku, name=data.name, on_hand=0, reorder_level=data.reorder_level)

    def get(self, sku: str) -> Product | None:
        row = self.connection.execute(
            f"SELECT {PRODUCT_COLUMNS} FROM products WHERE sku = ?", (sku,)
        ).fetchone()
        return None if row is None else Product(**dict(row))

    def list(self, at_or_below_reorder_level: bool) -> list[Product]:
        where = " WHERE on_hand <= reorder_level" if at_or_below_reorder_level else ""
        rows = self.connection.execute(
            f"SELECT {PRODUCT_COLUMNS} FROM products{where} ORDER BY sku"
        ).fetchall()
        return [Product(**dict(row)) for row in rows]

    def set_on_hand(self, sku: str, on_hand: int) -> None:
        self.connection.execute("UPDATE products SET on_hand = ? WHERE sku = ?", (on_hand, sku))


class MovementRepository:
    """The audit trail; a movement is written in the same transaction as the change it records."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(
        self, sku: str, kind: MovementKind, change: int, on_hand_after: int, actor: str
    ) -> StockMovement:
        cursor = self.connection.execute(
            "INSERT INTO stock_movements (sku, kind, change, on_hand_after, actor)"
            " VALUES (?, ?, ?, ?, ?)",
            (sku, kind, change, on_hand_after, actor),
        )
        assert cursor.lastrowid is not None  # always set after a successful INSERT
        return StockMovement(
            id=cursor.lastrowid,
            sku=sku,
            kind=kind,
            change=change,
            on_hand_after=on_hand_after,
            actor=actor,
        )

    def for_product(self, sku: str) -> list[StockMovement]:
        rows = self.connection.execute(
            f"SELECT {MOVEMENT_COLUMNS} FROM stock_movements WHERE sku = ? ORDER BY id", (sku,)
        ).fetchall()
        return [StockMovement(**dict(row)) for row in rows]
