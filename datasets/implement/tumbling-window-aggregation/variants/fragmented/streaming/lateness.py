"""When a window stops accepting events."""

from datetime import datetime, timedelta


def is_closed(
    window_start: datetime,
    window_size: timedelta,
    allowed_lateness: timedelta,
    watermark: datetime | None,
) -> bool:
    if watermark is None:
        return False
    return window_start + window_size + allowed_lateness <= watermark
