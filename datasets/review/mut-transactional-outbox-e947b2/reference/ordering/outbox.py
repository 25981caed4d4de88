from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, update

from ordering.schema import outbox


@dataclass(frozen=True)
class OutboxEvent:
    id: int
    event_type: str
    payload: dict[str, Any]


Publisher = Callable[[OutboxEvent], None]


def relay_pending_events(engine: Engine, publish: Publisher, limit: int = 100) -> int:
    """Publish pending events oldest first, at least once each.

    Each event is marked published in its own committed transaction right after `publish`
    returns, so a failure part-way leaves only unpublished events pending. A crash between
    `publish` and the mark can still repeat one event; consumers deduplicate by `id`.
    """
    events = _load_pending_events(engine, limit)
    for event in events:
        publish(event)
        _mark_published(engine, event.id)
    return len(events)


def _load_pending_events(engine: Engine, limit: int) -> list[OutboxEvent]:
    query = (
        select(outbox.c.id, outbox.c.event_type, outbox.c.payload)
        .where(outbox.c.published.is_(False))
        .order_by(outbox.c.id)
        .limit(limit)
    )
    with engine.connect() as connection:
        return [OutboxEvent(*row) for row in connection.execute(query)]


def _mark_published(engine: Engine, event_id: int) -> None:
    with engine.begin() as connection:
        connection.execute(update(outbox).where(outbox.c.id == event_id).values(published=True))
