"""Timestamp parsing."""

from datetime import datetime


def parse_aware_timestamp(value: str) -> datetime:
    try:
        timestamp = datetime.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"{value!r} is not an ISO 8601 timestamp") from error
    if timestamp.utcoffset() is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return timestamp
