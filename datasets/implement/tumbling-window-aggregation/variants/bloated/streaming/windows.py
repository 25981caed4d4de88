"""Event-time tumbling windows per key, with allowed lateness and dead letters."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

logger = logging.getLogger(__name__)


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

    @property
    def mean(self) -> float:
        return self.total / self.count if self.count else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "count": self.count,
            "total": self.total,
        }


@dataclass
class _Accumulator:
    count: int = 0
    total: float = 0.0
    minimum: float | None = None
    maximum: float | None = None


def window_start_for(event_time: datetime, window_size: timedelta) -> datetime:
    """Start of the epoch-aligned window holding `event_time`."""
    windows_since_epoch = (event_time - EPOCH) // window_size
    return EPOCH + windows_since_epoch * window_size


def window_end_for(event_time: datetime, window_size: timedelta) -> datetime:
    windows_since_epoch = (event_time - EPOCH) // window_size
    return EPOCH + (windows_since_epoch + 1) * window_size


class TumblingWindowAggregator:
    def __init__(
        self,
        window_size: timedelta,
        allowed_lateness: timedelta,
        on_emit: Callable[[WindowResult], None] | None = None,
        max_dead_letters: int | None = None,
    ) -> None:
        if window_size <= timedelta(0):
            raise ValueError(f"window_size must be positive, got {window_size}")
        if allowed_lateness < timedelta(0):
            raise ValueError(f"allowed_lateness must not be negative, got {allowed_lateness}")
        self._window_size = window_size
        self._allowed_lateness = allowed_lateness
        self._open_windows: dict[tuple[datetime, str], _Accumulator] = {}
        self._watermark: datetime | None = None
        self._on_emit = on_emit
        self._max_dead_letters = max_dead_letters
        self.dead_letters: list[Event] = []

    @property
    def watermark(self) -> datetime | None:
        return self._watermark

    @property
    def open_window_count(self) -> int:
        return len(self._open_windows)

    def add(self, event: Event) -> list[WindowResult]:
        if event.event_time.utcoffset() is None:
            raise ValueError(f"event_time of {event!r} must be timezone-aware")
        start = window_start_for(event.event_time, self._window_size)
        if self._is_closed(start):
            self._dead_letter(event)
            return []
        accumulator = self._open_windows.setdefault((start, event.key), _Accumulator())
        accumulator.count += 1
        accumulator.total += event.value
        if accumulator.minimum is None or event.value < accumulator.minimum:
            accumulator.minimum = event.value
        if accumulator.maximum is None or event.value > accumulator.maximum:
            accumulator.maximum = event.value
        if self._watermark is None or event.event_time > self._watermark:
            self._watermark = event.event_time
        return self._emit(self._is_closed)

    def add_all(self, events: Iterable[Event]) -> list[WindowResult]:
        results: list[WindowResult] = []
        for event in events:
            results.extend(self.add(event))
        return results

    def flush(self) -> list[WindowResult]:
        ready = sorted(self._open_windows)
        results: list[WindowResult] = []
        for slot in ready:
            accumulator = self._open_windows.pop(slot)
            start, key = slot
            result = WindowResult(
                key=key,
                window_start=start,
                window_end=start + self._window_size,
                count=accumulator.count,
                total=accumulator.total,
            )
            if self._on_emit is not None:
                self._on_emit(result)
            results.append(result)
        return results

    def reset(self) -> None:
        self._open_windows.clear()
        self._watermark = None
        self.dead_letters.clear()

    def _dead_letter(self, event: Event) -> None:
        if self._max_dead_letters is not None and len(self.dead_letters) >= self._max_dead_letters:
            logger.warning("dead-letter list full, dropping %r", event)
            return
        self.dead_letters.append(event)

    def _is_closed(self, window_start: datetime) -> bool:
        if self._watermark is None:
            return False
        return window_start + self._window_size + self._allowed_lateness <= self._watermark

    def _is_late(self, event: Event) -> bool:
        if self._watermark is None:
            return False
        return event.event_time < self._watermark

    def _emit(self, should_emit: Callable[[datetime], bool]) -> list[WindowResult]:
        ready = sorted(slot for slot in self._open_windows if should_emit(slot[0]))
        results: list[WindowResult] = []
        for slot in ready:
            accumulator = self._open_windows.pop(slot)
            start, key = slot
            result = WindowResult(
                key=key,
                window_start=start,
                window_end=start + self._window_size,
                count=accumulator.count,
                total=accumulator.total,
            )
            if self._on_emit is not None:
                self._on_emit(result)
            results.append(result)
        return results
