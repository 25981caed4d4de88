"""Outgoing webhooks: deliveries we owe our partners, and the one attempt each gets today."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


class TransportError(Exception):
    """The request got no HTTP response at all: DNS failure, connection refused, timeout."""


# POSTs the payload to the url and returns the response's HTTP status code.
Transport = Callable[[str, Mapping[str, Any]], int]


@dataclass
class Delivery:
    id: str
    url: str
    payload: dict[str, Any]
    status: str = "pending"  # pending | delivered | failed | dead
    attempts: int = 0
    # The HTTP status of the last attempt; None when it got no response (TransportError).
    last_status: int | None = None


def _worth_retrying(last_status: int | None) -> bool:
    """Whether a failure with this last status may succeed on a re-send.

    Only no response at all (TransportError, recorded as None), a 5xx or a 429
    are worth retrying; every other non-2xx status is permanent.
    """
    return last_status is None or last_status == 429 or 500 <= last_status < 600


class WebhookOutbox:
    """Deliveries in the order they were enqueued, sent through an injected transport."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._deliveries: dict[str, Delivery] = {}

    def enqueue(self, delivery_id: str, url: str, payload: dict[str, Any]) -> Delivery:
        if delivery_id in self._deliveries:
            raise ValueError(f"delivery {delivery_id} already enqueued")
        delivery = Delivery(delivery_id, url, payload)
        self._deliveries[delivery_id] = delivery
        return delivery

    def get(self, delivery_id: str) -> Delivery:
        return self._deliveries[delivery_id]

    def deliver_pending(self) -> list[str]:
        """Send every pending delivery once; the ids delivered (2xx), in enqueue order."""
        pending = [d for d in self._deliveries.values() if d.status == "pending"]
        return [d.id for d in pending if self._attempt(d)]

    def _attempt(self, delivery: Delivery) -> bool:
        """One send: count it, record what came back, mark it delivered or failed."""
        delivery.attempts += 1
        try:
            code = self._transport(delivery.url, delivery.payload)
        except TransportError:
            delivery.last_status = None
            delivery.status = "failed"
            return False
        delivery.last_status = code
        delivery.status = "delivered" if 200 <= code < 300 else "failed"
        return delivery.status == "delivered"

    def retry_failed(self, max_attempts: int = 5) -> list[str]:
        """Re-send, once, every failed delivery whose failure is worth retrying.

        Goes over the failed deliveries in enqueue order. One whose last failure
        is permanent (a non-2xx status other than 5xx or 429), or that has used
        `max_attempts` attempts (the first attempt counts), becomes "dead" without
        being sent; so does one whose re-send fails permanently or reaches the
        limit. Any other failed re-send stays "failed" for the next call. Dead,
        pending and delivered deliveries are left alone.

        Returns the ids delivered by this call, in enqueue order; ValueError if
        `max_attempts` is below 1.
        """
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        failed = [d for d in self._deliveries.values() if d.status == "failed"]
        delivered: list[str] = []
        for delivery in failed:
            if not _worth_retrying(delivery.last_status) or delivery.attempts >= max_attempts:
                delivery.status = "dead"
                continue
            if self._attempt(delivery):
                delivered.append(delivery.id)
            elif not _worth_retrying(delivery.last_status) or delivery.attempts >= max_attempts:
                delivery.status = "dead"
        return delivered
