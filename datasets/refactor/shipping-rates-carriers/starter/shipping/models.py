"""The values passed between the API, the service and the carriers."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Shipment:
    origin_zip: str
    dest_zip: str
    weight_kg: Decimal
    length_cm: int
    width_cm: int
    height_cm: int
    residential: bool = False


@dataclass(frozen=True)
class CarrierRate:
    """One service a carrier offers, before our surcharges."""

    service: str
    base: Decimal
    days: int


@dataclass(frozen=True)
class Quote:
    carrier: str
    service: str
    price: Decimal
    days: int

    def as_dict(self) -> dict[str, object]:
        return {
            "carrier": self.carrier,
            "service": self.service,
            "price": str(self.price),
            "days": self.days,
        }
