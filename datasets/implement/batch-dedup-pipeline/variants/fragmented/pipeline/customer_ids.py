"""customer_id validation."""

from pipeline.errors import InvalidRowError


def parse_customer_id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidRowError(f"customer_id: expected a non-empty string, got {value!r}")
    return value
