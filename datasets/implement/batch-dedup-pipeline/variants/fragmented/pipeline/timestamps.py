"""updated_at validation."""

from datetime import datetime

from pipeline.errors import InvalidRowError


def parse_aware_timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise InvalidRowError(f"updated_at: expected an ISO 8601 string, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise InvalidRowError(f"updated_at: {value!r} is not ISO 8601") from error
    if parsed.utcoffset() is None:
        raise InvalidRowError(f"updated_at: {value!r} has no UTC offset")
    return parsed
