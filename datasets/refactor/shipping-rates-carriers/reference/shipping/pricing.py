"""Our price on top of a carrier's rate: fuel, zone, residential and oversize surcharges.

Pure arithmetic on values: the carriers' HTTP answers are read in `shipping.carriers`.
"""

from decimal import ROUND_HALF_UP, ROUND_UP, Decimal

from .config import (
    DIM_DIVISOR,
    OVERSIZE_FEE,
    OVERSIZE_GIRTH_CM,
    OVERSIZE_LONGEST_CM,
    RESIDENTIAL_FEES,
    ZONE_SURCHARGES,
)
from .models import Shipment

CENT = Decimal("0.01")


def billable_weight(shipment: Shipment) -> Decimal:
    """Carriers bill the larger of the real weight and the volume weight (cm3 / 5000)."""
    volume = shipment.length_cm * shipment.width_cm * shipment.height_cm
    dimensional = (Decimal(volume) / DIM_DIVISOR).quantize(Decimal("0.1"), rounding=ROUND_UP)
    return max(shipment.weight_kg, dimensional)


def zone_for(origin_zip: str, dest_zip: str) -> int:
    """Zones 1-5 from how far apart the first digits of the two zip codes are."""
    distance = abs(int(origin_zip[0]) - int(dest_zip[0]))
    return distance // 2 + 1


def is_oversize(shipment: Shipment) -> bool:
    shortest, middle, longest = sorted([shipment.length_cm, shipment.width_cm, shipment.height_cm])
    girth = longest + 2 * (shortest + middle)
    return longest > OVERSIZE_LONGEST_CM or girth > OVERSIZE_GIRTH_CM


def price_rate(carrier: str, base: Decimal, fuel_percent: Decimal, shipment: Shipment) -> Decimal:
    """The price we quote for a carrier's base rate, given its current fuel percentage."""
    fuel = (base * fuel_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    price = base + fuel + ZONE_SURCHARGES[zone_for(shipment.origin_zip, shipment.dest_zip)]
    if shipment.residential:
        price += RESIDENTIAL_FEES[carrier]
    if is_oversize(shipment):
        price += OVERSIZE_FEE
    return price.quantize(CENT, rounding=ROUND_HALF_UP)
