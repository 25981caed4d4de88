"""Client for the payment provider's charges API."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import httpx

RETRYABLE_STATUS = frozenset({429, 502, 503, 504})


class PaymentError(Exception):
    pass


@dataclass(frozen=True)
class Charge:
    id: str
    amount: Decimal
    currency: str
    status: str


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    base_delay_seconds: float = 0.2

    def delay(self, attempt: int) -> float:
        return self.base_delay_seconds * 2.0**attempt


class PaymentClient:
    def __init__(
        self,
        http: httpx.Client,
        retry: RetryPolicy = RetryPolicy(),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._http = http
        self._retry = retry
        self._sleep = sleep

    def create_charge(self, customer_id: str, amount: Decimal, currency: str) -> Charge:
        payload = {"customer": customer_id, "amount": str(amount), "currency": currency}
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        last_error: Exception | None = None
        for attempt in range(self._retry.attempts):
            try:
                response = self._http.post("/v1/charges", json=payload, headers=headers)
            except httpx.TransportError as exc:
                last_error = exc
            else:
                if response.status_code not in RETRYABLE_STATUS:
                    return self._parse(response)
                last_error = PaymentError(f"provider answered {response.status_code}")
            if attempt + 1 < self._retry.attempts:
                self._sleep(self._retry.delay(attempt))
        raise PaymentError(f"charge failed after {self._retry.attempts} attempts") from last_error

    @staticmethod
    def _parse(response: httpx.Response) -> Charge:
        if response.is_error:
            raise PaymentError(f"charge rejected: {response.status_code} {response.text}")
        body = response.json()
        return Charge(body["id"], Decimal(body["amount"]), body["currency"], body["status"])
