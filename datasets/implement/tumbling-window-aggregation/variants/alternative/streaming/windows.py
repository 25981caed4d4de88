"""Per-key tumbling windows over event time, closed by a watermark plus allowed lateness."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from streaming.epoch import aligned_start


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


@dataclass
class _Tally:
    """The running count and sum of one key's events in one window."""

    count: int = 0
    total: float = 0.0


WindowId = tuple[datetime, str]  # (window start in UTC, key): sorts as results must


@dataclass
class TumblingWindowAggregator:
    window_size: timedelta
    allowed_lateness: timedelta
    dead_letters: list[Event] = field(default_factory=list, init=False)
    _open: dict[WindowId, _Tally] = field(default_factory=dict, init=False, repr=False)
    _watermark: datetime | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.window_size <= timedelta(0):
            raise ValueError(f"window_size must be positive, got {self.window_size}")
        if self.allowed_lateness < timedelta(0):
            raise ValueError(f"allowed_lateness must not be negative, got {self.allowed_lateness}")

    def add(self, event: Event) -> list[WindowResult]:
        if event.event_time.utcoffset() is None:
            raise ValueError(f"event_time must be timezone-aware, got {event.event_time!r}")
        start = aligned_start(event.event_time.astimezone(timezone.utc), self.window_size)
        if self._is_closed(start):
            self.dead_letters.append(event)
            return []
        tally = self._open.setdefault((start, event.key), _Tally())
        tally.count += 1
        tally.total += event.value
        if self._watermark is None or event.event_time > self._watermark:
            self._watermark = event.event_time
        return self._emit([window for window in self._open if self._is_closed(window[0])])

    def flush(self) -> list[WindowResult]:
        return self._emit(list(self._open))

    def _is_closed(self, start: datetime) -> bool:
        if self._watermark is None:
            return False
        return start + self.window_size + self.allowed_lateness <= self._watermark

    def _emit(self, windows: list[WindowId]) -> list[WindowResult]:
        """Results for `windows`, which are forgotten: each window is emitted exactly once."""
        results = []
        for start, key in sorted(windows):
            tally = self._open.pop((start, key))
            results.append(
                WindowResult(key, start, start + self.window_size, tally.count, tally.total)
            )
        return results
