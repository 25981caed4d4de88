"""Turning a closed window into a result."""

from datetime import datetime, timedelta

from streaming.accumulator import Accumulator
from streaming.models import WindowResult


def to_result(
    slot: tuple[datetime, str], accumulator: Accumulator, window_size: timedelta
) -> WindowResult:
    start, key = slot
    return WindowResult(
        key=key,
        window_start=start,
        window_end=start + window_size,
        count=accumulator.count,
        total=accumulator.total,
    )
