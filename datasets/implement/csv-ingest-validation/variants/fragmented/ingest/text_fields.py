"""Required text fields."""


def parse_required_text(value: str) -> str:
    if not value:
        raise ValueError("is required")
    return value
