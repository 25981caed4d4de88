"""Condor Express: one `service;price;days` line per service, `#` lines are comments."""

from ..errors import BadCarrierResponse
from ..models import CarrierRate, Shipment
from ..pricing import billable_weight
from .base import CarrierAdapter
from .parsing import positive_price


class CondorAdapter(CarrierAdapter):
    name = "condor"

    def params(self, shipment: Shipment) -> dict[str, str]:
        return {"o": shipment.origin_zip, "d": shipment.dest_zip,
                "w": str(billable_weight(shipment))}

    def parse(self, body: str) -> list[CarrierRate]:
        lines = (line.strip() for line in body.splitlines())
        return [self._rate(line) for line in lines if line and not line.startswith("#")]

    def _rate(self, line: str) -> CarrierRate:
        fields = line.split(";")
        if len(fields) != 3:
            raise BadCarrierResponse(f"{self.name}: bad line {line!r}")
        service, price, days = (field.strip() for field in fields)
        base = positive_price(self.name, price)
        if not days.isdecimal():
            raise BadCarrierResponse(f"{self.name}: bad transit days {days!r}")
        return CarrierRate(service, base, int(days))
