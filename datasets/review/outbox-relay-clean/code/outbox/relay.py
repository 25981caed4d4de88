"""Relays rows from the transactional outbox table to the message broker.

Services write an outbox row in the same transaction as their state change; this relay runs in
a loop and publishes pending rows in insertion order, so consumers see each aggregate's events
in the order they happened.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    topic: str
    key: str
    payload: bytes


class BrokerError(Exception):
    pass


class Broker(Protocol):
    def publish(self, topic: str, key: str, payload: bytes) -> None:
        """Raises BrokerError when the broker does not acknowledge the message."""


class OutboxStore(Protocol):
    def pending(self, limit: int) -> list[OutboxMessage]: ...

    def mark_published(self, message_ids: list[int]) -> None: ...


class OutboxRelay:
    def __init__(self, store: OutboxStore, broker: Broker, batch_size: int = 100) -> None:
        self._store = store
        self._broker = broker
        self._batch_size = batch_size

    def relay_once(self) -> int:
        """Publish one batch of pending messages; returns how many were published."""
        batch = self._store.pending(self._batch_size)
        published: list[int] = []
        for message in batch:
            try:
                self._broker.publish(message.topic, message.key, message.payload)
            except BrokerError:
                # Stop at the first failure: later messages must not overtake this one.
                logger.warning("broker rejected outbox message %s", message.id, exc_info=True)
                break
            published.append(message.id)
        if published:
            self._store.mark_published(published)
        return len(published)
