"""Checking the aggregator's configuration and input."""

from datetime import timedelta

from streaming.models import Event


def validate_config(window_size: timedelta, allowed_lateness: timedelta) -> None:
    if window_size <= timedelta(0):
        raise ValueError(f"window_size must be positive, got {window_size}")
    if allowed_lateness < timedelta(0):
        raise ValueError(f"allowed_lateness must not be negative, got {allowed_lateness}")


def validate_event(event: Event) -> None:
    if event.event_time.utcoffset() is None:
        raise ValueError(f"event_time of {event!r} must be timezone-aware")
