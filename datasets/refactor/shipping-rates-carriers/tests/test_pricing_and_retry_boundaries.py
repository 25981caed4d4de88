"""The two boundaries the request asks for: pricing without HTTP, and one retry policy.

The modules are imported when a test runs, so on code without them each test fails by name
(a missing boundary) rather than the whole file failing to collect.
"""

import importlib
import random
from decimal import Decimal

import pytest
from shipping.errors import BadCarrierResponse, CarrierUnavailable
from shipping.http import Response, TransportError
from shipping.models import Shipment
from shipping_fixtures import ACME, ScriptedTransport, load_original

ORIGINAL_PRICING = load_original("pricing")
ORIGINAL_MODELS = load_original("models")
NEAR = Shipment("10001", "10002", Decimal("1"), 10, 10, 10)


def price_rate(carrier, base, fuel_percent, shipment):
    return importlib.import_module("shipping.pricing").price_rate(carrier, base, fuel_percent,
                                                                  shipment)


def get_with_retries(transport, carrier, url, params):
    module = importlib.import_module("shipping.carriers.retry")
    return module.get_with_retries(transport, carrier, url, params)


def test_pricing_boundary_price_rate_adds_fuel_rounded_half_up():
    assert price_rate("acme", Decimal("10.10"), Decimal("5"), NEAR) == Decimal("10.61")
    assert price_rate("bolt", Decimal("10.05"), Decimal("5"), NEAR) == Decimal("10.55")
    assert str(price_rate("condor", Decimal("20"), Decimal("0"), NEAR)) == "20.00"


def test_pricing_boundary_price_rate_adds_zone_residential_and_oversize():
    far_home = Shipment("10001", "94105", Decimal("1"), 121, 10, 10, residential=True)
    assert price_rate("acme", Decimal("10.00"), Decimal("0"), far_home) == Decimal("38.20")
    assert price_rate("bolt", Decimal("10.00"), Decimal("0"), far_home) == Decimal("38.75")
    assert price_rate("condor", Decimal("10.00"), Decimal("12.5"), far_home) == Decimal("38.49")


def test_pricing_boundary_price_rate_matches_the_original_pricing():
    rng = random.Random(5)
    for _ in range(300):
        fields = {
            "origin_zip": rng.choice(["10001", "30301", "60601", "94105", "00501", "99950"]),
            "dest_zip": rng.choice(["10002", "29999", "75201", "94105", "00501"]),
            "weight_kg": Decimal(rng.choice(["0.5", "2.5", "12", "70"])),
            "length_cm": rng.choice([10, 99, 100, 101, 120, 121]),
            "width_cm": rng.choice([10, 50, 51]),
            "height_cm": rng.choice([1, 49, 50]),
            "residential": rng.random() < 0.5,
        }
        carrier = rng.choice(["acme", "bolt", "condor"])
        base = Decimal(rng.choice(["0.01", "9.99", "10.005", "10.10", "24.5", "100"]))
        fuel = rng.choice(["0", "5", "7.25", "12.5", "50"])
        header = {"acme": "X-Fuel-Surcharge", "bolt": "X-Fuel-Pct",
                  "condor": "X-Fuel-Surcharge"}[carrier]
        expected = ORIGINAL_PRICING.price_quote(
            carrier, ORIGINAL_MODELS.CarrierRate("s", base, 1), Response(200, "", {header: fuel}),
            ORIGINAL_MODELS.Shipment(**fields),
        )
        actual = price_rate(carrier, base, Decimal(fuel), Shipment(**fields))
        assert str(actual) == str(expected), (carrier, base, fuel, fields)


def test_retry_boundary_get_with_retries_returns_the_first_good_answer():
    good = Response(200, "ok", {"X-Fuel-Pct": "3"})
    transport = ScriptedTransport(Response, {ACME: [TransportError("timeout"),
                                                    Response(503, ""), good]})
    assert get_with_retries(transport, "acme", ACME, {"q": "1"}) is good
    assert transport.requests == [(ACME, {"q": "1"})] * 3


@pytest.mark.parametrize("answers, reason", [
    ([Response(500, ""), Response(502, ""), Response(503, "")], "HTTP 503"),
    ([Response(503, ""), Response(599, ""), TransportError("timeout")], "timeout"),
])
def test_retry_boundary_get_with_retries_gives_up_after_three_attempts(answers, reason):
    transport = ScriptedTransport(Response, {ACME: [*answers, Response(200, "late")]})
    with pytest.raises(CarrierUnavailable) as raised:
        get_with_retries(transport, "zeta", ACME, {})
    assert str(raised.value) == f"zeta: gave up after 3 attempts ({reason})"
    assert len(transport.requests) == 3


@pytest.mark.parametrize("status", [201, 204, 301, 400, 404, 429, 499])
def test_retry_boundary_get_with_retries_does_not_retry_a_refusal(status):
    transport = ScriptedTransport(Response, {ACME: [Response(status, "")]})
    with pytest.raises(BadCarrierResponse) as raised:
        get_with_retries(transport, "bolt", ACME, {"a": "b"})
    assert str(raised.value) == f"bolt: HTTP {status}"
    assert len(transport.requests) == 1

