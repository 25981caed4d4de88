"""The account timeline of the support console: a user's recent security events, from the
audit trail, so an agent can tell a customer when a reset link was sent or a password changed."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Any

MAX_EVENTS_KEPT = 10_000
_HIDDEN_KEYS = frozenset({"event", "at", "user_id"})


@dataclass(frozen=True)
class TimelineEntry:
    at: str
    event: str
    details: str


class RecentAuditEvents(logging.Handler):
    """Keeps the latest audit entries in memory for the support console (attached to the
    `audit` logger next to the SIEM shipper)."""

    def __init__(self, capacity: int = MAX_EVENTS_KEPT) -> None:
        super().__init__(level=logging.INFO)
        self.entries: deque[dict[str, Any]] = deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        entry = getattr(record, "audit", None)
        if isinstance(entry, dict):
            self.entries.append(entry)

    def timeline(self, user_id: int, limit: int = 50) -> list[TimelineEntry]:
        mine = [e for e in reversed(self.entries) if e.get("user_id") == user_id][:limit]
        return [
            TimelineEntry(
                str(e["at"]),
                str(e["event"]),
                ", ".join(f"{k}={e[k]}" for k in sorted(e) if k not in _HIDDEN_KEYS),
            )
            for e in mine
        ]
