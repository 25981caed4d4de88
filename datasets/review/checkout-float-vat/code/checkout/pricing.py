"""Prices a basket for checkout: net subtotal, VAT for the buyer's country, gross total."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

VAT_RATES = {"NL": 0.21, "DE": 0.19, "FR": 0.20, "IE": 0.23}


class PricingError(Exception):
    pass


@dataclass(frozen=True)
class BasketLine:
    sku: str
    quantity: int


@dataclass(frozen=True)
class Quote:
    subtotal: float
    vat: float
    total: float
    currency: str = "EUR"


class PriceCalculator:
    def __init__(self, catalogue_prices: Mapping[str, str]) -> None:
        """catalogue_prices maps SKU to the net unit price as stored, e.g. "9.50"."""
        self._prices = catalogue_prices

    def quote(self, lines: Sequence[BasketLine], country: str) -> Quote:
        rate = self._vat_rate(country)
        subtotal = sum(self._unit_price(line.sku) * line.quantity for line in lines)
        vat = round(subtotal * rate, 2)
        return Quote(subtotal=round(subtotal, 2), vat=vat, total=round(subtotal + vat, 2))

    def _unit_price(self, sku: str) -> float:
        try:
            return float(self._prices[sku])
        except KeyError as exc:
            raise PricingError(f"no price for {sku!r}") from exc

    @staticmethod
    def _vat_rate(country: str) -> float:
        try:
            return VAT_RATES[country]
        except KeyError as exc:
            raise PricingError(f"we do not ship to {country!r}") from exc
