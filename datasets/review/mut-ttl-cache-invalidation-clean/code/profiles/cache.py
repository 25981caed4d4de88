from collections.abc import Callable
from dataclasses import dataclass

from profiles.ports import Profile, ProfileRepository

Clock = Callable[[], float]


@dataclass(frozen=True)
class _Entry:
    # None is a cached "not found", distinct from having no entry at all.
    profile: Profile | None
    expires_at: float


class CachedProfileRepository:
    """Read-through cache in front of a ProfileRepository; writes invalidate."""

    def __init__(self, inner: ProfileRepository, ttl_seconds: float, clock: Clock) -> None:
        if ttl_seconds <= 0:
            raise ValueError(f"ttl_seconds must be positive, got {ttl_seconds}")
        self._inner = inner
        self._ttl_seconds = ttl_seconds
        self._clock = clock
        self._entries: dict[int, _Entry] = {}

    def get(self, user_id: int) -> Profile | None:
        entry = self._entries.get(user_id)
        if entry is not None and self._clock() < entry.expires_at:
            return entry.profile
        profile = self._inner.get(user_id)
        self._entries[user_id] = _Entry(profile, self._clock() + self._ttl_seconds)
        return profile

    def save(self, profile: Profile) -> None:
        self._inner.save(profile)
        self.invalidate(profile.user_id)

    def delete(self, user_id: int) -> None:
        self._inner.delete(user_id)
        self.invalidate(user_id)

    def invalidate(self, user_id: int) -> None:
        self._entries.pop(user_id, None)
