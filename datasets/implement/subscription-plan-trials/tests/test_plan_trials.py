"""Free trials on plans (fail-to-pass)."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from billing_client import (
    add_customer,
    add_plan,
    invoice_periods,
    make_client,
    periods,
    run_billing,
    subscribe,
)
from fastapi.testclient import TestClient

# The schema the current release writes: production files look exactly like this.
LEGACY_FILE = """
CREATE TABLE plans (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL,
    interval TEXT NOT NULL, archived INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL
);
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    plan_code TEXT NOT NULL REFERENCES plans(code),
    status TEXT NOT NULL, anchor_date TEXT NOT NULL,
    periods_billed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    amount_cents INTEGER NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open', UNIQUE (subscription_id, period_start)
);
INSERT INTO plans VALUES ('basic', 'Basic', 900, 'month', 0);
INSERT INTO customers VALUES (1, 'old@example.com', 'Old');
INSERT INTO subscriptions VALUES (1, 1, 'basic', 'active', '2024-01-10', 1);
INSERT INTO invoices VALUES (1, 1, 1, 900, '2024-01-10', '2024-02-10', 'paid');
"""


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path / "billing.db") as test_client:
        yield test_client


def test_trial_days_default_to_zero_and_are_shown(client: TestClient) -> None:
    plain = add_plan(client, "basic")
    trial = add_plan(client, "pro", trial_days=14)

    assert (plain["trial_days"], trial["trial_days"]) == (0, 14)
    assert client.get("/plans/pro").json()["trial_days"] == 14
    assert [p["trial_days"] for p in client.get("/plans").json()] == [0, 14]


@pytest.mark.parametrize(("days", "expected"), [(-1, 422), (0, 201), (90, 201), (91, 422)])
def test_trial_days_range(client: TestClient, days: int, expected: int) -> None:
    body = {"code": "pro", "name": "Pro", "price_cents": 1500, "interval": "month"}

    response = client.post("/plans", json={**body, "trial_days": days})

    assert response.status_code == expected
    listed = client.get("/plans").json()
    assert [p["trial_days"] for p in listed] == ([days] if expected == 201 else [])
    if expected == 201:
        assert response.json()["trial_days"] == days


def test_first_subscription_to_a_trial_plan_starts_trialing(client: TestClient) -> None:
    add_plan(client, "pro", trial_days=14)
    customer = add_customer(client)

    response = subscribe(client, customer, "pro", "2024-01-20")

    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["trial_ends_on"], body["anchor_date"]) == (
        "trialing",
        "2024-02-03",
        "2024-02-03",
    )
    assert periods(body) == ("2024-01-20", "2024-02-03")
    assert body["periods_billed"] == 0
    assert client.get(f"/subscriptions/{body['id']}").json() == body


def test_plan_without_trial_subscribes_as_before(client: TestClient) -> None:
    add_plan(client, "basic")

    body = subscribe(client, add_customer(client), "basic", "2024-01-20").json()

    assert "trial_ends_on" in body and body["trial_ends_on"] is None
    assert (body["status"], body["anchor_date"]) == ("active", "2024-01-20")


def test_trial_is_not_invoiced_and_ends_on_its_last_day(client: TestClient) -> None:
    add_plan(client, "pro", trial_days=14)
    customer = add_customer(client)
    subscription_id = subscribe(client, customer, "pro", "2024-01-20").json()["id"]

    before_end = run_billing(client, "2024-02-02")
    still_trialing = client.get(f"/subscriptions/{subscription_id}").json()["status"]
    at_end = run_billing(client, "2024-02-03")
    after = client.get(f"/subscriptions/{subscription_id}").json()

    assert before_end["invoices_created"] == at_end["invoices_created"] == 0
    assert still_trialing == "trialing"
    assert after["status"] == "active"
    assert after["trial_ends_on"] == "2024-02-03"
    assert periods(after) == ("2024-02-03", "2024-03-03")
    assert invoice_periods(client, customer) == []


def test_paid_periods_count_from_the_end_of_the_trial(client: TestClient) -> None:
    add_plan(client, "pro", trial_days=14)
    customer = add_customer(client)
    subscribe(client, customer, "pro", "2024-01-17")

    result = run_billing(client, "2024-04-29")

    assert result["invoices_created"] == 2
    assert invoice_periods(client, customer) == [
        ("2024-01-31", "2024-02-29", 1500),
        ("2024-02-29", "2024-03-31", 1500),
    ]


def test_yearly_plan_trial(client: TestClient) -> None:
    add_plan(client, "annual", price_cents=12000, interval="year", trial_days=30)
    customer = add_customer(client)
    subscription_id = subscribe(client, customer, "annual", "2024-01-30").json()["id"]

    run_billing(client, "2025-02-28")
    run_billing(client, "2025-03-01")

    assert invoice_periods(client, customer) == [("2024-02-29", "2025-02-28", 12000)]
    assert periods(client.get(f"/subscriptions/{subscription_id}").json()) == (
        "2025-02-28",
        "2026-02-28",
    )


def test_only_the_first_subscription_to_a_plan_gets_the_trial(client: TestClient) -> None:
    add_plan(client, "pro", trial_days=14)
    customer = add_customer(client)
    first = subscribe(client, customer, "pro", "2024-01-20").json()["id"]
    client.post(f"/subscriptions/{first}/cancel")

    again = subscribe(client, customer, "pro", "2024-03-01").json()

    assert (again["status"], again["trial_ends_on"], again["anchor_date"]) == (
        "active",
        None,
        "2024-03-01",
    )
    assert run_billing(client, "2024-04-01")["invoices_created"] == 1
    assert invoice_periods(client, customer) == [("2024-03-01", "2024-04-01", 1500)]


def test_trials_are_per_customer_and_per_plan(client: TestClient) -> None:
    add_plan(client, "pro", trial_days=14)
    add_plan(client, "team", trial_days=7)
    ana, ben = add_customer(client), add_customer(client, "ben@example.com")
    first = subscribe(client, ana, "pro", "2024-01-20").json()["id"]
    client.post(f"/subscriptions/{first}/cancel")

    statuses = [
        subscribe(client, ben, "pro", "2024-01-20").json()["status"],
        subscribe(client, ana, "team", "2024-01-20").json()["status"],
    ]

    assert statuses == ["trialing", "trialing"]


def test_a_trialing_subscription_blocks_a_second_one(client: TestClient) -> None:
    add_plan(client, "pro", trial_days=14)
    customer = add_customer(client)
    assert subscribe(client, customer, "pro", "2024-01-20").json()["status"] == "trialing"

    assert subscribe(client, customer, "pro", "2024-01-25").status_code == 409


def test_cancelled_trial_is_never_invoiced(client: TestClient) -> None:
    add_plan(client, "pro", trial_days=14)
    customer = add_customer(client)
    subscription = subscribe(client, customer, "pro", "2024-01-20").json()

    cancelled = client.post(f"/subscriptions/{subscription['id']}/cancel")
    run_billing(client, "2024-06-01")

    assert subscription["status"] == "trialing"
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert client.get(f"/subscriptions/{subscription['id']}").json()["status"] == "cancelled"
    assert invoice_periods(client, customer) == []


def test_trial_survives_a_restart(tmp_path: Path) -> None:
    with make_client(tmp_path / "billing.db") as client:
        add_plan(client, "pro", trial_days=14)
        subscription_id = subscribe(client, add_customer(client), "pro", "2024-01-20").json()["id"]

    with make_client(tmp_path / "billing.db") as restarted:
        body = restarted.get(f"/subscriptions/{subscription_id}").json()
        plan = restarted.get("/plans/pro").json()

    assert (body["status"], body["trial_ends_on"]) == ("trialing", "2024-02-03")
    assert plan["trial_days"] == 14


def test_existing_database_file_keeps_working(tmp_path: Path) -> None:
    database_path = tmp_path / "production.db"
    with sqlite3.connect(database_path) as connection:
        connection.executescript(LEGACY_FILE)
    connection.close()

    with make_client(database_path) as client:
        plan = client.get("/plans/basic").json()
        subscription = client.get("/subscriptions/1").json()
        billed = run_billing(client, "2024-03-10")
        add_plan(client, "pro", trial_days=7)
        trial = subscribe(client, 1, "pro", "2024-03-01").json()
        invoices = invoice_periods(client, 1)

    assert plan == {
        "code": "basic",
        "name": "Basic",
        "price_cents": 900,
        "interval": "month",
        "archived": False,
        "trial_days": 0,
    }
    assert (subscription["status"], subscription["trial_ends_on"]) == ("active", None)
    assert periods(subscription) == ("2024-02-10", "2024-03-10")
    assert billed["invoices_created"] == 1
    assert invoices == [("2024-01-10", "2024-02-10", 900), ("2024-02-10", "2024-03-10", 900)]
    assert (trial["status"], trial["trial_ends_on"]) == ("trialing", "2024-03-08")
