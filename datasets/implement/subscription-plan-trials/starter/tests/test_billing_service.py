"""The team's tests: period arithmetic directly, the rest through the API."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from billing.api import create_app
from billing.config import Settings
from billing.periods import add_months, period_bounds
from fastapi.testclient import TestClient


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_path=tmp_path / "billing.db"))) as test_client:
        yield test_client


def setup_subscription(client: TestClient, start_date: str) -> tuple[int, int]:
    plan = {"code": "pro", "name": "Pro", "price_cents": 1500, "interval": "month"}
    client.post("/plans", json=plan)
    customer = client.post("/customers", json={"email": "a@example.com", "name": "A"}).json()["id"]
    subscription = client.post(
        "/subscriptions",
        json={"customer_id": customer, "plan_code": "pro", "start_date": start_date},
    ).json()
    return customer, subscription["id"]


@pytest.mark.parametrize(
    ("anchor", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 1, 31), 2, date(2024, 3, 31)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 11, 15), 2, date(2025, 1, 15)),
    ],
)
def test_add_months_clamps_from_the_anchor(anchor: date, months: int, expected: date) -> None:
    assert add_months(anchor, months) == expected


def test_period_bounds_of_a_yearly_plan() -> None:
    assert period_bounds(date(2024, 2, 29), "year", 1) == (date(2025, 2, 28), date(2026, 2, 28))


def test_billing_run_invoices_the_first_period(client: TestClient) -> None:
    customer, _ = setup_subscription(client, "2024-01-01")

    result = client.post("/billing-runs", json={"as_of": "2024-02-01"}).json()

    assert result["invoices_created"] == 1
    [invoice] = client.get(f"/customers/{customer}/invoices").json()
    assert (invoice["period_start"], invoice["period_end"]) == ("2024-01-01", "2024-02-01")


def test_repeated_billing_run_creates_nothing(client: TestClient) -> None:
    setup_subscription(client, "2024-01-01")
    client.post("/billing-runs", json={"as_of": "2024-02-01"})

    assert (
        client.post("/billing-runs", json={"as_of": "2024-02-01"}).json()["invoices_created"] == 0
    )


def test_cancelled_subscription_is_not_billed(client: TestClient) -> None:
    _, subscription = setup_subscription(client, "2024-01-01")
    client.post(f"/subscriptions/{subscription}/cancel")

    assert (
        client.post("/billing-runs", json={"as_of": "2024-05-01"}).json()["invoices_created"] == 0
    )


def test_invoice_is_paid_once(client: TestClient) -> None:
    setup_subscription(client, "2024-01-01")
    [invoice] = client.post("/billing-runs", json={"as_of": "2024-02-01"}).json()["invoice_ids"]

    assert client.post(f"/invoices/{invoice}/pay").json()["status"] == "paid"
    assert client.post(f"/invoices/{invoice}/pay").status_code == 409


def test_second_live_subscription_to_a_plan_conflicts(client: TestClient) -> None:
    customer, _ = setup_subscription(client, "2024-01-01")

    again = client.post(
        "/subscriptions",
        json={"customer_id": customer, "plan_code": "pro", "start_date": "2024-02-01"},
    )

    assert again.status_code == 409
