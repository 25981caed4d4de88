"""Billing behaviour the service already has, which trials must keep (pass-to-pass)."""

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


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path / "billing.db") as test_client:
        yield test_client


def test_plans_are_created_read_and_listed_by_code(client: TestClient) -> None:
    created = add_plan(client, "team", price_cents=4900, interval="year")
    add_plan(client, "basic")

    assert (created["code"], created["archived"]) == ("team", False)
    fetched = client.get("/plans/team").json()
    assert (fetched["name"], fetched["price_cents"], fetched["interval"]) == ("Team", 4900, "year")
    assert fetched["archived"] is False
    assert [p["code"] for p in client.get("/plans").json()] == ["basic", "team"]
    assert client.get("/plans/nope").status_code == 404


@pytest.mark.parametrize(
    "change",
    [{"code": "Pro"}, {"code": "p"}, {"price_cents": -1}, {"interval": "week"}, {"name": ""}],
)
def test_invalid_plans_are_rejected(client: TestClient, change: dict[str, object]) -> None:
    body = {"code": "pro", "name": "Pro", "price_cents": 1500, "interval": "month"}

    assert client.post("/plans", json={**body, **change}).status_code == 422


def test_duplicate_plan_code_conflicts(client: TestClient) -> None:
    add_plan(client, "pro")
    body = {"code": "pro", "name": "Other", "price_cents": 1, "interval": "month"}

    assert client.post("/plans", json=body).status_code == 409
    assert client.get("/plans/pro").json()["name"] == "Pro"


def test_archived_plan_takes_no_new_subscribers_but_keeps_billing(client: TestClient) -> None:
    add_plan(client, "pro")
    ana, ben = add_customer(client), add_customer(client, "ben@example.com")
    subscribe(client, ana, "pro", "2024-01-01")

    archived = client.post("/plans/pro/archive")

    assert archived.json()["archived"] is True
    assert client.get("/plans/pro").json()["archived"] is True
    assert subscribe(client, ben, "pro", "2024-01-01").status_code == 409
    assert run_billing(client, "2024-02-01")["invoices_created"] == 1
    assert client.post("/plans/nope/archive").status_code == 404


def test_customers_are_created_and_read(client: TestClient) -> None:
    customer = add_customer(client)

    assert client.get(f"/customers/{customer}").json() == {
        "id": customer,
        "email": "ana@example.com",
        "name": "Ana",
    }
    assert (
        client.post("/customers", json={"email": "ana@example.com", "name": "X"}).status_code == 409
    )
    assert client.post("/customers", json={"email": "not-an-email", "name": "X"}).status_code == 422
    assert client.get("/customers/999").status_code == 404


def test_subscription_starts_active_on_its_start_date(client: TestClient) -> None:
    add_plan(client, "pro")
    customer = add_customer(client)

    response = subscribe(client, customer, "pro", "2024-01-31")

    assert response.status_code == 201
    body = response.json()
    assert (body["customer_id"], body["plan_code"], body["status"]) == (customer, "pro", "active")
    assert (body["anchor_date"], body["periods_billed"]) == ("2024-01-31", 0)
    assert periods(body) == ("2024-01-31", "2024-02-29")
    assert client.get(f"/subscriptions/{body['id']}").json()["id"] == body["id"]


def test_subscribing_to_unknown_customer_or_plan_is_not_found(client: TestClient) -> None:
    add_plan(client, "pro")
    customer = add_customer(client)

    assert subscribe(client, 999, "pro", "2024-01-01").status_code == 404
    assert subscribe(client, customer, "nope", "2024-01-01").status_code == 404
    assert client.get("/subscriptions/999").status_code == 404


def test_one_live_subscription_per_plan(client: TestClient) -> None:
    add_plan(client, "pro")
    add_plan(client, "team")
    customer = add_customer(client)
    first = subscribe(client, customer, "pro", "2024-01-01").json()["id"]

    assert subscribe(client, customer, "pro", "2024-02-01").status_code == 409
    assert subscribe(client, customer, "team", "2024-02-01").status_code == 201
    client.post(f"/subscriptions/{first}/cancel")
    assert subscribe(client, customer, "pro", "2024-03-01").status_code == 201

    listed = client.get(f"/customers/{customer}/subscriptions").json()
    assert [(s["plan_code"], s["status"]) for s in listed] == [
        ("pro", "cancelled"),
        ("team", "active"),
        ("pro", "active"),
    ]
    assert client.get("/customers/999/subscriptions").status_code == 404


def test_cancelling_twice_or_unknown(client: TestClient) -> None:
    add_plan(client, "pro")
    subscription = subscribe(client, add_customer(client), "pro", "2024-01-01").json()["id"]

    assert client.post(f"/subscriptions/{subscription}/cancel").json()["status"] == "cancelled"
    assert client.post(f"/subscriptions/{subscription}/cancel").status_code == 409
    assert client.post("/subscriptions/999/cancel").status_code == 404


