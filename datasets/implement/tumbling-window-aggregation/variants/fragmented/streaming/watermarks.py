"""Advancing the watermark."""

from datetime import datetime


def advance(watermark: datetime | None, event_time: datetime) -> datetime:
    if watermark is None or event_time > watermark:
        return event_time
    return watermark
