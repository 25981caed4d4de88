"""Product search for the storefront: filtering plus a user-selected sort order."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, text

SORTABLE_COLUMNS = frozenset({"name", "price_cents", "created_at"})
DEFAULT_SORT = "created_at:desc"


class InvalidSort(ValueError):
    pass


@dataclass(frozen=True)
class ProductHit:
    sku: str
    name: str
    price: Decimal


def order_by_clause(sort: str) -> str:
    """Turn "column:direction" (e.g. "price_cents:asc") into an ORDER BY clause."""
    column, _, direction = sort.partition(":")
    if column not in SORTABLE_COLUMNS:
        raise InvalidSort(f"cannot sort by {column!r}")
    return f"ORDER BY {column} {direction or 'asc'}, sku"


def search_products(
    connection: Connection,
    query: str,
    max_price_cents: int | None = None,
    sort: str = DEFAULT_SORT,
    limit: int = 20,
) -> list[ProductHit]:
    sql = (
        "SELECT sku, name, price_cents FROM products "
        "WHERE name LIKE :pattern AND (:max_price IS NULL OR price_cents <= :max_price) "
        f"{order_by_clause(sort)} LIMIT :limit"
    )
    rows = connection.execute(
        text(sql),
        {"pattern": f"%{query}%", "max_price": max_price_cents, "limit": limit},
    )
    return [ProductHit(sku, name, Decimal(cents) / 100) for sku, name, cents in rows]
