import json
from decimal import Decimal

import httpx
import pytest

from payments.client import PaymentClient, PaymentError, RetryPolicy


class FakeProvider:
    """Charges API that honours Idempotency-Key and can fail after doing the work."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        self.charges: dict[str, dict[str, str]] = {}

    def handle(self, request: httpx.Request) -> httpx.Response:
        key = request.headers["Idempotency-Key"]
        if key not in self.charges:
            body = json.loads(request.content)
            self.charges[key] = {"id": f"ch_{len(self.charges) + 1}", "status": "succeeded",
                                 "amount": body["amount"], "currency": body["currency"]}
        failure = self.failures.pop(0) if self.failures else None
        if failure == "timeout":
            raise httpx.ReadTimeout("response lost", request=request)
        if failure == "503":
            return httpx.Response(503, json={"error": "unavailable"})
        return httpx.Response(200, json=self.charges[key])


def make_client(provider: FakeProvider) -> tuple[PaymentClient, list[float]]:
    sleeps: list[float] = []
    http = httpx.Client(base_url="https://pay.test", transport=httpx.MockTransport(provider.handle))
    return PaymentClient(http, RetryPolicy(attempts=3), sleep=sleeps.append), sleeps


def test_successful_charge() -> None:
    provider = FakeProvider([])
    client, sleeps = make_client(provider)
    charge = client.create_charge("cus_1", Decimal("19.99"), "EUR")
    assert charge.amount == Decimal("19.99") and charge.status == "succeeded"
    assert sleeps == []


def test_retry_after_lost_response_charges_once() -> None:
    provider = FakeProvider(["timeout", "503"])
    client, sleeps = make_client(provider)
    charge = client.create_charge("cus_1", Decimal("19.99"), "EUR")
    assert len(provider.charges) == 1, "customer was charged more than once"
    assert charge.id == "ch_1"
    assert len(sleeps) == 2


def test_separate_charges_use_separate_keys() -> None:
    provider = FakeProvider([])
    client, _ = make_client(provider)
    client.create_charge("cus_1", Decimal("5.00"), "EUR")
    client.create_charge("cus_1", Decimal("5.00"), "EUR")
    assert len(provider.charges) == 2


def test_gives_up_after_configured_attempts() -> None:
    provider = FakeProvider(["503", "503", "503"])
    client, _ = make_client(provider)
    with pytest.raises(PaymentError):
        client.create_charge("cus_1", Decimal("5.00"), "EUR")
