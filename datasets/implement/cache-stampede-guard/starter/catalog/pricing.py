"""The catalog's price lookups, served through the read-through cache."""

from decimal import Decimal
from typing import Protocol

from catalog.cache import ReadThroughCache


class PricingClient(Protocol):
    def fetch_price(self, sku: str) -> Decimal: ...


def price_cache(client: PricingClient) -> ReadThroughCache[str, Decimal]:
    return ReadThroughCache(client.fetch_price)
