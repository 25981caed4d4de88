"""Order use cases: each one validates, prices, and persists in a single transaction."""

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from shop import pricing, receipts, repository
from shop.errors import OrderError, ValidationError
from shop.models import Product, StoredOrder
from shop.validation import merge_quantities, normalise_email, validate_product


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    try:
        yield
        conn.commit()
    except Exception:
        conn.rollback()
        raise


def init_db(conn: sqlite3.Connection) -> None:
    repository.create_schema(conn)


def add_product(
    conn: sqlite3.Connection, sku: str, name: str, price_cents: int, stock: int
) -> None:
    validate_product(sku, price_cents, stock)
    repository.upsert_product(conn, Product(sku, name, price_cents, stock))


def get_stock(conn: sqlite3.Connection, sku: str) -> int:
    return _require_product(conn, sku).stock


def place_order(
    conn: sqlite3.Connection,
    email: str,
    items: Sequence[Mapping[str, Any]],
    coupon: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    email = normalise_email(email)
    quantities = merge_quantities(items)
    now = now if now is not None else datetime.now(UTC)
    lines = [
        pricing.price_line(_require_product(conn, sku), quantity)
        for sku, quantity in quantities.items()
    ]
    line_totals = [line.line_total_cents for line in lines]
    totals = pricing.compute_totals(line_totals, coupon, now)
    code = pricing.normalise_coupon_code(coupon) if coupon is not None else None
    with _transaction(conn):
        for line in lines:
            repository.reserve_stock(conn, line)
        order_id = repository.insert_order(conn, email, code, totals, now.isoformat(), lines)
    return {
        "order_id": order_id,
        "email": email,
        "status": "placed",
        "subtotal_cents": totals.subtotal_cents,
        "discount_cents": totals.discount_cents,
        "shipping_cents": totals.shipping_cents,
        "total_cents": totals.total_cents,
    }


def get_order(conn: sqlite3.Connection, order_id: int) -> dict[str, Any]:
    return _order_to_dict(repository.load_order(conn, order_id))


def cancel_order(conn: sqlite3.Connection, order_id: int) -> None:
    order = repository.load_order(conn, order_id)
    if order.status == "cancelled":
        raise OrderError(f"order {order_id} is already cancelled")
    with _transaction(conn):
        repository.release_stock(conn, order.lines)
        repository.set_status(conn, order_id, "cancelled")


def format_receipt(conn: sqlite3.Connection, order_id: int) -> str:
    return receipts.render_receipt(get_order(conn, order_id))


def _require_product(conn: sqlite3.Connection, sku: str) -> Product:
    product = repository.find_product(conn, sku)
    if product is None:
        raise ValidationError(f"unknown sku: {sku}")
    return product


def _order_to_dict(order: StoredOrder) -> dict[str, Any]:
    totals = order.totals
    return {
        "order_id": order.order_id,
        "email": order.email,
        "coupon": order.coupon,
        "subtotal_cents": totals.subtotal_cents,
        "discount_cents": totals.discount_cents,
        "shipping_cents": totals.shipping_cents,
        "total_cents": totals.total_cents,
        "status": order.status,
        "created_at": order.created_at,
        "lines": [asdict(line) for line in order.lines],
    }
