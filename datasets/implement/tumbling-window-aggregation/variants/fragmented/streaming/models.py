"""Events in, window results out."""

from dataclasses import dataclass
from datetime import datetime


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
