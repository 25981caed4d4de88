"""Applies payment-provider webhooks to merchant balances.

The provider POSTs one event per request and retries until it gets a 2xx answer. Every request
carries the event in the body and a `Webhook-Delivery-Id` header identifying that HTTP attempt.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS merchant_balances (
    merchant_id TEXT PRIMARY KEY,
    balance_cents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS processed_webhooks (
    dedup_key TEXT PRIMARY KEY
);
"""

BALANCE_EFFECT = {"payment.captured": 1, "payment.refunded": -1}


@dataclass(frozen=True)
class PaymentEvent:
    id: str
    type: str
    merchant_id: str
    amount_cents: int


class WebhookProcessor:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._connection.executescript(SCHEMA)

    def balance_cents(self, merchant_id: str) -> int:
        row = self._connection.execute(
            "SELECT balance_cents FROM merchant_balances WHERE merchant_id = ?", (merchant_id,)
        ).fetchone()
        return int(row[0]) if row else 0

    def handle(self, delivery_id: str, event: PaymentEvent) -> bool:
        """Apply one webhook; returns False when it had already been applied."""
        logger.info("webhook delivery %s carries %s %s", delivery_id, event.type, event.id)
        with self._connection:  # the dedup row and the balance change commit together
            try:
                self._connection.execute(
                    "INSERT INTO processed_webhooks (dedup_key) VALUES (?)", (event.id,)
                )
            except sqlite3.IntegrityError:
                return False
            self._apply(event)
        return True

    def _apply(self, event: PaymentEvent) -> None:
        sign = BALANCE_EFFECT.get(event.type)
        if sign is None:
            return
        self._connection.execute(
            "INSERT INTO merchant_balances (merchant_id, balance_cents) VALUES (?, ?) "
            "ON CONFLICT (merchant_id) DO UPDATE "
            "SET balance_cents = balance_cents + excluded.balance_cents",
            (event.merchant_id, sign * event.amount_cents),
        )
