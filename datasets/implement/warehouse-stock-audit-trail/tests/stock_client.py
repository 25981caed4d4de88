"""Shared helpers of the hidden tests: a client on a fresh database and stock shortcuts."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from stockroom.api import create_app
from stockroom.config import Settings


def make_client(database_path: Path, raise_server_exceptions: bool = True) -> TestClient:
    app = create_app(Settings(database_path=database_path))
    return TestClient(app, raise_server_exceptions=raise_server_exceptions)


def add_product(client: TestClient, sku: str, reorder_level: int = 0) -> None:
    response = client.post(
        "/products", json={"sku": sku, "name": f"Item {sku}", "reorder_level": reorder_level}
    )
    assert response.status_code == 201


def as_actor(actor: str | None) -> dict[str, str]:
    return {} if actor is None else {"X-Actor": actor}


def receive(client: TestClient, sku: str, quantity: int, actor: str | None = "alice") -> Any:
    return client.post(
        f"/products/{sku}/receipts", json={"quantity": quantity}, headers=as_actor(actor)
    )


def ship(client: TestClient, sku: str, quantity: int, actor: str | None = "alice") -> Any:
    return client.post(
        f"/products/{sku}/shipments", json={"quantity": quantity}, headers=as_actor(actor)
    )


def count(client: TestClient, sku: str, counted: int, actor: str | None = "alice") -> Any:
    return client.put(f"/products/{sku}/count", json={"counted": counted}, headers=as_actor(actor))


def ship_order(
    client: TestClient, lines: list[tuple[str, int]], actor: str | None = "alice"
) -> Any:
    body = {"lines": [{"sku": sku, "quantity": quantity} for sku, quantity in lines]}
    return client.post("/orders/shipments", json=body, headers=as_actor(actor))


def post_manifest(client: TestClient, text: str, actor: str | None = "alice") -> Any:
    headers = {"Content-Type": "text/csv", **as_actor(actor)}
    return client.post("/receipts/manifest", content=text, headers=headers)


def on_hand(client: TestClient, sku: str) -> int:
    return int(client.get(f"/products/{sku}").json()["on_hand"])
