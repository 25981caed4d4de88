"""Event-time tumbling windows per key, with allowed lateness and dead letters."""

from collections.abc import Callable
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


@dataclass
class _Accumulator:
    count: int = 0
    total: float = 0.0


def window_start_for(event_time: datetime, window_size: timedelta) -> datetime:
    """Start of the epoch-aligned window holding `event_time`."""
    windows_since_epoch = (event_time - EPOCH) // window_size
    return EPOCH + windows_since_epoch * window_size


class TumblingWindowAggregator:
    def __init__(self, window_size: timedelta, allowed_lateness: timedelta) -> None:
        if window_size <= timedelta(0):
            raise ValueError(f"window_size must be positive, got {window_size}")
        if allowed_lateness < timedelta(0):
            raise ValueError(f"allowed_lateness must not be negative, got {allowed_lateness}")
        self._window_size = window_size
        self._allowed_lateness = allowed_lateness
        self._open_windows: dict[tuple[datetime, str], _Accumulator] = {}
        self._watermark: datetime | None = None
        self.dead_letters: list[Event] = []

    def add(self, event: Event) -> list[WindowResult]:
        if event.event_time.utcoffset() is None:
            raise ValueError(f"event_time of {event!r} must be timezone-aware")
        start = window_start_for(event.event_time, self._window_size)
        if self._is_closed(start):
            self.dead_letters.append(event)
            return []
        accumulator = self._open_windows.setdefault((start, event.key), _Accumulator())
        accumulator.count += 1
        accumulator.total += event.value
        if self._watermark is None or event.event_time > self._watermark:
            self._watermark = event.event_time
        return self._emit(self._is_closed)

    def flush(self) -> list[WindowResult]:
        return self._emit(lambda start: True)

    def _is_closed(self, window_start: datetime) -> bool:
        if self._watermark is None:
            return False
        return window_start + self._window_size + self._allowed_lateness <= self._watermark

    def _emit(self, should_emit: Callable[[datetime], bool]) -> list[WindowResult]:
        ready = sorted(slot for slot in self._open_windows if should_emit(slot[0]))
        return [self._to_result(slot, self._open_windows.pop(slot)) for slot in ready]

    def _to_result(self, slot: tuple[datetime, str], accumulator: _Accumulator) -> WindowResult:
        start, key = slot
        return WindowResult(
            key=key,
            window_start=start,
            window_end=start + self._window_size,
            count=accumulator.count,
            total=accumulator.total,
        )
