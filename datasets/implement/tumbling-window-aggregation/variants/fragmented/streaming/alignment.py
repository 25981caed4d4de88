"""Epoch-aligned window boundaries."""

from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def window_start_for(event_time: datetime, window_size: timedelta) -> datetime:
    """Start of the epoch-aligned window holding `event_time`."""
    windows_since_epoch = (event_time - EPOCH) // window_size
    return EPOCH + windows_since_epoch * window_size