def test_billing_run_invoices_ended_periods_in_arrears(client: TestClient) -> None:
    add_plan(client, "pro")
    customer = add_customer(client)
    subscription = subscribe(client, customer, "pro", "2024-01-31").json()["id"]

    early = run_billing(client, "2024-02-28")
    on_time = run_billing(client, "2024-03-31")

    assert early == {"invoices_created": 0, "invoice_ids": []}
    assert on_time["invoices_created"] == 2
    assert invoice_periods(client, customer) == [
        ("2024-01-31", "2024-02-29", 1500),
        ("2024-02-29", "2024-03-31", 1500),
    ]
    listed = client.get(f"/customers/{customer}/invoices").json()
    assert on_time["invoice_ids"] == [i["id"] for i in listed]
    after = client.get(f"/subscriptions/{subscription}").json()
    assert after["periods_billed"] == 2
    assert periods(after) == ("2024-03-31", "2024-04-30")


def test_billing_run_is_safe_to_repeat(client: TestClient) -> None:
    add_plan(client, "pro")
    customer = add_customer(client)
    subscribe(client, customer, "pro", "2024-01-15")
    run_billing(client, "2024-03-15")

    assert run_billing(client, "2024-03-15")["invoices_created"] == 0
    assert run_billing(client, "2024-01-20")["invoices_created"] == 0
    assert len(invoice_periods(client, customer)) == 2


def test_yearly_plan_anchored_on_a_leap_day(client: TestClient) -> None:
    add_plan(client, "annual", price_cents=12000, interval="year")
    customer = add_customer(client)
    subscribe(client, customer, "annual", "2024-02-29")

    run_billing(client, "2026-03-01")

    assert invoice_periods(client, customer) == [
        ("2024-02-29", "2025-02-28", 12000),
        ("2025-02-28", "2026-02-28", 12000),
    ]


def test_cancelled_subscriptions_are_not_billed(client: TestClient) -> None:
    add_plan(client, "pro")
    customer = add_customer(client)
    subscription = subscribe(client, customer, "pro", "2024-01-01").json()["id"]
    run_billing(client, "2024-02-01")
    client.post(f"/subscriptions/{subscription}/cancel")

    assert run_billing(client, "2024-06-01")["invoices_created"] == 0
    assert invoice_periods(client, customer) == [("2024-01-01", "2024-02-01", 1500)]


def test_catch_up_is_capped_per_run(client: TestClient) -> None:
    add_plan(client, "pro")
    customer = add_customer(client)
    subscribe(client, customer, "pro", "2020-01-01")

    first = run_billing(client, "2024-01-01")
    second = run_billing(client, "2024-01-01")

    assert (first["invoices_created"], second["invoices_created"]) == (24, 24)
    assert invoice_periods(client, customer)[-1][:2] == ("2023-12-01", "2024-01-01")
    assert run_billing(client, "2024-01-01")["invoices_created"] == 0


def test_invoices_are_the_customers_own_filtered_by_status(client: TestClient) -> None:
    add_plan(client, "pro")
    add_plan(client, "cheap", price_cents=100)
    ana, ben = add_customer(client), add_customer(client, "ben@example.com")
    subscribe(client, ana, "pro", "2024-01-01")
    subscribe(client, ben, "cheap", "2024-01-01")
    ids = run_billing(client, "2024-03-01")["invoice_ids"]
    anas = [i["id"] for i in client.get(f"/customers/{ana}/invoices").json()]

    paid = client.post(f"/invoices/{anas[0]}/pay")

    assert len(ids) == 4
    assert paid.json()["status"] == "paid"
    assert client.get(f"/invoices/{anas[0]}").json() == paid.json()
    open_ones = client.get(f"/customers/{ana}/invoices", params={"status": "open"}).json()
    paid_ones = client.get(f"/customers/{ana}/invoices", params={"status": "paid"}).json()
    assert [i["id"] for i in open_ones] == anas[1:]
    assert [i["id"] for i in paid_ones] == anas[:1]
    assert invoice_periods(client, ben) == [
        ("2024-01-01", "2024-02-01", 100),
        ("2024-02-01", "2024-03-01", 100),
    ]
    assert client.get(f"/customers/{ana}/invoices", params={"status": "void"}).status_code == 422
    assert client.get("/customers/999/invoices").status_code == 404


def test_paying_twice_or_unknown(client: TestClient) -> None:
    add_plan(client, "pro")
    customer = add_customer(client)
    subscribe(client, customer, "pro", "2024-01-01")
    [invoice] = run_billing(client, "2024-02-01")["invoice_ids"]
    client.post(f"/invoices/{invoice}/pay")

    assert client.post(f"/invoices/{invoice}/pay").status_code == 409
    assert client.post("/invoices/999/pay").status_code == 404
    assert client.get("/invoices/999").status_code == 404
    body = client.get(f"/invoices/{invoice}").json()
    assert (body["customer_id"], body["amount_cents"], body["status"]) == (customer, 1500, "paid")


@pytest.mark.parametrize(("length", "expected"), [(1, 201), (100, 201), (101, 422)])
def test_plan_and_customer_name_lengths(client: TestClient, length: int, expected: int) -> None:
    plan = {"code": "pro", "name": "n" * length, "price_cents": 1500, "interval": "month"}
    customer = {"email": "ana@example.com", "name": "n" * length}

    assert client.post("/plans", json=plan).status_code == expected
    assert client.post("/customers", json=customer).status_code == expected


def test_free_plan_is_invoiced_at_zero(client: TestClient) -> None:
    add_plan(client, "free", price_cents=0)
    customer = add_customer(client)
    subscribe(client, customer, "free", "2024-01-01")

    run_billing(client, "2024-02-01")

    assert invoice_periods(client, customer) == [("2024-01-01", "2024-02-01", 0)]
