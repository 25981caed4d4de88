"""Inventory behaviour the service already has, which the audit trail must keep (pass-to-pass)."""

from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path / "stock.db") as test_client:
        yield test_client


def test_product_is_created_empty_and_read_back(client: TestClient) -> None:
    created = client.post("/products", json={"sku": "BOLT-M8", "name": "Bolt M8"})

    assert created.status_code == 201
    expected = {"sku": "BOLT-M8", "name": "Bolt M8", "on_hand": 0, "reorder_level": 0}
    assert created.json() == expected
    assert client.get("/products/BOLT-M8").json() == expected


def test_duplicate_sku_conflicts_and_keeps_the_original(client: TestClient) -> None:
    add_product(client, "BOLT-M8")

    duplicate = client.post("/products", json={"sku": "BOLT-M8", "name": "Other"})

    assert duplicate.status_code == 409
    assert client.get("/products/BOLT-M8").json()["name"] == "Item BOLT-M8"


@pytest.mark.parametrize(
    "body",
    [
        {"sku": "bolt-m8", "name": "Bolt"},
        {"sku": "AB", "name": "Bolt"},
        {"sku": "-BOLT", "name": "Bolt"},
        {"sku": "BOLT-M8", "name": ""},
        {"sku": "BOLT-M8", "name": "Bolt", "reorder_level": -1},
    ],
)
def test_invalid_products_are_rejected(client: TestClient, body: dict[str, object]) -> None:
    assert client.post("/products", json=body).status_code == 422
    assert client.get("/products").json() == []


def test_products_are_listed_by_sku_and_filtered_by_reorder_level(client: TestClient) -> None:
    for sku, level, stock in [("NUT-M8", 5, 5), ("BOLT-M8", 5, 6), ("AXLE-1", 2, 0)]:
        add_product(client, sku, reorder_level=level)
        if stock:
            receive(client, sku, stock)

    everything = client.get("/products").json()
    low = client.get("/products", params={"needs_reorder": "true"}).json()

    assert [p["sku"] for p in everything] == ["AXLE-1", "BOLT-M8", "NUT-M8"]
    assert [p["sku"] for p in low] == ["AXLE-1", "NUT-M8"]


def test_receipts_shipments_and_counts_set_on_hand(client: TestClient) -> None:
    add_product(client, "BOLT-M8", reorder_level=3)

    received = receive(client, "BOLT-M8", 10)
    shipped = ship(client, "BOLT-M8", 10)
    counted = count(client, "BOLT-M8", 4)

    assert received.json() == {
        "sku": "BOLT-M8",
        "name": "Item BOLT-M8",
        "on_hand": 10,
        "reorder_level": 3,
    }
    assert shipped.json()["on_hand"] == 0
    assert counted.json()["on_hand"] == 4
    assert on_hand(client, "BOLT-M8") == 4


