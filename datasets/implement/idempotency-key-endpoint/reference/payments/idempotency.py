from dataclasses import dataclass
from typing import Any

Payload = dict[str, Any]


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: dict[str, Any]


@dataclass(frozen=True)
class _Record:
    payload: Payload
    response: StoredResponse


class IdempotencyKeyReused(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(f"idempotency key {key!r} was already used with a different payload")
        self.key = key


class IdempotencyStore:
    """Remembers the final response given for each idempotency key (in memory)."""

    def __init__(self) -> None:
        self._records: dict[str, _Record] = {}

    def find_response(self, key: str, payload: Payload) -> StoredResponse | None:
        record = self._records.get(key)
        if record is None:
            return None
        if record.payload != payload:
            raise IdempotencyKeyReused(key)
        return record.response

    def remember(self, key: str, payload: Payload, response: StoredResponse) -> None:
        self._records[key] = _Record(payload, response)
