"""Range validation."""

from datetime import UTC, datetime, timedelta


def validated_range(
    start: datetime, end: datetime, chunk_size: timedelta
) -> tuple[datetime, datetime]:
    for name, moment in (("start", start), ("end", end)):
        if moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got {moment.isoformat()}")
    if start >= end:
        raise ValueError(f"start {start.isoformat()} must be before end {end.isoformat()}")
    if chunk_size <= timedelta(0):
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    return start.astimezone(UTC), end.astimezone(UTC)