def test_shipping_more_than_on_hand_is_refused(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    receive(client, "BOLT-M8", 3)

    assert ship(client, "BOLT-M8", 4).status_code == 409
    assert on_hand(client, "BOLT-M8") == 3


@pytest.mark.parametrize(("quantity", "expected"), [(0, 422), (10_000, 200), (10_001, 422)])
def test_quantity_limits(client: TestClient, quantity: int, expected: int) -> None:
    add_product(client, "BOLT-M8")

    assert receive(client, "BOLT-M8", quantity).status_code == expected


def test_unknown_sku_is_not_found_everywhere(client: TestClient) -> None:
    assert client.get("/products/GONE-1").status_code == 404
    assert receive(client, "GONE-1", 1).status_code == 404
    assert ship(client, "GONE-1", 1).status_code == 404
    assert count(client, "GONE-1", 1).status_code == 404


def test_order_ships_every_line_in_order(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")
    receive(client, "BOLT-M8", 10)
    receive(client, "NUT-M8", 6)

    response = ship_order(client, [("NUT-M8", 2), ("BOLT-M8", 3), ("NUT-M8", 4)])

    assert response.status_code == 200
    assert [(p["sku"], p["on_hand"]) for p in response.json()] == [
        ("NUT-M8", 4),
        ("BOLT-M8", 7),
        ("NUT-M8", 0),
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([("BOLT-M8", 5), ("NUT-M8", 2)], 409),
        ([("BOLT-M8", 6), ("BOLT-M8", 5)], 409),
        ([("BOLT-M8", 1), ("GONE-1", 1)], 404),
        ([("BOLT-M8", 1), ("NUT-M8", 10_001)], 422),
        ([], 422),
    ],
)
def test_order_with_a_bad_line_ships_nothing(
    client: TestClient, lines: list[tuple[str, int]], expected: int
) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")
    receive(client, "BOLT-M8", 10)
    receive(client, "NUT-M8", 1)

    assert ship_order(client, lines).status_code == expected
    assert (on_hand(client, "BOLT-M8"), on_hand(client, "NUT-M8")) == (10, 1)


def test_manifest_receives_every_line_and_skips_blank_rows(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")

    response = post_manifest(client, "sku, quantity\nBOLT-M8,10\n\nNUT-M8, 4\nBOLT-M8,1\n")

    assert response.status_code == 200
    assert [(p["sku"], p["on_hand"]) for p in response.json()] == [
        ("BOLT-M8", 10),
        ("NUT-M8", 4),
        ("BOLT-M8", 11),
    ]


@pytest.mark.parametrize(
    ("text", "bad_line"),
    [
        ("sku,qty\nBOLT-M8,1\n", 1),
        ("sku,quantity\n", 1),
        ("sku,quantity\nBOLT-M8,1\nBOLT-M8\n", 3),
        ("sku,quantity\nBOLT-M8,1,2\n", 2),
        ("sku,quantity\nBOLT-M8,0\n", 2),
        ("sku,quantity\nBOLT-M8,-3\n", 2),
        ("sku,quantity\nBOLT-M8,1\n\nBOLT-M8,2.5\n", 4),
    ],
)
def test_malformed_manifest_is_rejected_naming_the_line(
    client: TestClient, text: str, bad_line: int
) -> None:
    add_product(client, "BOLT-M8")

    response = post_manifest(client, text)

    assert response.status_code == 422
    assert f"line {bad_line}:" in response.json()["detail"]
    assert on_hand(client, "BOLT-M8") == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sku,quantity\nBOLT-M8,1\nGONE-1,1\n", 404),
        ("sku,quantity\nBOLT-M8,1\nBOLT-M8,10001\n", 422),
    ],
)
def test_manifest_with_a_refused_line_receives_nothing(
    client: TestClient, text: str, expected: int
) -> None:
    add_product(client, "BOLT-M8")

    assert post_manifest(client, text).status_code == expected
    assert on_hand(client, "BOLT-M8") == 0


def test_stock_survives_a_restart(tmp_path: Path) -> None:
    with make_client(tmp_path / "stock.db") as client:
        add_product(client, "BOLT-M8")
        receive(client, "BOLT-M8", 7)

    with make_client(tmp_path / "stock.db") as restarted:
        assert on_hand(restarted, "BOLT-M8") == 7


@pytest.mark.parametrize(("name", "expected"), [("X", 201), ("N" * 120, 201), ("N" * 121, 422)])
def test_product_name_length(client: TestClient, name: str, expected: int) -> None:
    response = client.post("/products", json={"sku": "BOLT-M8", "name": name})

    assert response.status_code == expected


def test_a_count_of_zero_empties_the_shelf(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    receive(client, "BOLT-M8", 4)

    response = count(client, "BOLT-M8", 0)

    assert (response.status_code, response.json()["on_hand"]) == (200, 0)


def test_single_line_order(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    receive(client, "BOLT-M8", 4)

    response = ship_order(client, [("BOLT-M8", 4)])

    assert response.status_code == 200
    assert [(p["sku"], p["on_hand"]) for p in response.json()] == [("BOLT-M8", 0)]


def test_oversized_shipment_is_invalid_not_short(client: TestClient) -> None:
    add_product(client, "BOLT-M8")

    assert ship(client, "BOLT-M8", 10_001).status_code == 422
