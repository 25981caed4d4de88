"""The team's own smoke tests for the quote endpoint."""

import json
from decimal import Decimal

from shipping.api import handle_quote
from shipping.http import Response
from shipping.service import RatesService

PARCEL = {"origin_zip": "10001", "dest_zip": "94105", "weight_kg": "2.5",
          "length_cm": 30, "width_cm": 20, "height_cm": 10}


class StubTransport:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def get(self, url, params):
        self.calls.append(url)
        if "acme" in url:
            return Response(200, json.dumps({"rates": [{"service": "ground", "amount": "10.00",
                                                        "days": 5}]}))
        if "bolt" in url:
            return Response(200, json.dumps({"quotes": [{"code": "EXP", "price_cents": 1999,
                                                         "transit_days": 2}]}))
        return Response(503, "")


def test_quotes_are_sorted_and_a_down_carrier_is_skipped():
    status, body = handle_quote(RatesService(StubTransport(), clock=lambda: 0.0), PARCEL)
    assert status == 200
    assert [q["carrier"] for q in body["quotes"]] == ["acme", "bolt"]
    assert body["cheapest"]["price"] == str(Decimal("10.00") + Decimal("6.25"))


def test_a_bad_parcel_is_rejected():
    status, body = handle_quote(RatesService(StubTransport()), {**PARCEL, "dest_zip": "941"})
    assert (status, body) == (400, {"error": "dest_zip must be 5 digits"})
