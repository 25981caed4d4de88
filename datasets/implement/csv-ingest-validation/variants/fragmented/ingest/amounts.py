"""Amount parsing."""

from decimal import Decimal, InvalidOperation


def parse_amount(value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"{value!r} is not a decimal number") from error
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not a finite amount")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"{value!r} has more than two decimal places")
    return amount
