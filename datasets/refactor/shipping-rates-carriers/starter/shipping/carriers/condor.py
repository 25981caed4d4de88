"""Condor Express: one `service;price;days` line per service, `#` lines are comments."""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from ..config import CACHE_TTL_SECONDS, CARRIER_URLS, MAX_ATTEMPTS
from ..errors import BadCarrierResponse, CarrierUnavailable
from ..http import Response, Transport, TransportError
from ..models import CarrierRate, Shipment
from ..pricing import billable_weight


class CondorAdapter:
    name = "condor"

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
        params = {"o": shipment.origin_zip, "d": shipment.dest_zip, "w": weight}
        response = self._get(params)
        rates = self._parse(response)
        self._cache[key] = (self._clock(), response, rates)
        return response, rates

    def _get(self, params: dict[str, str]) -> Response:
        last_error = ""
        for _attempt in range(MAX_ATTEMPTS):
            try:
                response = self._transport.get(CARRIER_URLS["condor"], params)
            except TransportError as error:
                last_error = str(error)
                continue
            if response.status >= 500:
                last_error = f"HTTP {response.status}"
                continue
            if response.status != 200:
                raise BadCarrierResponse(f"condor: HTTP {response.status}")
            return response
        raise CarrierUnavailable(f"condor: gave up after {MAX_ATTEMPTS} attempts ({last_error})")

    def _parse(self, response: Response) -> list[CarrierRate]:
        rates = []
        for line in response.body.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split(";")
            if len(fields) != 3:
                raise BadCarrierResponse(f"condor: bad line {line!r}")
            service, price, days_text = (field.strip() for field in fields)
            try:
                base = Decimal(price)
            except InvalidOperation:
                raise BadCarrierResponse(f"condor: bad price {price!r}") from None
            if not base.is_finite() or base <= 0:
                raise BadCarrierResponse(f"condor: bad price {price!r}")
            if not days_text.isdecimal():
                raise BadCarrierResponse(f"condor: bad transit days {days_text!r}")
            rates.append(CarrierRate(service, base, int(days_text)))
        return rates
