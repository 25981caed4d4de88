"""Bolt Parcel: JSON quotes priced in cents, weights in grams."""

import json
from collections.abc import Callable
from decimal import Decimal

from ..config import CACHE_TTL_SECONDS, CARRIER_URLS, MAX_ATTEMPTS
from ..errors import BadCarrierResponse, CarrierUnavailable
from ..http import Response, Transport, TransportError
from ..models import CarrierRate, Shipment
from ..pricing import billable_weight


class BoltAdapter:
    name = "bolt"

    def __init__(self, transport: Transport, clock: Callable[[], float]) -> None:
        self._transport = transport
        self._clock = clock
        self._cache: dict[tuple[str, str, str], tuple[float, Response, list[CarrierRate]]] = {}

    def rates(self, shipment: Shipment) -> tuple[Response, list[CarrierRate]]:
        grams = str(int(billable_weight(shipment) * 1000))
        key = (shipment.origin_zip, shipment.dest_zip, grams)
        cached = self._cache.get(key)
        if cached is not None and self._clock() - cached[0] < CACHE_TTL_SECONDS:
            return cached[1], cached[2]
        params = {"origin": shipment.origin_zip, "destination": shipment.dest_zip,
                  "weight_g": grams}
        response = self._get(params)
        rates = self._parse(response)
        self._cache[key] = (self._clock(), response, rates)
        return response, rates

    def _get(self, params: dict[str, str]) -> Response:
        last_error = ""
        for _attempt in range(MAX_ATTEMPTS):
            try:
                response = self._transport.get(CARRIER_URLS["bolt"], params)
            except TransportError as error:
                last_error = str(error)
                continue
            if response.status >= 500:
                last_error = f"HTTP {response.status}"
                continue
            if response.status != 200:
                raise BadCarrierResponse(f"bolt: HTTP {response.status}")
            return response
        raise CarrierUnavailable(f"bolt: gave up after {MAX_ATTEMPTS} attempts ({last_error})")

    def _parse(self, response: Response) -> list[CarrierRate]:
        try:
            data = json.loads(response.body)
        except ValueError:
            raise BadCarrierResponse("bolt: response is not JSON") from None
        if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
            raise BadCarrierResponse("bolt: response has no rates")
        rates = []
        for entry in data["quotes"]:
            if not isinstance(entry, dict):
                raise BadCarrierResponse("bolt: response has no rates")
            cents = entry.get("price_cents")
            if not isinstance(cents, int) or isinstance(cents, bool) or cents <= 0:
                raise BadCarrierResponse(f"bolt: bad price {cents!r}")
            base = Decimal(cents) / 100
            days = entry.get("transit_days")
            if not isinstance(days, int) or isinstance(days, bool) or days < 0:
                raise BadCarrierResponse(f"bolt: bad transit days {days!r}")
            rates.append(CarrierRate(str(entry.get("code")).lower(), base, days))
        return rates
