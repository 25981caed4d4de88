"""The security audit trail: one structured line per security-relevant event.

Audit lines go to the `audit` logger, which ships them to the SIEM and keeps them for two years;
the security and support teams search them. Values of sensitive fields are redacted here, so
callers can pass what describes the event without sorting it themselves.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime

SENSITIVE_FIELDS = frozenset(
    {"password", "new_password", "old_password", "token", "reset_token", "otp", "secret"}
)
REDACTED = "[redacted]"

_log = logging.getLogger("audit")


class AuditLog:
    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._clock = clock

    def record(self, event: str, **fields: object) -> None:
        entry = {"event": event, "at": self._clock().isoformat(), **_redacted(fields)}
        _log.info("%s", json.dumps(entry, default=str, sort_keys=True), extra={"audit": entry})


def _redacted(fields: dict[str, object]) -> dict[str, object]:
    return {
        name: REDACTED if name.lower() in SENSITIVE_FIELDS else value
        for name, value in fields.items()
    }
