"""Prices a basket for checkout: net subtotal, VAT for the buyer's country, gross total."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

VAT_RATES = {"NL": Decimal("0.21"), "DE": Decimal("0.19"), "FR": Decimal("0.20"),
             "IE": Decimal("0.23")}
CENT = Decimal("0.01")


class PricingError(Exception):
    pass


@dataclass(frozen=True)
class BasketLine:
    sku: str
    quantity: int


@dataclass(frozen=True)
class Quote:
    subtotal: Decimal
    vat: Decimal
    total: Decimal
    currency: str = "EUR"


class PriceCalculator:
    def __init__(self, catalogue_prices: Mapping[str, str]) -> None:
        """catalogue_prices maps SKU to the net unit price as stored, e.g. "9.50"."""
        self._prices = catalogue_prices

    def quote(self, lines: Sequence[BasketLine], country: str) -> Quote:
        rate = self._vat_rate(country)
        subtotal = sum((self._unit_price(line.sku) * line.quantity for line in lines), Decimal(0))
        vat = (subtotal * rate).quantize(CENT, ROUND_HALF_UP)
        return Quote(subtotal=subtotal.quantize(CENT, ROUND_HALF_UP), vat=vat,
                     total=(subtotal + vat).quantize(CENT, ROUND_HALF_UP))

    def _unit_price(self, sku: str) -> Decimal:
        try:
            return Decimal(self._prices[sku])
        except KeyError as exc:
            raise PricingError(f"no price for {sku!r}") from exc

    @staticmethod
    def _vat_rate(country: str) -> Decimal:
        try:
            return VAT_RATES[country]
        except KeyError as exc:
            raise PricingError(f"we do not ship to {country!r}") from exc
