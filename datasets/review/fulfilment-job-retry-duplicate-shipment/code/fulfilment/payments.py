"""Client for the payments service's capture API."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from fulfilment.http import send


@dataclass(frozen=True)
class Capture:
    id: str
    payment_id: str
    amount_cents: int
    status: str


class PaymentsClient:
    """Captures authorised payments when an order ships.

    The payments service stores the answer to every request that carries an Idempotency-Key:
    a capture sent again with the same key returns the first capture instead of taking the
    money twice.
    """

    def __init__(self, http: httpx.Client) -> None:
        self._http = http

    def capture(self, payment_id: str, amount_cents: int) -> Capture:
        response = send(
            self._http,
            "POST",
            f"/v1/payments/{payment_id}/capture",
            json={"amount": amount_cents},
            headers={"Idempotency-Key": f"capture-{payment_id}"},
        )
        body = response.json()
        return Capture(body["id"], payment_id, int(body["amount"]), body["status"])
