"""The team's tests: period arithmetic directly, the rest through the API."""

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from billing.api import create_app
from billing.config import Settings
from billing.periods import add_months, period_bounds


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


def setup_trial(client: TestClient, trial_days: int = 14, interval: str = "month") -> int:
    plan = {
        "code": "team",
        "name": "Team",
        "price_cents": 4000,
        "interval": interval,
        "trial_days": trial_days,
    }
    assert client.post("/plans", json=plan).status_code == 201
    return int(client.post("/customers", json={"email": "t@example.com", "name": "T"}).json()["id"])


def subscribe(client: TestClient, customer: int, start_date: str, plan: str = "team") -> dict:  # type: ignore[type-arg]
    response = client.post(
        "/subscriptions",
        json={"customer_id": customer, "plan_code": plan, "start_date": start_date},
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def run(client: TestClient, as_of: str) -> list[int]:
    return client.post("/billing-runs", json={"as_of": as_of}).json()["invoice_ids"]  # type: ignore[no-any-return]


def test_plans_show_their_trial_days(client: TestClient) -> None:
    setup_trial(client, trial_days=30)
    client.post(
        "/plans", json={"code": "pro", "name": "Pro", "price_cents": 1, "interval": "month"}
    )

    assert [(p["code"], p["trial_days"]) for p in client.get("/plans").json()] == [
        ("pro", 0),
        ("team", 30),
    ]
    assert client.post("/plans/team/archive").json()["trial_days"] == 30


@pytest.mark.parametrize("trial_days", [-1, 91, 1.5, "x"])
def test_trial_days_out_of_range_is_rejected(client: TestClient, trial_days: object) -> None:
    plan = {"code": "x1", "name": "X", "price_cents": 1, "interval": "month"}

    assert client.post("/plans", json={**plan, "trial_days": trial_days}).status_code == 422


def test_first_subscription_to_a_trial_plan_is_trialing(client: TestClient) -> None:
    customer = setup_trial(client, trial_days=14)

    subscription = subscribe(client, customer, "2024-01-17")

    assert {k: v for k, v in subscription.items() if k != "id"} == {
        "customer_id": customer,
        "plan_code": "team",
        "status": "trialing",
        "anchor_date": "2024-01-31",
        "periods_billed": 0,
        "current_period_start": "2024-01-17",
        "current_period_end": "2024-01-31",
        "trial_ends_on": "2024-01-31",
    }
    assert client.get(f"/subscriptions/{subscription['id']}").json() == subscription


def test_trial_is_free_and_paid_periods_count_from_its_end(client: TestClient) -> None:
    customer = setup_trial(client, trial_days=14)
    subscription = subscribe(client, customer, "2024-01-17")

    assert run(client, "2024-01-30") == []
    assert client.get(f"/subscriptions/{subscription['id']}").json()["status"] == "trialing"
    assert run(client, "2024-01-31") == []
    after = client.get(f"/subscriptions/{subscription['id']}").json()
    assert (after["status"], after["current_period_start"], after["current_period_end"]) == (
        "active",
        "2024-01-31",
        "2024-02-29",
    )
    assert after["trial_ends_on"] == "2024-01-31"
    assert len(run(client, "2024-04-01")) == 2
    invoices = client.get(f"/customers/{customer}/invoices").json()
    assert [(i["period_start"], i["period_end"], i["amount_cents"]) for i in invoices] == [
        ("2024-01-31", "2024-02-29", 4000),
        ("2024-02-29", "2024-03-31", 4000),
    ]


def test_late_run_ends_the_trial_and_invoices_ended_periods(client: TestClient) -> None:
    customer = setup_trial(client, trial_days=10)
    subscribe(client, customer, "2024-01-01")

    assert len(run(client, "2024-03-15")) == 2  # 11 Jan - 11 Feb, 11 Feb - 11 Mar
    invoices = client.get(f"/customers/{customer}/invoices").json()
    assert [i["period_start"] for i in invoices] == ["2024-01-11", "2024-02-11"]


def test_only_the_first_subscription_to_a_plan_gets_the_trial(client: TestClient) -> None:
    customer = setup_trial(client, trial_days=14)
    first = subscribe(client, customer, "2024-01-01")

    assert (
        client.post(
            "/subscriptions",
            json={"customer_id": customer, "plan_code": "team", "start_date": "2024-01-05"},
        ).status_code
        == 409
    )
    cancelled = client.post(f"/subscriptions/{first['id']}/cancel").json()
    assert cancelled["status"] == "cancelled"
    assert cancelled == client.get(f"/subscriptions/{first['id']}").json()
    assert run(client, "2024-06-01") == []

    again = subscribe(client, customer, "2024-02-01")
    assert (again["status"], again["trial_ends_on"], again["anchor_date"]) == (
        "active",
        None,
        "2024-02-01",
    )


def test_plan_without_trial_subscribes_as_before(client: TestClient) -> None:
    _, subscription = setup_subscription(client, "2024-01-31")

    body = client.get(f"/subscriptions/{subscription}").json()

    assert (body["status"], body["trial_ends_on"], body["current_period_end"]) == (
        "active",
        None,
        "2024-02-29",
    )


OLD_SCHEMA = """
CREATE TABLE plans (code TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL,
    interval TEXT NOT NULL, archived INTEGER NOT NULL DEFAULT 0);
CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL);
CREATE TABLE subscriptions (id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    plan_code TEXT NOT NULL REFERENCES plans(code), status TEXT NOT NULL,
    anchor_date TEXT NOT NULL, periods_billed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE invoices (id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id), amount_cents INTEGER NOT NULL,
    period_start TEXT NOT NULL, period_end TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open',
    UNIQUE (subscription_id, period_start));
INSERT INTO plans VALUES ('pro', 'Pro', 1500, 'month', 0);
INSERT INTO customers (email, name) VALUES ('a@example.com', 'A');
INSERT INTO subscriptions (customer_id, plan_code, status, anchor_date, periods_billed)
    VALUES (1, 'pro', 'active', '2024-01-31', 1);
"""


def test_a_file_of_the_previous_release_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "billing.db"
    with sqlite3.connect(path) as connection:
        connection.executescript(OLD_SCHEMA)
    connection.close()

    for as_of, created in [("2024-03-31", 1), ("2024-03-31", 0)]:  # upgrade, then a restart
        with TestClient(create_app(Settings(database_path=path))) as client:
            assert client.get("/plans/pro").json()["trial_days"] == 0
            subscription = client.get("/subscriptions/1").json()
            assert subscription["trial_ends_on"] is None
            assert subscription["status"] == "active"
            assert len(run(client, as_of)) == created
    with TestClient(create_app(Settings(database_path=path))) as client:
        [invoice] = client.get("/customers/1/invoices").json()
        assert (invoice["period_start"], invoice["period_end"]) == ("2024-02-29", "2024-03-31")
