"""The team's API tests for the inventory service."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stockroom.api import create_app
from stockroom.config import Settings


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_path=tmp_path / "stock.db"))) as test_client:
        yield test_client


def add_product(client: TestClient, sku: str = "BOLT-M8", on_hand: int = 0) -> None:
    assert (
        client.post("/products", json={"sku": sku, "name": "Bolt", "reorder_level": 5}).status_code
        == 201
    )
    if on_hand:
        client.post(f"/products/{sku}/receipts", json={"quantity": on_hand})


def test_new_product_starts_empty(client: TestClient) -> None:
    add_product(client)

    assert client.get("/products/BOLT-M8").json() == {
        "sku": "BOLT-M8",
        "name": "Bolt",
        "on_hand": 0,
        "reorder_level": 5,
    }


def test_duplicate_sku_is_a_conflict(client: TestClient) -> None:
    add_product(client)

    assert client.post("/products", json={"sku": "BOLT-M8", "name": "Other"}).status_code == 409


def test_receipts_and_shipments_move_stock(client: TestClient) -> None:
    add_product(client, on_hand=10)

    shipped = client.post("/products/BOLT-M8/shipments", json={"quantity": 4})

    assert shipped.json()["on_hand"] == 6


def test_shipping_more_than_on_hand_is_refused(client: TestClient) -> None:
    add_product(client, on_hand=3)

    assert client.post("/products/BOLT-M8/shipments", json={"quantity": 4}).status_code == 409
    assert client.get("/products/BOLT-M8").json()["on_hand"] == 3


def test_count_sets_on_hand(client: TestClient) -> None:
    add_product(client, on_hand=10)

    assert client.put("/products/BOLT-M8/count", json={"counted": 7}).json()["on_hand"] == 7


def test_order_ships_all_lines_or_none(client: TestClient) -> None:
    add_product(client, "BOLT-M8", on_hand=10)
    add_product(client, "NUT-M8", on_hand=1)

    refused = client.post(
        "/orders/shipments",
        json={"lines": [{"sku": "BOLT-M8", "quantity": 5}, {"sku": "NUT-M8", "quantity": 2}]},
    )

    assert refused.status_code == 409
    assert client.get("/products/BOLT-M8").json()["on_hand"] == 10


def test_reorder_filter(client: TestClient) -> None:
    add_product(client, "BOLT-M8", on_hand=10)
    add_product(client, "NUT-M8", on_hand=2)

    listed = client.get("/products", params={"needs_reorder": "true"}).json()

    assert [p["sku"] for p in listed] == ["NUT-M8"]


def test_unknown_sku_is_404(client: TestClient) -> None:
    assert client.post("/products/NOPE-1/receipts", json={"quantity": 1}).status_code == 404


def test_manifest_receives_every_line(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")

    response = client.post(
        "/receipts/manifest",
        content="sku,quantity\nBOLT-M8,10\nNUT-M8,4\nBOLT-M8,1\n",
        headers={"Content-Type": "text/csv"},
    )

    assert [p["on_hand"] for p in response.json()] == [10, 4, 11]


def test_bad_manifest_line_rejects_the_whole_file(client: TestClient) -> None:
    add_product(client, "BOLT-M8")

    response = client.post("/receipts/manifest", content="sku,quantity\nBOLT-M8,10\nBOLT-M8,x\n")

    assert response.status_code == 422
    assert "line 3" in response.json()["detail"]
    assert client.get("/products/BOLT-M8").json()["on_hand"] == 0


@pytest.mark.parametrize(
    "body",
    [
        {"sku": "bolt-m8", "name": "Bolt"},
        {"sku": "AB", "name": "Bolt"},
        {"sku": "BOLT-M8", "name": ""},
        {"sku": "BOLT-M8", "name": "Bolt", "reorder_level": -1},
    ],
)
def test_invalid_product_is_rejected(client: TestClient, body: dict[str, object]) -> None:
    assert client.post("/products", json=body).status_code == 422


def test_products_are_listed_by_sku(client: TestClient) -> None:
    add_product(client, "NUT-M8")
    add_product(client, "BOLT-M8")

    assert [p["sku"] for p in client.get("/products").json()] == ["BOLT-M8", "NUT-M8"]


def test_reorder_filter_includes_products_exactly_at_their_level(client: TestClient) -> None:
    add_product(client, "BOLT-M8", on_hand=5)

    listed = client.get("/products", params={"needs_reorder": "true"}).json()

    assert [p["sku"] for p in listed] == ["BOLT-M8"]


@pytest.mark.parametrize("quantity", [0, -1, 10_001])
def test_out_of_range_quantities_are_rejected(client: TestClient, quantity: int) -> None:
    add_product(client, on_hand=10)

    assert client.post("/products/BOLT-M8/receipts", json={"quantity": quantity}).status_code == 422
    assert (
        client.post("/products/BOLT-M8/shipments", json={"quantity": quantity}).status_code == 422
    )
    assert client.get("/products/BOLT-M8").json()["on_hand"] == 10


def test_shipping_everything_empties_the_shelf(client: TestClient) -> None:
    add_product(client, on_hand=4)

    assert client.post("/products/BOLT-M8/shipments", json={"quantity": 4}).json()["on_hand"] == 0


def test_negative_count_is_rejected(client: TestClient) -> None:
    add_product(client, on_hand=4)

    assert client.put("/products/BOLT-M8/count", json={"counted": -1}).status_code == 422


def test_order_returns_products_in_line_order(client: TestClient) -> None:
    add_product(client, "BOLT-M8", on_hand=10)
    add_product(client, "NUT-M8", on_hand=10)

    shipped = client.post(
        "/orders/shipments",
        json={"lines": [{"sku": "NUT-M8", "quantity": 1}, {"sku": "BOLT-M8", "quantity": 2}]},
    ).json()

    assert [(p["sku"], p["on_hand"]) for p in shipped] == [("NUT-M8", 9), ("BOLT-M8", 8)]


def test_order_lines_for_the_same_sku_add_up(client: TestClient) -> None:
    add_product(client, "BOLT-M8", on_hand=5)

    response = client.post(
        "/orders/shipments",
        json={"lines": [{"sku": "BOLT-M8", "quantity": 3}, {"sku": "BOLT-M8", "quantity": 3}]},
    )

    assert response.status_code == 409
    assert client.get("/products/BOLT-M8").json()["on_hand"] == 5


def test_empty_order_is_rejected(client: TestClient) -> None:
    assert client.post("/orders/shipments", json={"lines": []}).status_code == 422


def test_manifest_needs_the_header(client: TestClient) -> None:
    add_product(client)

    response = client.post("/receipts/manifest", content="BOLT-M8,10\n")

    assert response.status_code == 422
    assert "line 1" in response.json()["detail"]


def test_manifest_with_unknown_sku_receives_nothing(client: TestClient) -> None:
    add_product(client)

    response = client.post("/receipts/manifest", content="sku,quantity\nBOLT-M8,10\nGONE-1,1\n")

    assert response.status_code == 404
    assert client.get("/products/BOLT-M8").json()["on_hand"] == 0


def movements(client: TestClient, sku: str = "BOLT-M8") -> list[dict[str, object]]:
    response = client.get(f"/products/{sku}/movements")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_every_stock_change_is_a_movement(client: TestClient) -> None:
    add_product(client)
    client.post("/products/BOLT-M8/receipts", json={"quantity": 10}, headers={"X-Actor": " ana "})
    client.post("/products/BOLT-M8/shipments", json={"quantity": 4}, headers={"X-Actor": "ben"})
    client.put("/products/BOLT-M8/count", json={"counted": 5})
    client.put("/products/BOLT-M8/count", json={"counted": 5}, headers={"X-Actor": "  "})

    trail = movements(client)

    assert [{k: v for k, v in m.items() if k != "id"} for m in trail] == [
        {"sku": "BOLT-M8", "kind": "receipt", "change": 10, "on_hand_after": 10, "actor": "ana"},
        {"sku": "BOLT-M8", "kind": "shipment", "change": -4, "on_hand_after": 6, "actor": "ben"},
        {
            "sku": "BOLT-M8",
            "kind": "count",
            "change": -1,
            "on_hand_after": 5,
            "actor": "unattributed",
        },
        {
            "sku": "BOLT-M8",
            "kind": "count",
            "change": 0,
            "on_hand_after": 5,
            "actor": "unattributed",
        },
    ]
    ids = [m["id"] for m in trail]
    assert ids == sorted(ids) and len(set(ids)) == 4


def test_orders_and_manifests_log_one_movement_per_line(client: TestClient) -> None:
    add_product(client, "BOLT-M8")
    add_product(client, "NUT-M8")
    client.post(
        "/receipts/manifest",
        content="sku,quantity\nBOLT-M8,10\nNUT-M8,4\nBOLT-M8,1\n",
        headers={"Content-Type": "text/csv", "X-Actor": "goods-in"},
    )
    client.post(
        "/orders/shipments",
        json={"lines": [{"sku": "NUT-M8", "quantity": 1}, {"sku": "BOLT-M8", "quantity": 2}]},
        headers={"X-Actor": "dispatch"},
    )

    bolts, nuts = movements(client, "BOLT-M8"), movements(client, "NUT-M8")

    assert [(m["kind"], m["change"], m["on_hand_after"], m["actor"]) for m in bolts] == [
        ("receipt", 10, 10, "goods-in"),
        ("receipt", 1, 11, "goods-in"),
        ("shipment", -2, 9, "dispatch"),
    ]
    assert [(m["kind"], m["change"], m["on_hand_after"]) for m in nuts] == [
        ("receipt", 4, 4),
        ("shipment", -1, 3),
    ]
    by_id = sorted(bolts + nuts, key=lambda m: m["id"])  # type: ignore[arg-type, return-value]
    assert [(m["sku"], m["kind"]) for m in by_id] == [
        ("BOLT-M8", "receipt"),
        ("NUT-M8", "receipt"),
        ("BOLT-M8", "receipt"),
        ("NUT-M8", "shipment"),
        ("BOLT-M8", "shipment"),
    ]


def test_refused_requests_log_nothing(client: TestClient) -> None:
    add_product(client, "BOLT-M8", on_hand=10)
    add_product(client, "NUT-M8", on_hand=1)

    client.post("/products/BOLT-M8/shipments", json={"quantity": 11})
    client.post("/products/BOLT-M8/receipts", json={"quantity": 10_001})
    client.put("/products/BOLT-M8/count", json={"counted": -1})
    client.post(
        "/orders/shipments",
        json={"lines": [{"sku": "BOLT-M8", "quantity": 5}, {"sku": "NUT-M8", "quantity": 2}]},
    )
    client.post("/receipts/manifest", content="sku,quantity\nBOLT-M8,10\nNOPE-1,1\n")
    client.post("/receipts/manifest", content="sku,quantity\nBOLT-M8,10\nBOLT-M8,x\n")

    assert len(movements(client, "BOLT-M8")) == 1  # the receipt of add_product
    assert len(movements(client, "NUT-M8")) == 1


def test_new_product_has_no_movements_and_unknown_sku_is_404(client: TestClient) -> None:
    add_product(client)

    assert movements(client) == []
    assert client.get("/products/NOPE-1/movements").status_code == 404


def test_a_change_whose_movement_cannot_be_written_fails_and_moves_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "stock.db"
    app = create_app(Settings(database_path=path))
    with TestClient(app, raise_server_exceptions=False) as client:
        add_product(client, on_hand=3)
        with sqlite3.connect(path) as connection:
            connection.execute(
                "CREATE TRIGGER no_audit BEFORE INSERT ON stock_movements"
                " BEGIN SELECT RAISE(ABORT, 'audit trail unavailable'); END"
            )
        connection.close()

        assert client.post("/products/BOLT-M8/receipts", json={"quantity": 1}).status_code == 500
        assert client.get("/products/BOLT-M8").json()["on_hand"] == 3


def test_a_file_from_an_earlier_release_keeps_working(tmp_path: Path) -> None:
    path = tmp_path / "stock.db"
    with sqlite3.connect(path) as connection:
        connection.executescript(
            "CREATE TABLE products (sku TEXT PRIMARY KEY, name TEXT NOT NULL,"
            " on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),"
            " reorder_level INTEGER NOT NULL DEFAULT 0);"
            "INSERT INTO products VALUES ('BOLT-M8', 'Bolt', 7, 5);"
        )
    connection.close()

    with TestClient(create_app(Settings(database_path=path))) as client:
        assert movements(client) == []
        assert (
            client.post("/products/BOLT-M8/shipments", json={"quantity": 2}).json()["on_hand"] == 5
        )
        assert [m["on_hand_after"] for m in movements(client)] == [5]
    with sqlite3.connect(path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(stock_movements)")]
    connection.close()
    assert columns == ["id", "sku", "kind", "change", "on_hand_after", "actor"]
