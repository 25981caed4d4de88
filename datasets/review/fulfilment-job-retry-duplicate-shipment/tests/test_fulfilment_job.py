import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fulfilment.handler import JOB_NAME, FulfilOrder
from fulfilment.http import make_client
from fulfilment.jobs import JobRunner, RetryPolicy
from fulfilment.orders import Address, Order, OrderLine, OrderRepository, OrderStatus
from fulfilment.payments import PaymentsClient
from fulfilment.warehouse import WarehouseClient


class FakePayments:
    """Capture API that honours Idempotency-Key, like the real payments service."""

    def __init__(self) -> None:
        self.captures: dict[str, dict[str, object]] = {}

    def handle(self, request: httpx.Request) -> httpx.Response:
        key = request.headers.get("Idempotency-Key") or f"anonymous-{len(self.captures)}"
        if key not in self.captures:
            amount = json.loads(request.content)["amount"]
            self.captures[key] = {
                "id": f"cap_{len(self.captures) + 1}",
                "amount": amount,
                "status": "captured",
            }
        return httpx.Response(200, json=self.captures[key])


class FakeWms:
    """Shipments API: deduplicates on Idempotency-Key; can lose the answer to a request it
    has already carried out, as a gateway timeout does."""

    def __init__(self, lose_responses: int = 0, reject: bool = False) -> None:
        self.lose_responses = lose_responses
        self.reject = reject
        self.shipments: list[dict[str, object]] = []
        self.by_key: dict[str, dict[str, object]] = {}

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.reject:
            return httpx.Response(422, json={"error": "unknown sku"})
        key = request.headers.get("Idempotency-Key")
        shipment = self.by_key.get(key) if key else None
        if shipment is None:
            body = json.loads(request.content)
            shipment = {
                "id": f"shp_{len(self.shipments) + 1}",
                "reference": body["reference"],
                "status": "picking",
                "tracking": None,
            }
            self.shipments.append(shipment)
            if key:
                self.by_key[key] = shipment
        if self.lose_responses:
            self.lose_responses -= 1
            raise httpx.ReadTimeout("gateway timed out", request=request)
        return httpx.Response(201, json=shipment)


@pytest.fixture
def orders(tmp_path: Path) -> Iterator[OrderRepository]:
    connection = sqlite3.connect(tmp_path / "shop.db")
    repository = OrderRepository(connection)
    repository.add(
        Order(
            id="ord_1001",
            status=OrderStatus.PAID,
            payment_id="pay_77",
            amount_cents=4_590,
            address=Address("Ada Lovelace", "12 Analytical St", "London", "N1 9GU", "GB"),
            lines=(OrderLine("MUG-BLUE", 2), OrderLine("TEA-EARL", 1)),
        )
    )
    yield repository
    connection.close()


def make_runner(
    orders: OrderRepository, payments: FakePayments, wms: FakeWms
) -> tuple[JobRunner, list[float], list[str]]:
    sleeps: list[float] = []
    dead: list[str] = []
    handler = FulfilOrder(
        orders,
        PaymentsClient(
            make_client("https://pay.test", "t", transport=httpx.MockTransport(payments.handle))
        ),
        WarehouseClient(
            make_client("https://wms.test", "t", transport=httpx.MockTransport(wms.handle))
        ),
    )
    runner = JobRunner(
        {JOB_NAME: handler},
        RetryPolicy(max_attempts=4),
        sleep=sleeps.append,
        dead_letter=lambda name, payload, error: dead.append(error),
    )
    return runner, sleeps, dead


def test_order_is_captured_shipped_and_recorded(orders: OrderRepository) -> None:
    payments, wms = FakePayments(), FakeWms()
    runner, sleeps, dead = make_runner(orders, payments, wms)
    outcome = runner.run(JOB_NAME, {"order_id": "ord_1001"})
    assert outcome.succeeded and outcome.attempts == 1 and sleeps == [] and dead == []
    order = orders.get("ord_1001")
    assert order.status is OrderStatus.SHIPPED and order.shipment_id == "shp_1"
    assert len(payments.captures) == 1 and len(wms.shipments) == 1


def test_retry_after_a_lost_wms_response_ships_the_order_once(orders: OrderRepository) -> None:
    payments, wms = FakePayments(), FakeWms(lose_responses=1)
    runner, sleeps, _ = make_runner(orders, payments, wms)
    outcome = runner.run(JOB_NAME, {"order_id": "ord_1001"})
    assert outcome.succeeded and outcome.attempts == 2 and len(sleeps) == 1
    assert len(payments.captures) == 1
    assert len(wms.shipments) == 1, "the retried job put a second shipment on the floor"
    assert orders.get("ord_1001").shipment_id == wms.shipments[0]["id"]


def test_a_second_delivery_of_the_job_does_nothing(orders: OrderRepository) -> None:
    payments, wms = FakePayments(), FakeWms()
    runner, _, _ = make_runner(orders, payments, wms)
    runner.run(JOB_NAME, {"order_id": "ord_1001"})
    outcome = runner.run(JOB_NAME, {"order_id": "ord_1001"})
    assert outcome.succeeded and len(wms.shipments) == 1


def test_a_rejected_shipment_is_dead_lettered_without_retrying(orders: OrderRepository) -> None:
    payments, wms = FakePayments(), FakeWms(reject=True)
    runner, sleeps, dead = make_runner(orders, payments, wms)
    outcome = runner.run(JOB_NAME, {"order_id": "ord_1001"})
    assert not outcome.succeeded and outcome.attempts == 1 and sleeps == []
    assert len(dead) == 1 and "422" in dead[0]
    assert orders.get("ord_1001").status is OrderStatus.FULFILMENT_FAILED
