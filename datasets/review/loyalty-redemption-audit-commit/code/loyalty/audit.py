"""The audit trail: who changed what, exported nightly to the compliance archive."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from loyalty.models import AuditEvent


def utc_now() -> datetime:
    return datetime.now(UTC)


class AuditTrail:
    def __init__(self, session: Session, clock: Callable[[], datetime] = utc_now) -> None:
        self._session = session
        self._clock = clock

    def record(self, actor: str, action: str, subject: str, **details: object) -> None:
        self._session.add(
            AuditEvent(
                actor=actor,
                action=action,
                subject=subject,
                details=dict(details),
                created_at=self._clock(),
            )
        )
        self._session.commit()

    def events_for(self, subject: str) -> list[AuditEvent]:
        return list(
            self._session.scalars(
                select(AuditEvent).where(AuditEvent.subject == subject).order_by(AuditEvent.id)
            )
        )
