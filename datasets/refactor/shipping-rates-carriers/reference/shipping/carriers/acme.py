"""Acme Freight: JSON rates with decimal amounts."""

from ..models import CarrierRate, Shipment
from ..pricing import billable_weight
from .base import CarrierAdapter
from .parsing import entry, json_entries, positive_price, transit_days


class AcmeAdapter(CarrierAdapter):
    name = "acme"

    def params(self, shipment: Shipment) -> dict[str, str]:
        return {"from": shipment.origin_zip, "to": shipment.dest_zip,
                "kg": str(billable_weight(shipment))}

    def parse(self, body: str) -> list[CarrierRate]:
        rates = []
        for value in json_entries(self.name, body, "rates"):
            item = entry(self.name, value)
            base = positive_price(self.name, item.get("amount"))
            days = transit_days(self.name, item.get("days"))
            rates.append(CarrierRate(str(item.get("service")), base, days))
        return rates
