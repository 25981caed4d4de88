from datetime import date
from decimal import Decimal

import pytest

from pricing.fx import UnsupportedCurrency, parse_rates

FEED = (
    '{"base": "EUR", "date": "2026-03-02", '
    '"rates": {"GBP": 0.835, "USD": 1.0825, "CHF": 0.9145}}'
)


def test_feed_is_parsed() -> None:
    table = parse_rates(FEED)
    assert (table.base, table.as_of) == ("EUR", date(2026, 3, 2))
    assert set(table.rates) == {"GBP", "USD", "CHF"}


def test_rates_are_the_published_decimal_values() -> None:
    table = parse_rates(FEED)
    assert table.rates["GBP"] == Decimal("0.835")
    assert table.rates["USD"] == Decimal("1.0825")


def test_conversion_rounds_half_up_to_the_cent() -> None:
    table = parse_rates(FEED)
    assert table.convert(Decimal("1.00"), "GBP") == Decimal("0.84")  # 0.835 exactly
    assert table.convert(Decimal("10.00"), "CHF") == Decimal("9.15")  # 9.145 exactly
    assert table.convert(Decimal("20.00"), "USD") == Decimal("21.65")


def test_base_currency_is_not_converted() -> None:
    assert parse_rates(FEED).convert(Decimal("12.5"), "EUR") == Decimal("12.50")


def test_unknown_currency_is_refused() -> None:
    with pytest.raises(UnsupportedCurrency):
        parse_rates(FEED).convert(Decimal("1"), "JPY")
