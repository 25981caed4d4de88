"""SQLite persistence for products and orders. Callers own the transaction boundaries."""

import sqlite3

from shop.errors import OrderNotFoundError, OutOfStockError
from shop.models import OrderLine, Product, StoredOrder, Totals

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS products ("
    "sku TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL, "
    "stock INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS orders ("
    "id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, coupon TEXT, "
    "subtotal_cents INTEGER NOT NULL, discount_cents INTEGER NOT NULL, "
    "shipping_cents INTEGER NOT NULL, total_cents INTEGER NOT NULL, "
    "status TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS order_lines ("
    "order_id INTEGER NOT NULL, sku TEXT NOT NULL, name TEXT NOT NULL, "
    "quantity INTEGER NOT NULL, unit_price_cents INTEGER NOT NULL, "
    "line_total_cents INTEGER NOT NULL)",
)


def create_schema(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA:
        conn.execute(statement)
    conn.commit()


def upsert_product(conn: sqlite3.Connection, product: Product) -> None:
    conn.execute(
        "INSERT INTO products (sku, name, price_cents, stock) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(sku) DO UPDATE SET name = excluded.name, "
        "price_cents = excluded.price_cents, stock = excluded.stock",
        (product.sku, product.name, product.price_cents, product.stock),
    )
    conn.commit()


def find_product(conn: sqlite3.Connection, sku: str) -> Product | None:
    row = conn.execute(
        "SELECT sku, name, price_cents, stock FROM products WHERE sku = ?", (sku,)
    ).fetchone()
    return Product(*row) if row else None


def reserve_stock(conn: sqlite3.Connection, line: OrderLine) -> None:
    # The stock guard in SQL catches a concurrent order that got there first.
    cursor = conn.execute(
        "UPDATE products SET stock = stock - ? WHERE sku = ? AND stock >= ?",
        (line.quantity, line.sku, line.quantity),
    )
    if cursor.rowcount != 1:
        raise OutOfStockError(f"stock changed while ordering {line.sku}")


def release_stock(conn: sqlite3.Connection, lines: list[OrderLine]) -> None:
    conn.executemany(
        "UPDATE products SET stock = stock + ? WHERE sku = ?",
        [(line.quantity, line.sku) for line in lines],
    )


def insert_order(
    conn: sqlite3.Connection,
    email: str,
    coupon: str | None,
    totals: Totals,
    created_at: str,
    lines: list[OrderLine],
) -> int:
    cursor = conn.execute(
        "INSERT INTO orders (email, coupon, subtotal_cents, discount_cents, shipping_cents, "
        "total_cents, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'placed', ?)",
        (
            email,
            coupon,
            totals.subtotal_cents,
            totals.discount_cents,
            totals.shipping_cents,
            totals.total_cents,
            created_at,
        ),
    )
    order_id = cursor.lastrowid
    assert order_id is not None  # sqlite always sets it after an INSERT
    conn.executemany(
        "INSERT INTO order_lines (order_id, sku, name, quantity, unit_price_cents, "
        "line_total_cents) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (order_id, line.sku, line.name, line.quantity, line.unit_price_cents,
             line.line_total_cents)
            for line in lines
        ],
    )
    return order_id


def set_status(conn: sqlite3.Connection, order_id: int, status: str) -> None:
    conn.execute("UPDATE orders SET status = ? WHERE id = ?", (status, order_id))


def load_order(conn: sqlite3.Connection, order_id: int) -> StoredOrder:
    row = conn.execute(
        "SELECT id, email, coupon, subtotal_cents, discount_cents, shipping_cents, "
        "status, created_at FROM orders WHERE id = ?",
        (order_id,),
    ).fetchone()
    if row is None:
        raise OrderNotFoundError(f"order {order_id} not found")
    order_id, email, coupon, subtotal, discount, shipping, status, created_at = row
    return StoredOrder(
        order_id=order_id,
        email=email,
        coupon=coupon,
        totals=Totals(subtotal, discount, shipping),
        status=status,
        created_at=created_at,
        lines=_load_lines(conn, order_id),
    )


def _load_lines(conn: sqlite3.Connection, order_id: int) -> list[OrderLine]:
    rows = conn.execute(
        "SELECT sku, name, quantity, unit_price_cents, line_total_cents FROM order_lines "
        "WHERE order_id = ? ORDER BY rowid",
        (order_id,),
    ).fetchall()
    return [OrderLine(*row) for row in rows]
