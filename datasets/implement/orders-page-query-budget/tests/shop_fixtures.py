"""Builds shop databases for the hidden tests and works out the expected page independently."""

import sqlite3
from dataclasses import dataclass, field

from shop.schema import create_schema


@dataclass
class Shop:
    connection: sqlite3.Connection
    products: dict[int, str] = field(default_factory=dict)
    # order id -> (customer id, placed_at, status, [(product id, quantity, unit price)])
    orders: dict[int, tuple[int, str, str, list[tuple[int, int, int]]]] = field(
        default_factory=dict
    )

    def add_product(self, product_id: int, name: str) -> None:
        self.connection.execute("INSERT INTO products (id, name) VALUES (?, ?)", (product_id, name))
        self.products[product_id] = name

    def delete_product(self, product_id: int) -> None:
        self.connection.execute("DELETE FROM products WHERE id = ?", (product_id,))
        del self.products[product_id]

    def add_order(
        self,
        order_id: int,
        customer_id: int,
        placed_at: str,
        lines: list[tuple[int, int, int]],
        status: str = "paid",
    ) -> None:
        self.connection.execute(
            "INSERT INTO orders (id, customer_id, placed_at, status) VALUES (?, ?, ?, ?)",
            (order_id, customer_id, placed_at, status),
        )
        self.connection.executemany(
            "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents)"
            " VALUES (?, ?, ?, ?)",
            [(order_id, *line) for line in lines],
        )
        self.orders[order_id] = (customer_id, placed_at, status, lines)

    def expected_page(self, customer_id: int, limit: int) -> list[tuple[object, ...]]:
        """(order id, placed_at, status, lines, total) rows, newest first."""
        mine = [(oid, o) for oid, o in self.orders.items() if o[0] == customer_id]
        mine.sort(key=lambda item: (item[1][1], item[0]), reverse=True)
        page = []
        for order_id, (_, placed_at, status, lines) in mine[:limit]:
            shown = tuple((pid, self.products.get(pid), qty, price) for pid, qty, price in lines)
            total = sum(qty * price for _, qty, price in lines)
            page.append((order_id, placed_at, status, shown, total))
        return page


def new_shop() -> Shop:
    connection = sqlite3.connect(":memory:")
    create_schema(connection)
    return Shop(connection)


def as_rows(page: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    """The page as plain tuples, so it compares with `Shop.expected_page`."""
    return [
        (
            order.order_id,
            order.placed_at,
            order.status,
            tuple(
                (line.product_id, line.product_name, line.quantity, line.unit_price_cents)
                for line in order.lines
            ),
            order.total_cents,
        )
        for order in page
    ]


def busy_shop(customer_orders: int, lines_per_order: int) -> Shop:
    """Customer 1 has `customer_orders` orders (some placed at the same second, some empty,
    some with deleted products); customer 2 has orders of its own in between."""
    shop = new_shop()
    for product_id in range(1, 41):
        shop.add_product(product_id, f"product {product_id}")
    for number in range(customer_orders):
        order_id = 1000 + number * 2
        placed_at = f"2024-03-{1 + number // 10:02d}T10:{number % 7:02d}:00Z"
        count = 0 if number % 9 == 4 else lines_per_order
        lines = [
            ((number + k) % 40 + 1, k + 1, 100 * (number % 5) + 99 + k) for k in range(count)
        ]
        shop.add_order(order_id, 1, placed_at, lines, status="shipped" if number % 2 else "paid")
        shop.add_order(order_id + 1, 2, placed_at, [(1, 1, 500)])
    shop.delete_product(7)
    shop.delete_product(23)
    return shop
