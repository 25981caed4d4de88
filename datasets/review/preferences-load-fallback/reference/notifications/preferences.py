"""Users' notification preferences, stored as one JSON document per user."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Protocol


@dataclass(frozen=True)
class Preferences:
    email_digest: str = "weekly"
    push_enabled: bool = True
    marketing_opt_in: bool = False
    quiet_hours: tuple[int, int] | None = None


class DocumentStore(Protocol):
    def get(self, key: str) -> str | None: ...

    def put(self, key: str, value: str) -> None: ...


class PreferenceService:
    def __init__(self, store: DocumentStore) -> None:
        self._store = store

    def get(self, user_id: str) -> Preferences:
        return self._load(user_id)

    def update(self, user_id: str, **changes: object) -> Preferences:
        """Apply a partial update from the settings page and persist the result."""
        unknown = set(changes) - set(Preferences.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown preference(s): {sorted(unknown)}")
        updated = replace(self._load(user_id), **changes)  # type: ignore[arg-type]
        self._store.put(self._key(user_id), json.dumps(asdict(updated)))
        return updated

    def _load(self, user_id: str) -> Preferences:
        document = self._store.get(self._key(user_id))
        if document is None:
            return Preferences()
        data = json.loads(document)
        if data.get("quiet_hours") is not None:
            data["quiet_hours"] = tuple(data["quiet_hours"])
        return Preferences(**data)

    @staticmethod
    def _key(user_id: str) -> str:
        return f"preferences:{user_id}"
