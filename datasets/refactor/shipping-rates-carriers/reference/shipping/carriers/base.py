"""What every carrier adapter shares: the request, retries, caching and the fuel header.

An adapter states only what differs per carrier: its query parameters, its body format and
the header its fuel percentage comes in.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..config import CARRIER_URLS
from ..http import Transport
from ..models import CarrierRate, Shipment
from .cache import AnswerCache, CarrierAnswer
from .parsing import fuel_percent
from .retry import get_with_retries


@dataclass(frozen=True)
class CarrierOffer:
    """What pricing needs from a carrier: its rates and its current fuel percentage."""

    rates: list[CarrierRate]
    fuel_percent: Decimal


class CarrierAdapter:
    name = ""
    fuel_header = "X-Fuel-Surcharge"

    def __init__(self, transport: Transport, clock: Callable[[], float]) -> None:
        self._transport = transport
        self._cache = AnswerCache(clock)

    def offer(self, shipment: Shipment) -> CarrierOffer:
        answer = self._answer(shipment)
        if not answer.rates:  # nothing to price: the fuel header is never read
            return CarrierOffer([], Decimal(0))
        return CarrierOffer(answer.rates, fuel_percent(self.name, answer.response,
                                                       self.fuel_header))

    def _answer(self, shipment: Shipment) -> CarrierAnswer:
        params = self.params(shipment)
        key = tuple(sorted(params.items()))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        response = get_with_retries(self._transport, self.name, CARRIER_URLS[self.name], params)
        answer = CarrierAnswer(response, self.parse(response.body))
        self._cache.put(key, answer)
        return answer

    def params(self, shipment: Shipment) -> dict[str, str]:
        raise NotImplementedError

    def parse(self, body: str) -> list[CarrierRate]:
        raise NotImplementedError
