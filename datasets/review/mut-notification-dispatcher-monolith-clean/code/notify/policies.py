"""When a non-critical notification may be sent: quiet hours and a per-user hourly limit."""

from collections.abc import Mapping
from typing import Any

RATE_WINDOW_SECONDS = 3600
_SECONDS_PER_HOUR = 3600


def in_quiet_hours(user: Mapping[str, Any], now: float) -> bool:
    quiet_hours = user.get("quiet_hours")
    if quiet_hours is None:
        return False
    start: int
    end: int
    start, end = quiet_hours
    local_hour = int((now / _SECONDS_PER_HOUR + user.get("utc_offset_hours", 0)) % 24)
    if start > end:  # the window spans midnight, e.g. 22 to 7
        return local_hour >= start or local_hour < end
    return start <= local_hour < end


class HourlyRateLimiter:
    """Counts successful deliveries per user over a sliding one-hour window."""

    def __init__(self, max_per_hour: int) -> None:
        self._max_per_hour = max_per_hour
        self._sent_at: dict[str, list[float]] = {}

    def count(self, user_id: str, now: float) -> int:
        recent = [t for t in self._sent_at.get(user_id, []) if t > now - RATE_WINDOW_SECONDS]
        self._sent_at[user_id] = recent
        return len(recent)

    def is_exhausted(self, user_id: str, now: float) -> bool:
        return self.count(user_id, now) >= self._max_per_hour

    def record(self, user_id: str, sent_at: float) -> None:
        self._sent_at.setdefault(user_id, []).append(sent_at)
