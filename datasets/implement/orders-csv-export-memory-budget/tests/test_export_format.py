"""What the export writes today (pass-to-pass): finance's import depends on every character."""

import io
import sqlite3

import pytest
from export_fixtures import new_database

from reports.export import export_orders_csv

HEADER_LINE = "order_id,placed_at,customer,country,amount\r\n"


def export_text(connection: sqlite3.Connection) -> tuple[int, str]:
    out = io.StringIO()
    written = export_orders_csv(connection, out)
    return written, out.getvalue()


def add_order(
    connection: sqlite3.Connection, order_id: int, customer_id: int, placed_at: str, cents: int
) -> None:
    connection.execute(
        "INSERT INTO orders (id, customer_id, placed_at, amount_cents) VALUES (?, ?, ?, ?)",
        (order_id, customer_id, placed_at, cents),
    )


def test_orders_oldest_first_quoted_with_a_total_row() -> None:
    connection = new_database()
    connection.executemany(
        "INSERT INTO customers VALUES (?, ?, ?)",
        [(1, "Acme, Inc.", "US"), (2, 'Bob "The Builder"', "GB"), (3, "Chloé", "FR")],
    )
    add_order(connection, 12, 2, "2024-02-01T08:00:00Z", 4599)
    add_order(connection, 10, 1, "2024-01-15T10:30:00Z", 1999)
    add_order(connection, 14, 3, "2024-01-15T10:30:00Z", -500)
    add_order(connection, 11, 1, "2024-01-15T10:30:00Z", 250000)

    written, text = export_text(connection)

    assert written == 4
    assert text == (
        HEADER_LINE
        + "10,2024-01-15T10:30:00Z,\"Acme, Inc.\",US,19.99\r\n"
        + "11,2024-01-15T10:30:00Z,\"Acme, Inc.\",US,2500.00\r\n"
        + "14,2024-01-15T10:30:00Z,Chloé,FR,-5.00\r\n"
        + "12,2024-02-01T08:00:00Z,\"Bob \"\"The Builder\"\"\",GB,45.99\r\n"
        + "TOTAL,,,,2560.98\r\n"
    )


def test_orders_of_deleted_customers_have_blank_customer_fields() -> None:
    connection = new_database()
    connection.execute("INSERT INTO customers VALUES (1, 'Acme', 'US')")
    add_order(connection, 1, 1, "2024-01-01T00:00:00Z", 100)
    add_order(connection, 2, 99, "2024-01-02T00:00:00Z", 200)

    written, text = export_text(connection)

    assert written == 2
    assert text.splitlines()[1:] == [
        "1,2024-01-01T00:00:00Z,Acme,US,1.00",
        "2,2024-01-02T00:00:00Z,,,2.00",
        "TOTAL,,,,3.00",
    ]


def test_empty_export_has_the_header_and_a_zero_total() -> None:
    assert export_text(new_database()) == (0, HEADER_LINE + "TOTAL,,,,0.00\r\n")


@pytest.mark.parametrize(
    ("cents", "shown"),
    [(0, "0.00"), (5, "0.05"), (-5, "-0.05"), (100, "1.00"), (-100, "-1.00"), (123456, "1234.56")],
)
def test_amounts_are_shown_in_units_with_two_decimals(cents: int, shown: str) -> None:
    connection = new_database()
    connection.execute("INSERT INTO customers VALUES (1, 'Acme', 'US')")
    add_order(connection, 1, 1, "2024-01-01T00:00:00Z", cents)

    _, text = export_text(connection)

    assert text.splitlines()[1:] == [f"1,2024-01-01T00:00:00Z,Acme,US,{shown}", f"TOTAL,,,,{shown}"]


def test_total_nets_refunds_against_sales() -> None:
    connection = new_database()
    connection.execute("INSERT INTO customers VALUES (1, 'Acme', 'US')")
    for order_id, cents in enumerate([1000, -2500, 300], start=1):
        add_order(connection, order_id, 1, f"2024-01-0{order_id}T00:00:00Z", cents)

    _, text = export_text(connection)

    assert text.splitlines()[-1] == "TOTAL,,,,-12.00"
