"""Event-time tumbling windows per key, with allowed lateness and dead letters."""

from collections.abc import Callable
from datetime import datetime, timedelta

from streaming.accumulator import Accumulator
from streaming.alignment import window_start_for
from streaming.lateness import is_closed
from streaming.models import Event, WindowResult
from streaming.results import to_result
from streaming.validation import validate_config, validate_event
from streaming.watermarks import advance

__all__ = ["Event", "TumblingWindowAggregator", "WindowResult", "window_start_for"]


class TumblingWindowAggregator:
    def __init__(self, window_size: timedelta, allowed_lateness: timedelta) -> None:
        validate_config(window_size, allowed_lateness)
        self._window_size = window_size
        self._allowed_lateness = allowed_lateness
        self._open_windows: dict[tuple[datetime, str], Accumulator] = {}
        self._watermark: datetime | None = None
        self.dead_letters: list[Event] = []

    def add(self, event: Event) -> list[WindowResult]:
        validate_event(event)
        start = self._start_of(event.event_time)
        if self._is_closed(start):
            self._dead_letter(event)
            return []
        self._accumulator_for(start, event.key).add(event.value)
        self._watermark = advance(self._watermark, event.event_time)
        return self._emit(self._is_closed)

    def flush(self) -> list[WindowResult]:
        return self._emit(lambda start: True)

    def _start_of(self, event_time: datetime) -> datetime:
        return window_start_for(event_time, self._window_size)

    def _dead_letter(self, event: Event) -> None:
        self.dead_letters.append(event)

    def _accumulator_for(self, start: datetime, key: str) -> Accumulator:
        return self._open_windows.setdefault((start, key), Accumulator())

    def _is_closed(self, window_start: datetime) -> bool:
        return is_closed(window_start, self._window_size, self._allowed_lateness, self._watermark)

    def _emit(self, should_emit: Callable[[datetime], bool]) -> list[WindowResult]:
        ready = sorted(slot for slot in self._open_windows if should_emit(slot[0]))
        return [self._result(slot, self._open_windows.pop(slot)) for slot in ready]

    def _result(self, slot: tuple[datetime, str], accumulator: Accumulator) -> WindowResult:
        return to_result(slot, accumulator, self._window_size)
