"""Acme Freight: JSON rates with decimal amounts."""

import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from ..config import CACHE_TTL_SECONDS, CARRIER_URLS, MAX_ATTEMPTS
from ..errors import BadCarrierResponse, CarrierUnavailable
from ..http import Response, Transport, TransportError
from ..models import CarrierRate, Shipment
from ..pricing import billable_weight


class AcmeAdapter:
    name = "acme"

    def __init__(self, transport: Transport, clock: Callable[[], float]) -> None:
        self._transport = transport
        self._clock = clock
        self._cache: dict[tuple[str, str, str], tuple[float, Response, list[CarrierRate]]] = {}

    def rates(self, shipment: Shipment) -> tuple[Response, list[CarrierRate]]:
        weight = str(billable_weight(shipment))
        key = (shipment.origin_zip, shipment.dest_zip, weight)
        cached = self._cache.get(key)
        if cached is not None and self._clock() - cached[0] < CACHE_TTL_SECONDS:
            return cached[1], cached[2]
        params = {"from": shipment.origin_zip, "to": shipment.dest_zip, "kg": weight}
        response = self._get(params)
        rates = self._parse(response)
        self._cache[key] = (self._clock(), response, rates)
        return response, rates

    def _get(self, params: dict[str, str]) -> Response:
        last_error = ""
        for _attempt in range(MAX_ATTEMPTS):
            try:
                response = self._transport.get(CARRIER_URLS["acme"], params)
            except TransportError as error:
                last_error = str(error)
                continue
            if response.status >= 500:
                last_error = f"HTTP {response.status}"
                continue
            if response.status != 200:
                raise BadCarrierResponse(f"acme: HTTP {response.status}")
            return response
        raise CarrierUnavailable(f"acme: gave up after {MAX_ATTEMPTS} attempts ({last_error})")

    def _parse(self, response: Response) -> list[CarrierRate]:
        try:
            data = json.loads(response.body)
        except ValueError:
            raise BadCarrierResponse("acme: response is not JSON") from None
        if not isinstance(data, dict) or not isinstance(data.get("rates"), list):
            raise BadCarrierResponse("acme: response has no rates")
        rates = []
        for entry in data["rates"]:
            if not isinstance(entry, dict):
                raise BadCarrierResponse("acme: response has no rates")
            try:
                base = Decimal(str(entry.get("amount")))
            except InvalidOperation:
                raise BadCarrierResponse(f"acme: bad price {entry.get('amount')!r}") from None
            if not base.is_finite() or base <= 0:
                raise BadCarrierResponse(f"acme: bad price {entry.get('amount')!r}")
            days = entry.get("days")
            if not isinstance(days, int) or isinstance(days, bool) or days < 0:
                raise BadCarrierResponse(f"acme: bad transit days {days!r}")
            rates.append(CarrierRate(str(entry.get("service")), base, days))
        return rates
