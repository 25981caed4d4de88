"""Shared helpers of the hidden tests: a client on a fresh database and billing shortcuts."""

from pathlib import Path
from typing import Any

from billing.api import create_app
from billing.config import Settings
from fastapi.testclient import TestClient


def make_client(database_path: Path) -> TestClient:
    return TestClient(create_app(Settings(database_path=database_path)))


def add_plan(
    client: TestClient,
    code: str = "pro",
    price_cents: int = 1500,
    interval: str = "month",
    **extra: object,
) -> Any:
    body = {"code": code, "name": code.title(), "price_cents": price_cents, "interval": interval}
    response = client.post("/plans", json={**body, **extra})
    assert response.status_code == 201
    return response.json()


def add_customer(client: TestClient, email: str = "ana@example.com") -> int:
    response = client.post("/customers", json={"email": email, "name": "Ana"})
    assert response.status_code == 201
    return int(response.json()["id"])


def subscribe(client: TestClient, customer_id: int, plan_code: str, start_date: str) -> Any:
    return client.post(
        "/subscriptions",
        json={"customer_id": customer_id, "plan_code": plan_code, "start_date": start_date},
    )


def run_billing(client: TestClient, as_of: str) -> Any:
    response = client.post("/billing-runs", json={"as_of": as_of})
    assert response.status_code == 200
    return response.json()


def invoice_periods(client: TestClient, customer_id: int) -> list[tuple[str, str, int]]:
    invoices = client.get(f"/customers/{customer_id}/invoices").json()
    return [(i["period_start"], i["period_end"], i["amount_cents"]) for i in invoices]


def periods(subscription: dict[str, Any]) -> tuple[str, str]:
    return subscription["current_period_start"], subscription["current_period_end"]
