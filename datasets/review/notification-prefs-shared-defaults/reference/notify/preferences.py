"""Per-user notification preferences: on which channels each kind of notification is sent.

Users who never opened the preferences page have no stored record and get the defaults. Records
are kept as JSON in the key-value store the notification service already uses.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    PUSH = "push"
    SMS = "sms"


class Kind(StrEnum):
    SECURITY = "security"
    BILLING = "billing"
    MENTIONS = "mentions"
    PRODUCT_UPDATES = "product_updates"


DEFAULT_CHANNELS: dict[Kind, set[Channel]] = {
    Kind.SECURITY: {Channel.EMAIL, Channel.PUSH},
    Kind.BILLING: {Channel.EMAIL},
    Kind.MENTIONS: {Channel.PUSH},
    Kind.PRODUCT_UPDATES: {Channel.EMAIL},
}
# Security notices (new login, password changed) always go out by email.
MANDATORY: dict[Kind, frozenset[Channel]] = {Kind.SECURITY: frozenset({Channel.EMAIL})}


class PreferenceError(ValueError):
    pass


@dataclass
class Preferences:
    user_id: str
    channels: dict[Kind, set[Channel]] = field(
        default_factory=lambda: {kind: set(chans) for kind, chans in DEFAULT_CHANNELS.items()}
    )

    def enabled(self, kind: Kind) -> frozenset[Channel]:
        return frozenset(self.channels.get(kind, set()) | MANDATORY.get(kind, frozenset()))

    def opt_in(self, kind: Kind, channel: Channel) -> None:
        self.channels.setdefault(kind, set()).add(channel)

    def opt_out(self, kind: Kind, channel: Channel) -> None:
        if channel in MANDATORY.get(kind, frozenset()):
            raise PreferenceError(f"{kind.value} notifications are always sent by {channel.value}")
        self.channels.get(kind, set()).discard(channel)

    def to_json(self) -> str:
        return json.dumps(
            {kind.value: sorted(c.value for c in channels) for kind, channels in self.channels.items()}
        )

    @classmethod
    def from_json(cls, user_id: str, text: str) -> Preferences:
        raw = json.loads(text)
        return cls(user_id, {Kind(k): {Channel(c) for c in channels} for k, channels in raw.items()})


class PreferenceStore:
    def __init__(self, kv: MutableMapping[str, str]) -> None:
        self._kv = kv

    @staticmethod
    def _key(user_id: str) -> str:
        return f"notification-preferences:{user_id}"

    def get(self, user_id: str) -> Preferences:
        stored = self._kv.get(self._key(user_id))
        return Preferences(user_id) if stored is None else Preferences.from_json(user_id, stored)

    def save(self, preferences: Preferences) -> None:
        self._kv[self._key(preferences.user_id)] = preferences.to_json()

    def update(self, user_id: str, kind: Kind, channel: Channel, enabled: bool) -> Preferences:
        """Apply one toggle from the preferences page and store the result."""
        preferences = self.get(user_id)
        if enabled:
            preferences.opt_in(kind, channel)
        else:
            preferences.opt_out(kind, channel)
        self.save(preferences)
        return preferences

    def reset(self, user_id: str) -> Preferences:
        """Forget the user's choices: they get the defaults again."""
        self._kv.pop(self._key(user_id), None)
        return self.get(user_id)
