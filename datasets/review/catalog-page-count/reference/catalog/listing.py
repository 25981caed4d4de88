"""Paged product listings for category pages (page numbers start at 1)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from decimal import Decimal

DEFAULT_PAGE_SIZE = 24
MAX_PAGE_SIZE = 100


class PageOutOfRange(Exception):
    pass


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: Decimal


@dataclass(frozen=True)
class Page:
    items: list[Product]
    page: int
    page_size: int
    total_items: int
    total_pages: int

    @property
    def has_next(self) -> bool:
        return self.page < self.total_pages


def count_products(connection: sqlite3.Connection, category_id: int) -> int:
    row = connection.execute(
        "SELECT COUNT(*) FROM products WHERE category_id = ? AND active = 1", (category_id,)
    ).fetchone()
    return int(row[0])


def fetch_products(
    connection: sqlite3.Connection, category_id: int, limit: int, offset: int
) -> list[Product]:
    rows = connection.execute(
        "SELECT sku, name, price FROM products WHERE category_id = ? AND active = 1 "
        "ORDER BY name, sku LIMIT ? OFFSET ?",
        (category_id, limit, offset),
    ).fetchall()
    return [Product(sku, name, Decimal(price)) for sku, name, price in rows]


def list_category(
    connection: sqlite3.Connection,
    category_id: int,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Page:
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"invalid paging: page={page}, page_size={page_size}")
    total_items = count_products(connection, category_id)
    total_pages = (total_items + page_size - 1) // page_size
    if page > max(total_pages, 1):
        raise PageOutOfRange(f"page {page} of {total_pages}")
    items = fetch_products(connection, category_id, page_size, (page - 1) * page_size)
    return Page(items, page, page_size, total_items, total_pages)
