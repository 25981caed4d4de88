"""Currency code validation."""

import re

CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def parse_currency(value: str) -> str:
    if not CURRENCY_CODE.fullmatch(value):
        raise ValueError(f"{value!r} is not a three-letter uppercase currency code")
    return value
