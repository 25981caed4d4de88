"""Idempotent event handling on top of at-least-once delivery."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Event:
    event_id: str
    payload: Mapping[str, object]


class ProcessedEventStore(Protocol):
    def was_processed(self, event_id: str) -> bool: ...

    def mark_processed(self, event_id: str) -> None: ...


@dataclass(frozen=True)
class FailedEvent:
    event_id: str
    error: Exception


@dataclass
class ConsumeSummary:
    processed: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[FailedEvent] = field(default_factory=list)


class IdempotentConsumer:
    def __init__(self, handler: Callable[[Event], None], store: ProcessedEventStore) -> None:
        self._handler = handler
        self._store = store

    def consume(self, event: Event) -> bool:
        """Handle the event unless already processed; True when the handler ran."""
        if self._store.was_processed(event.event_id):
            return False
        self._handler(event)
        # Marked only after success: a crash before this line means redelivery retries.
        self._store.mark_processed(event.event_id)
        return True

    def consume_all(self, events: Iterable[Event]) -> ConsumeSummary:
        summary = ConsumeSummary()
        for event in events:
            try:
                handled = self.consume(event)
            except Exception as error:
                summary.failed.append(FailedEvent(event.event_id, error))
                continue
            outcome = summary.processed if handled else summary.duplicates
            outcome.append(event.event_id)
        return summary
