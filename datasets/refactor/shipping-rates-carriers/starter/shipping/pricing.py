"""Our price on top of a carrier's rate: fuel, zone, residential and oversize surcharges."""

from decimal import ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation

from .config import (
    DIM_DIVISOR,
    MAX_FUEL_PERCENT,
    OVERSIZE_FEE,
    OVERSIZE_GIRTH_CM,
    OVERSIZE_LONGEST_CM,
    RESIDENTIAL_FEES,
    ZONE_SURCHARGES,
)
from .errors import BadCarrierResponse
from .http import Response
from .models import CarrierRate, Shipment

CENT = Decimal("0.01")

# Each carrier sends its current fuel percentage in a header of its own.
FUEL_HEADERS = {"acme": "X-Fuel-Surcharge", "bolt": "X-Fuel-Pct", "condor": "X-Fuel-Surcharge"}


def billable_weight(shipment: Shipment) -> Decimal:
    """Carriers bill the larger of the real weight and the volume weight (cm3 / 5000)."""
    volume = shipment.length_cm * shipment.width_cm * shipment.height_cm
    dimensional = (Decimal(volume) / DIM_DIVISOR).quantize(Decimal("0.1"), rounding=ROUND_UP)
    return max(shipment.weight_kg, dimensional)


def zone_for(origin_zip: str, dest_zip: str) -> int:
    distance = abs(int(origin_zip[0]) - int(dest_zip[0]))
    return distance // 2 + 1


def is_oversize(shipment: Shipment) -> bool:
    sides = sorted([shipment.length_cm, shipment.width_cm, shipment.height_cm])
    longest = sides[2]
    girth = longest + 2 * (sides[0] + sides[1])
    return longest > OVERSIZE_LONGEST_CM or girth > OVERSIZE_GIRTH_CM


def price_quote(carrier: str, rate: CarrierRate, response: Response, shipment: Shipment) -> Decimal:
    raw = response.headers.get(FUEL_HEADERS[carrier], "0")
    try:
        fuel_percent = Decimal(raw)
    except InvalidOperation:
        raise BadCarrierResponse(f"{carrier}: bad fuel surcharge {raw!r}") from None
    if not fuel_percent.is_finite() or fuel_percent < 0 or fuel_percent > MAX_FUEL_PERCENT:
        raise BadCarrierResponse(f"{carrier}: bad fuel surcharge {raw!r}")
    fuel = (rate.base * fuel_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    price = rate.base + fuel + ZONE_SURCHARGES[zone_for(shipment.origin_zip, shipment.dest_zip)]
    if shipment.residential:
        price += RESIDENTIAL_FEES[carrier]
    if is_oversize(shipment):
        price += OVERSIZE_FEE
    return price.quantize(CENT, rounding=ROUND_HALF_UP)
