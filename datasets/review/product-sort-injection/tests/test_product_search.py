from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, text

from catalogue.search import InvalidSort, search_products


@pytest.fixture
def connection() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        conn.execute(text("CREATE TABLE products (sku TEXT, name TEXT, price_cents INT, "
                          "created_at TEXT)"))
        conn.execute(text("CREATE TABLE staff (email TEXT, password_hash TEXT)"))
        conn.execute(text("INSERT INTO staff VALUES ('admin@shop.test', 'sha256$secret')"))
        conn.execute(
            text("INSERT INTO products VALUES (:sku, :name, :price, :created)"),
            [
                {"sku": "A1", "name": "Blue mug", "price": 1200, "created": "2024-01-03"},
                {"sku": "A2", "name": "Red mug", "price": 900, "created": "2024-01-01"},
                {"sku": "A3", "name": "Mug rack", "price": 2500, "created": "2024-01-02"},
                {"sku": "B1", "name": "Teapot", "price": 3000, "created": "2024-01-04"},
            ],
        )
        yield conn


def skus(hits: list) -> list[str]:
    return [h.sku for h in hits]


def test_default_sort_is_newest_first(connection: Connection) -> None:
    assert skus(search_products(connection, "mug")) == ["A1", "A3", "A2"]


def test_sort_by_price_both_directions(connection: Connection) -> None:
    assert skus(search_products(connection, "ug", sort="price_cents:asc")) == ["A2", "A1", "A3"]
    assert skus(search_products(connection, "ug", sort="price_cents:desc")) == ["A3", "A1", "A2"]
    assert skus(search_products(connection, "ug", sort="name")) == ["A1", "A3", "A2"]


def test_unknown_sort_column_is_rejected(connection: Connection) -> None:
    with pytest.raises(InvalidSort):
        search_products(connection, "mug", sort="password_hash:asc")


@pytest.mark.parametrize(
    "direction",
    [
        "asc, (SELECT password_hash FROM staff)",
        (
            "asc, (CASE WHEN (SELECT substr(password_hash, 1, 6) FROM staff) = 'sha256' "
            "THEN sku END) DESC"
        ),
    ],
)
def test_sql_in_sort_direction_is_rejected(connection: Connection, direction: str) -> None:
    reached_database = True
    try:
        search_products(connection, "mug", sort=f"price_cents:{direction}")
    except InvalidSort:
        reached_database = False
    assert not reached_database, f"sort direction {direction!r} reached the database"
