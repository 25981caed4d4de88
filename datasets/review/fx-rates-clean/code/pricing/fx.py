"""Shows cart prices in the shopper's currency, using the daily rates feed of our FX provider.

Feed body: {"base": "EUR", "date": "2026-03-02", "rates": {"GBP": 0.835, "USD": 1.0825}}
Charges are settled in the converted amount, so it is rounded half-up to the cent like the
provider's own quotes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


class UnsupportedCurrency(LookupError):
    pass


@dataclass(frozen=True)
class RateTable:
    base: str
    as_of: date
    rates: Mapping[str, Decimal]

    def convert(self, amount: Decimal, currency: str) -> Decimal:
        """`amount` in the base currency, converted and rounded to the cent."""
        if currency == self.base:
            return amount.quantize(CENT, rounding=ROUND_HALF_UP)
        try:
            rate = self.rates[currency]
        except KeyError:
            raise UnsupportedCurrency(f"no {self.base}->{currency} rate on {self.as_of}") from None
        return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)

    def convert_lines(self, amounts: Iterable[Decimal], currency: str) -> list[Decimal]:
        return [self.convert(amount, currency) for amount in amounts]


def parse_rates(body: str) -> RateTable:
    payload = json.loads(body, parse_float=Decimal)
    rates = {code: Decimal(value) for code, value in payload["rates"].items()}
    if any(rate <= 0 for rate in rates.values()):
        raise ValueError(f"non-positive rate in feed for {payload['date']}")
    return RateTable(payload["base"], date.fromisoformat(payload["date"]), rates)
