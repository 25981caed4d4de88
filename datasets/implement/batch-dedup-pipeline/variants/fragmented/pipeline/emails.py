"""email validation."""

from pipeline.errors import InvalidRowError


def parse_email(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidRowError(f"email: expected a string, got {value!r}")
    local, _, domain = value.partition("@")
    if not local or not domain or "@" in domain:
        raise InvalidRowError(f"email: {value!r} is not of the form local@domain")
    return value
