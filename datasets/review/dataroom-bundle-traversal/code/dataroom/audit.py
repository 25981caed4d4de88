"""The audit trail every data room keeps of who saw which document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class AuditEvent:
    at: datetime
    user: str
    room_id: str
    action: str
    documents: tuple[str, ...]


class AuditLog(Protocol):
    def record(self, event: AuditEvent) -> None: ...

    def for_room(self, room_id: str) -> list[AuditEvent]: ...


class InMemoryAuditLog:
    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    def record(self, event: AuditEvent) -> None:
        self.events.append(event)

    def for_room(self, room_id: str) -> list[AuditEvent]:
        return [event for event in self.events if event.room_id == room_id]
