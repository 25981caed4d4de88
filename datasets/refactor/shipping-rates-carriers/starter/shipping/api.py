"""The quote endpoint: JSON payload in, (status, JSON body) out."""

from decimal import Decimal, InvalidOperation

from .config import MAX_WEIGHT_KG
from .errors import CarrierUnavailable, InvalidShipment
from .models import Shipment
from .service import RatesService


def handle_quote(service: RatesService, payload: object) -> tuple[int, dict[str, object]]:
    """POST /quotes: 200 with the quotes, 400 for a bad parcel, 502 when no carrier answers."""
    try:
        shipment = shipment_from_payload(payload)
    except InvalidShipment as error:
        return 400, {"error": str(error)}
    try:
        quotes = service.quotes(shipment)
    except CarrierUnavailable as error:
        return 502, {"error": str(error)}
    return 200, {"quotes": [quote.as_dict() for quote in quotes],
                 "cheapest": quotes[0].as_dict()}


def shipment_from_payload(payload: object) -> Shipment:
    if not isinstance(payload, dict):
        raise InvalidShipment("payload must be an object")
    residential = payload.get("residential", False)
    if not isinstance(residential, bool):
        raise InvalidShipment("residential must be true or false")
    return Shipment(
        origin_zip=_zip_code(payload, "origin_zip"),
        dest_zip=_zip_code(payload, "dest_zip"),
        weight_kg=_weight(payload.get("weight_kg")),
        length_cm=_side(payload, "length_cm"),
        width_cm=_side(payload, "width_cm"),
        height_cm=_side(payload, "height_cm"),
        residential=residential,
    )


def _zip_code(payload: dict[str, object], field: str) -> str:
    value = payload.get(field)
    if not isinstance(value, str) or len(value) != 5 or not value.isascii() or not value.isdigit():
        raise InvalidShipment(f"{field} must be 5 digits")
    return value


def _weight(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InvalidShipment("weight_kg must be a number")
    try:
        weight = Decimal(str(value))
    except InvalidOperation:
        raise InvalidShipment("weight_kg must be a number") from None
    if not weight.is_finite() or weight <= 0 or weight > MAX_WEIGHT_KG:
        raise InvalidShipment(f"weight_kg must be more than 0 and at most {MAX_WEIGHT_KG}")
    return weight


def _side(payload: dict[str, object], field: str) -> int:
    value = payload.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise InvalidShipment(f"{field} must be a positive whole number")
    return value
