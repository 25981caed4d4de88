"""Ask every carrier, price what they offer, and return the quotes cheapest first."""

import time
from collections.abc import Callable

from .carriers.acme import AcmeAdapter
from .carriers.bolt import BoltAdapter
from .carriers.condor import CondorAdapter
from .errors import BadCarrierResponse, CarrierUnavailable
from .http import Transport
from .models import Quote, Shipment
from .pricing import price_quote


class RatesService:
    def __init__(self, transport: Transport, clock: Callable[[], float] = time.monotonic) -> None:
        self._adapters = [
            AcmeAdapter(transport, clock),
            BoltAdapter(transport, clock),
            CondorAdapter(transport, clock),
        ]

    def quotes(self, shipment: Shipment) -> list[Quote]:
        """Every carrier's quotes, cheapest first; a carrier that fails is left out."""
        quotes: list[Quote] = []
        failures: list[str] = []
        for adapter in self._adapters:
            try:
                response, rates = adapter.rates(shipment)
                priced = [
                    Quote(adapter.name, rate.service,
                          price_quote(adapter.name, rate, response, shipment), rate.days)
                    for rate in rates
                ]
            except (CarrierUnavailable, BadCarrierResponse) as error:
                failures.append(str(error))
                continue
            quotes.extend(priced)
        if not quotes:
            reasons = "; ".join(failures) or "no services offered"
            raise CarrierUnavailable(f"no carrier returned a rate: {reasons}")
        return sorted(quotes, key=lambda quote: (quote.price, quote.days, quote.carrier,
                                                 quote.service))

    def cheapest(self, shipment: Shipment) -> Quote:
        return self.quotes(shipment)[0]
