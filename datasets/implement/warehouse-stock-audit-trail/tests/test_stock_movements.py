"""Every change of on_hand leaves a movement in the audit trail (fail-to-pass)."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from stock_client import (
    add_product,
    count,
    make_client,
    on_hand,
    post_manifest,
    receive,
    ship,
    ship_order,
)

FAIL_AUDIT = """
CREATE TRIGGER audit_unavailable BEFORE INSERT ON stock_movements
BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;
"""


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path / "stock.db") as test_client:
        yield test_client


def movements(client: TestClient, sku: str) -> list[dict[str, Any]]:
    response = client.get(f"/products/{sku}/movements")
    assert response.status_code == 200
    return list(response.json())


def trail(client: TestClient, sku: str) -> list[tuple[str, int, int, str]]:
    return [
        (m["kind"], m["change"], m["on_hand_after"], m["actor"]) for m in movements(client, sku)
    ]


def test_receipt_is_recorded_with_its_actor(client: TestClient) -> None:
    add_product(client, "BOLT-M8")

    receive(client, "BOLT-M8", 10, actor="alice")

    [movement] = movements(client, "BOLT-M8")
    assert set(movement) == {"id", "sku", "kind", "change", "on_hand_after", "actor"}
    assert isinstance(movement["id"], int)
    assert (movement["sku"], movement["kind"], movement["change"]) == ("BOLT-M8", "receipt", 10)
    assert (movement["on_hand_after"], movement["actor"]) == (10, "alice")


def test_each_kind_of_change_is_recorded_in_order(client: TestClient) -> None:
    add_product(client, "BOLT-M8")

    receive(client, "BOLT-M8", 10, actor="alice")
    ship(client, "BOLT-M8", 4, actor="bob")
    count(client, "BOLT-M8", 9, actor="carol")
    count(client, "BOLT-M8", 2, actor="carol")

    assert trail(client, "BOLT-M8") == [
        ("receipt", 10, 10, "alice"),
        ("shipment", -4, 6, "bob"),
        ("count", 3, 9, "carol"),
        ("count", -7, 2, "carol"),
    ]


def test_a_count_that_matches_is_still_recorded(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    receive(client, "BOLT-M8", 5)

    count(client, "BOLT-M8", 5, actor="dave")

    assert trail(client, "BOLT-M8")[-1] == ("count", 0, 5, "dave")


@pytest.mark.parametrize(
    ("header", "actor"),
    [(None, "unattributed"), ("", "unattributed"), ("   ", "unattributed"), ("  erin ", "erin")],
)
def test_actor_header_is_optional_and_trimmed(
    client: TestClient, header: str | None, actor: str
) -> None:
    add_product(client, "BOLT-M8")

    response = receive(client, "BOLT-M8", 3, actor=header)

    assert response.status_code == 200
    assert trail(client, "BOLT-M8") == [("receipt", 3, 3, actor)]


def test_order_lines_are_recorded_one_by_one(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")
    receive(client, "BOLT-M8", 10)
    receive(client, "NUT-M8", 10)

    response = ship_order(client, [("NUT-M8", 2), ("BOLT-M8", 3), ("NUT-M8", 5)], actor="frank")

    assert response.status_code == 200
    assert trail(client, "NUT-M8")[1:] == [
        ("shipment", -2, 8, "frank"),
        ("shipment", -5, 3, "frank"),
    ]
    assert trail(client, "BOLT-M8")[1:] == [("shipment", -3, 7, "frank")]


def test_manifest_lines_are_receipts(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")

    post_manifest(client, "sku,quantity\nBOLT-M8,10\nNUT-M8,4\nBOLT-M8,1\n", actor="gina")

    assert trail(client, "BOLT-M8") == [("receipt", 10, 10, "gina"), ("receipt", 1, 11, "gina")]
    assert trail(client, "NUT-M8") == [("receipt", 4, 4, "gina")]


def test_movement_ids_increase_across_products(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")
    receive(client, "BOLT-M8", 1)
    receive(client, "NUT-M8", 1)
    receive(client, "BOLT-M8", 1)

    bolt_ids = [m["id"] for m in movements(client, "BOLT-M8")]
    [nut_id] = [m["id"] for m in movements(client, "NUT-M8")]

    assert bolt_ids[0] < nut_id < bolt_ids[1]


def test_refused_changes_record_nothing(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")
    receive(client, "BOLT-M8", 5)

    refused = [
        ship(client, "BOLT-M8", 6),
        receive(client, "BOLT-M8", 10_001),
        count(client, "BOLT-M8", -1),
        ship_order(client, [("BOLT-M8", 2), ("NUT-M8", 1)]),
        ship_order(client, [("BOLT-M8", 2), ("GONE-1", 1)]),
        post_manifest(client, "sku,quantity\nNUT-M8,3\nBOLT-M8,zero\n"),
        post_manifest(client, "sku,quantity\nNUT-M8,3\nGONE-1,3\n"),
    ]

    assert [r.status_code for r in refused] == [409, 422, 422, 409, 404, 422, 404]
    assert trail(client, "BOLT-M8") == [("receipt", 5, 5, "alice")]
    assert movements(client, "NUT-M8") == []


def test_movements_of_unknown_product_are_not_found(client: TestClient) -> None:
    add_product(client, "BOLT-M8")

    assert client.get("/products/GONE-1/movements").status_code == 404
    assert movements(client, "BOLT-M8") == []


def test_movements_are_readable_from_the_table(tmp_path: Path) -> None:
    database_path = tmp_path / "stock.db"
    with make_client(database_path) as client:
        add_product(client, "BOLT-M8")
        receive(client, "BOLT-M8", 8, actor="hana")
        ship(client, "BOLT-M8", 3, actor="ivan")

    connection = sqlite3.connect(database_path)
    try:
        rows = connection.execute(
            "SELECT sku, kind, change, on_hand_after, actor FROM stock_movements ORDER BY id"
        ).fetchall()
    finally:
        connection.close()

    assert rows == [("BOLT-M8", "receipt", 8, 8, "hana"), ("BOLT-M8", "shipment", -3, 5, "ivan")]


def test_movements_survive_a_restart(tmp_path: Path) -> None:
    database_path = tmp_path / "stock.db"
    with make_client(database_path) as client:
        add_product(client, "BOLT-M8")
        receive(client, "BOLT-M8", 8, actor="hana")

    with make_client(database_path) as restarted:
        ship(restarted, "BOLT-M8", 1, actor="ivan")
        assert trail(restarted, "BOLT-M8") == [
            ("receipt", 8, 8, "hana"),
            ("shipment", -1, 7, "ivan"),
        ]


def test_stock_does_not_change_when_the_movement_cannot_be_written(tmp_path: Path) -> None:
    database_path = tmp_path / "stock.db"
    with make_client(database_path, raise_server_exceptions=False) as client:
        add_product(client, "BOLT-M8")
        add_product(client, "NUT-M8")
        receive(client, "BOLT-M8", 10)
        with sqlite3.connect(database_path) as connection:
            connection.executescript(FAIL_AUDIT)
        connection.close()

        attempts = [
            receive(client, "BOLT-M8", 5),
            ship(client, "BOLT-M8", 5),
            count(client, "BOLT-M8", 1),
            ship_order(client, [("BOLT-M8", 1)]),
            post_manifest(client, "sku,quantity\nNUT-M8,3\n"),
        ]

        assert not any(attempt.is_success for attempt in attempts)
        assert (on_hand(client, "BOLT-M8"), on_hand(client, "NUT-M8")) == (10, 0)
