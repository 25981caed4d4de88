"""Exchange rates into the base currency (EUR)."""

from decimal import Decimal, InvalidOperation

from .errors import ExpenseError

BASE_CURRENCY = "EUR"

# Units of the base currency one unit of each currency buys. Finance updates these monthly.
DEFAULT_RATES = {
    "EUR": Decimal("1"),
    "USD": Decimal("0.9150"),
    "GBP": Decimal("1.1725"),
    "CHF": Decimal("1.0450"),
    "JPY": Decimal("0.0061"),
}


def parse_rates(text: str) -> dict[str, Decimal]:
    """Read a rates table, one `CUR=rate` a line; blank lines and `#` comments are ignored.

    The base currency is always present at rate 1, whether the table lists it or not.
    """
    rates = {BASE_CURRENCY: Decimal("1")}
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        currency, separator, value = line.partition("=")
        currency = currency.strip().upper()
        if not separator or len(currency) != 3 or not currency.isalpha():
            raise ExpenseError(f"rates line {number}: expected CUR=rate, got {raw_line!r}")
        try:
            rate = Decimal(value.strip())
        except InvalidOperation:
            raise ExpenseError(f"rates line {number}: {value.strip()!r} is not a number") from None
        if not rate.is_finite() or rate <= 0:
            raise ExpenseError(f"rates line {number}: rate must be positive")
        if currency == BASE_CURRENCY and rate != 1:
            raise ExpenseError(f"rates line {number}: {BASE_CURRENCY} must have rate 1")
        rates[currency] = rate
    return rates
