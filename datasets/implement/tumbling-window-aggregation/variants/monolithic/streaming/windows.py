"""Event-time tumbling windows per key, with allowed lateness and dead letters."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Event:
    key: str
    value: float
    event_time: datetime


@dataclass(frozen=True)
class WindowResult:
    key: str
    window_start: datetime
    window_end: datetime
    count: int
    total: float


class TumblingWindowAggregator:
    def __init__(self, window_size: timedelta, allowed_lateness: timedelta) -> None:
        if window_size <= timedelta(0):
            raise ValueError(f"window_size must be positive, got {window_size}")
        if allowed_lateness < timedelta(0):
            raise ValueError(f"allowed_lateness must not be negative, got {allowed_lateness}")
        self._window_size = window_size
        self._allowed_lateness = allowed_lateness
        # (window start, key) -> [count, total]
        self._open_windows: dict[tuple[datetime, str], list[float]] = {}
        self._watermark: datetime | None = None
        self.dead_letters: list[Event] = []

    def add(self, event: Event) -> list[WindowResult]:
        if event.event_time.utcoffset() is None:
            raise ValueError(f"event_time of {event!r} must be timezone-aware")
        # Epoch-aligned window holding the event.
        start = EPOCH + ((event.event_time - EPOCH) // self._window_size) * self._window_size
        if (
            self._watermark is not None
            and start + self._window_size + self._allowed_lateness <= self._watermark
        ):
            self.dead_letters.append(event)
            return []
        slot = (start, event.key)
        if slot not in self._open_windows:
            self._open_windows[slot] = [0, 0.0]
        self._open_windows[slot][0] += 1
        self._open_windows[slot][1] += event.value
        if self._watermark is None or event.event_time > self._watermark:
            self._watermark = event.event_time
        results: list[WindowResult] = []
        for window_start, key in sorted(self._open_windows):
            closes_at = window_start + self._window_size + self._allowed_lateness
            if closes_at > self._watermark:
                continue
            count, total = self._open_windows.pop((window_start, key))
            results.append(
                WindowResult(
                    key=key,
                    window_start=window_start,
                    window_end=window_start + self._window_size,
                    count=int(count),
                    total=total,
                )
            )
        return results

    def flush(self) -> list[WindowResult]:
        results = [
            WindowResult(key, start, start + self._window_size, int(count), total)
            for (start, key), (count, total) in sorted(self._open_windows.items())
        ]
        self._open_windows.clear()
        return results
