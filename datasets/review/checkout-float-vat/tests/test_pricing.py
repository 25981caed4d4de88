from decimal import Decimal

import pytest

from checkout.pricing import BasketLine, PriceCalculator, PricingError

PRICES = {"MUG": "9.50", "TEA": "4.50", "SPOON": "0.10", "PEN": "0.20"}


def cents(value: object) -> Decimal:
    return Decimal(str(value))


def test_simple_basket() -> None:
    quote = PriceCalculator(PRICES).quote([BasketLine("TEA", 2)], "FR")
    assert (cents(quote.subtotal), cents(quote.vat), cents(quote.total)) == (
        Decimal("9.00"), Decimal("1.80"), Decimal("10.80")
    )


def test_vat_half_cent_rounds_up() -> None:
    quote = PriceCalculator(PRICES).quote([BasketLine("MUG", 1)], "NL")
    assert cents(quote.vat) == Decimal("2.00")  # 9.50 * 21% = 1.995
    assert cents(quote.total) == Decimal("11.50")


def test_small_amounts_sum_exactly() -> None:
    lines = [BasketLine("SPOON", 1), BasketLine("PEN", 1)] * 3
    quote = PriceCalculator(PRICES).quote(lines, "DE")
    assert cents(quote.subtotal) == Decimal("0.90")
    assert cents(quote.vat) == Decimal("0.17")  # 0.90 * 19% = 0.171


def test_vat_matches_exact_decimal_arithmetic_for_many_prices() -> None:
    prices = {f"SKU{c}": f"{c // 100}.{c % 100:02d}" for c in range(100, 2000, 50)}
    calculator = PriceCalculator(prices)
    wrong = []
    for sku, price in prices.items():
        exact = (Decimal(price) * Decimal("0.21")).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        if cents(calculator.quote([BasketLine(sku, 1)], "NL").vat) != exact:
            wrong.append(sku)
    assert wrong == []


def test_unknown_country_is_rejected() -> None:
    with pytest.raises(PricingError):
        PriceCalculator(PRICES).quote([BasketLine("MUG", 1)], "US")
