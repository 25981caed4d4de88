"""Bolt Parcel: JSON quotes priced in cents, weights in grams."""

from decimal import Decimal

from ..errors import BadCarrierResponse
from ..models import CarrierRate, Shipment
from ..pricing import billable_weight
from .base import CarrierAdapter
from .parsing import entry, json_entries, transit_days


class BoltAdapter(CarrierAdapter):
    name = "bolt"
    fuel_header = "X-Fuel-Pct"

    def params(self, shipment: Shipment) -> dict[str, str]:
        return {"origin": shipment.origin_zip, "destination": shipment.dest_zip,
                "weight_g": str(int(billable_weight(shipment) * 1000))}

    def parse(self, body: str) -> list[CarrierRate]:
        rates = []
        for value in json_entries(self.name, body, "quotes"):
            item = entry(self.name, value)
            base = self._price(item.get("price_cents"))
            days = transit_days(self.name, item.get("transit_days"))
            rates.append(CarrierRate(str(item.get("code")).lower(), base, days))
        return rates

    def _price(self, cents: object) -> Decimal:
        """Bolt prices are whole cents; anything else is a broken answer."""
        if not isinstance(cents, int) or isinstance(cents, bool) or cents <= 0:
            raise BadCarrierResponse(f"{self.name}: bad price {cents!r}")
        return Decimal(cents) / 100
