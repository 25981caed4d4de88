"""Public behaviour of the quote endpoint and the rates service, as callers see it today."""

from decimal import Decimal

import pytest
from shipping.api import handle_quote
from shipping.errors import CarrierUnavailable, ShippingError
from shipping.http import Response, TransportError
from shipping.models import Shipment
from shipping.service import RatesService
from shipping_fixtures import (
    ACME,
    BOLT,
    CONDOR,
    ManualClock,
    ScriptedTransport,
    acme_body,
    bolt_body,
    condor_body,
)

PARCEL = {"origin_zip": "10001", "dest_zip": "94105", "weight_kg": "2.5",
          "length_cm": 30, "width_cm": 20, "height_cm": 10}


def quote(payload=None, scripts=None, defaults=None, clock=None):
    transport = ScriptedTransport(Response, scripts, defaults)
    service = RatesService(transport, clock or ManualClock())
    return handle_quote(service, PARCEL if payload is None else payload), transport


def prices(body):
    return [(q["carrier"], q["service"], q["price"]) for q in body["quotes"]]


def test_quotes_from_every_carrier_cheapest_first():
    (status, body), transport = quote()
    assert status == 200
    assert prices(body) == [("condor", "eco", "14.65"), ("acme", "ground", "16.25"),
                            ("bolt", "std", "18.24"), ("acme", "express", "30.75")]
    assert body["cheapest"] == {"carrier": "condor", "service": "eco", "price": "14.65",
                                "days": 7}
    assert transport.requests_to(ACME) == [{"from": "10001", "to": "94105", "kg": "2.5"}]
    assert transport.requests_to(BOLT) == [{"origin": "10001", "destination": "94105",
                                            "weight_g": "2500"}]
    assert transport.requests_to(CONDOR) == [{"o": "10001", "d": "94105", "w": "2.5"}]


def test_cheapest_returns_a_quote_object():
    service = RatesService(ScriptedTransport(Response), ManualClock())
    shipment = Shipment("10001", "10002", Decimal("1"), 10, 10, 10)
    cheapest = service.cheapest(shipment)
    assert (cheapest.carrier, cheapest.service, cheapest.price, cheapest.days) == (
        "condor", "eco", Decimal("8.40"), 7)


@pytest.mark.parametrize("dest, surcharge", [("10002", "0.00"), ("29999", "0.00"),
                                             ("30000", "1.50"), ("59999", "2.75"),
                                             ("70000", "4.00"), ("94105", "6.25")])
def test_zone_surcharge_by_distance_between_zip_regions(dest, surcharge):
    defaults = {ACME: Response(200, acme_body(("ground", "10.00", 5))),
                BOLT: Response(200, bolt_body()), CONDOR: Response(200, "")}
    (status, body), _ = quote({**PARCEL, "dest_zip": dest}, defaults=defaults)
    assert prices(body) == [("acme", "ground", str(Decimal("10.00") + Decimal(surcharge)))]


def test_fuel_surcharge_from_each_carriers_header_rounded_half_up():
    defaults = {
        ACME: Response(200, acme_body(("ground", "10.10", 5)), {"X-Fuel-Surcharge": "5"}),
        BOLT: Response(200, bolt_body(("STD", 1005, 4)), {"X-Fuel-Pct": "5"}),
        CONDOR: Response(200, condor_body(("eco", "20", 7)), {"X-Fuel-Pct": "50"}),
    }
    (status, body), _ = quote({**PARCEL, "dest_zip": "10002"}, defaults=defaults)
    assert prices(body) == [("bolt", "std", "10.55"), ("acme", "ground", "10.61"),
                            ("condor", "eco", "20.00")]


@pytest.mark.parametrize("fuel", ["abc", "-0.5", "50.01", "NaN", "Infinity"])
def test_a_bad_fuel_header_drops_that_carrier(fuel):
    defaults = {ACME: Response(200, acme_body(("ground", "10.00", 5)),
                               {"X-Fuel-Surcharge": fuel})}
    (status, body), _ = quote(defaults=defaults)
    assert [q["carrier"] for q in body["quotes"]] == ["condor", "bolt"]
    defaults[BOLT] = defaults[CONDOR] = Response(404, "")
    (status, body), _ = quote(defaults=defaults)
    assert status == 502
    assert body["error"] == (f"no carrier returned a rate: acme: bad fuel surcharge {fuel!r}; "
                             "bolt: HTTP 404; condor: HTTP 404")


def test_residential_and_oversize_fees():
    only_acme = {BOLT: Response(200, bolt_body()), CONDOR: Response(200, "")}
    payload = {**PARCEL, "dest_zip": "10002", "residential": True, "length_cm": 121}
    (status, body), _ = quote(payload, defaults=only_acme)
    assert prices(body)[0] == ("acme", "ground", "31.95")
    (status, body), _ = quote({**payload, "length_cm": 120, "residential": False},
                              defaults=only_acme)
    assert prices(body)[0] == ("acme", "ground", "10.00")
    for dims, fee in (((101, 50, 50), "18.00"), ((100, 50, 50), "0.00")):  # girth 300 is fine
        sides = dict(zip(("length_cm", "width_cm", "height_cm"), dims, strict=True))
        (status, body), _ = quote({**PARCEL, "dest_zip": "10002", **sides}, defaults=only_acme)
        assert prices(body)[0][2] == str(Decimal("10.00") + Decimal(fee))


def test_residential_fee_differs_per_carrier():
    (status, body), _ = quote({**PARCEL, "dest_zip": "10002", "residential": True})
    assert prices(body) == [("condor", "eco", "11.39"), ("acme", "ground", "13.95"),
                            ("bolt", "std", "16.49"), ("acme", "express", "28.45")]


@pytest.mark.parametrize("sides, weight, kg, grams", [
    ((50, 40, 30), "2.5", "12.0", "12000"),
    ((33, 33, 33), "2.5", "7.2", "7200"),
    ((10, 10, 10), "2.50", "2.50", "2500"),
    ((1, 1, 1), "0.0005", "0.1", "100"),
    ((10, 10, 10), "0.0005", "0.2", "200"),
])
def test_carriers_are_asked_for_the_billable_weight(sides, weight, kg, grams):
    dims = dict(zip(("length_cm", "width_cm", "height_cm"), sides, strict=True))
    (status, body), transport = quote({**PARCEL, **dims, "weight_kg": weight})
    assert transport.requests_to(ACME)[0]["kg"] == kg
    assert transport.requests_to(BOLT)[0]["weight_g"] == grams
    assert transport.requests_to(CONDOR)[0]["w"] == kg


def test_network_errors_and_5xx_are_retried_up_to_three_times():
    scripts = {ACME: [TransportError("timeout"), Response(503, "")],
               BOLT: [Response(500, ""), Response(502, ""), TransportError("reset")],
               CONDOR: [Response(429, "")]}
    (status, body), transport = quote(scripts=scripts)
    assert [q["carrier"] for q in body["quotes"]] == ["acme", "acme"]
    assert len(transport.requests_to(ACME)) == 3
    assert len(transport.requests_to(BOLT)) == 3
    assert len(transport.requests_to(CONDOR)) == 1


def test_every_carrier_failing_is_a_502_naming_each_failure():
    scripts = {ACME: [Response(503, "")] * 3, BOLT: [TransportError("connection reset")] * 3,
               CONDOR: [Response(200, "ground;9.99")]}
    (status, body), _ = quote(scripts=scripts)
    assert (status, body) == (502, {"error": (
        "no carrier returned a rate: acme: gave up after 3 attempts (HTTP 503); "
        "bolt: gave up after 3 attempts (connection reset); condor: bad line 'ground;9.99'")})


def test_no_services_offered_anywhere():
    defaults = {ACME: Response(200, acme_body()), BOLT: Response(200, bolt_body()),
                CONDOR: Response(200, "# nothing today\n\n")}
    (status, body), _ = quote(defaults=defaults)
    assert (status, body) == (502, {"error": "no carrier returned a rate: no services offered"})
    service = RatesService(ScriptedTransport(Response, defaults=defaults), ManualClock())
    with pytest.raises(CarrierUnavailable) as raised:
        service.cheapest(Shipment("10001", "10002", Decimal("1"), 10, 10, 10))
    assert isinstance(raised.value, ShippingError)


@pytest.mark.parametrize("url, body, error", [
    (ACME, "<html>", "acme: response is not JSON"),
    (ACME, '{"rates": {}}', "acme: response has no rates"),
    (ACME, '[1]', "acme: response has no rates"),
    (ACME, '{"rates": ["x"]}', "acme: response has no rates"),
    (ACME, acme_body(("ground", "0", 5)), "acme: bad price '0'"),
    (ACME, acme_body(("ground", "ten", 5)), "acme: bad price 'ten'"),
    (ACME, acme_body(("ground", "5", -1)), "acme: bad transit days -1"),
    (ACME, acme_body(("ground", "5", True)), "acme: bad transit days True"),
    (BOLT, bolt_body(("STD", 0, 4)), "bolt: bad price 0"),
    (BOLT, bolt_body(("STD", 12.5, 4)), "bolt: bad price 12.5"),
    (BOLT, bolt_body(("STD", 100, "2")), "bolt: bad transit days '2'"),
    (BOLT, '{"rates": []}', "bolt: response has no rates"),
    (CONDOR, "eco;-1;3", "condor: bad price '-1'"),
    (CONDOR, "eco;1;x", "condor: bad transit days 'x'"),
    (CONDOR, "eco;1;2;3", "condor: bad line 'eco;1;2;3'"),
])
def test_unreadable_answers_name_the_carrier_and_the_problem(url, body, error):
    others = {u: Response(404, "") for u in (ACME, BOLT, CONDOR) if u != url}
    (status, answer), _ = quote(defaults={**others, url: Response(200, body)})
    assert status == 502
    assert error in answer["error"].split(": ", 1)[1].split("; ")


def test_answers_are_cached_for_five_minutes_per_route_and_weight():
    clock = ManualClock()
    transport = ScriptedTransport(Response)
    service = RatesService(transport, clock)
    handle_quote(service, PARCEL)
    clock.now += 299.9
    handle_quote(service, {**PARCEL, "residential": True, "length_cm": 31})
    assert len(transport.requests) == 3
    clock.now += 0.1  # 300 s after the first answer: stale
    handle_quote(service, PARCEL)
    assert len(transport.requests) == 6
    handle_quote(service, {**PARCEL, "weight_kg": "2.6"})
    handle_quote(service, {**PARCEL, "dest_zip": "94106"})
    assert len(transport.requests) == 12


def test_a_failed_answer_is_not_cached():
    transport = ScriptedTransport(Response, {ACME: [Response(404, "")]})
    service = RatesService(transport, ManualClock())
    handle_quote(service, PARCEL)
    status, body = handle_quote(service, PARCEL)
    assert len(transport.requests_to(ACME)) == 2
    assert len(transport.requests_to(BOLT)) == 1
    assert "acme" in [q["carrier"] for q in body["quotes"]]


@pytest.mark.parametrize("payload, error", [
    ([], "payload must be an object"),
    ({**PARCEL, "residential": "yes"}, "residential must be true or false"),
    ({**PARCEL, "origin_zip": 10001}, "origin_zip must be 5 digits"),
    ({**PARCEL, "dest_zip": "9410a"}, "dest_zip must be 5 digits"),
    ({**PARCEL, "dest_zip": "941050"}, "dest_zip must be 5 digits"),
    ({**PARCEL, "dest_zip": "\u0669\u0664\u0661\u0660\u0665"}, "dest_zip must be 5 digits"),
    ({**PARCEL, "weight_kg": True}, "weight_kg must be a number"),
    ({**PARCEL, "weight_kg": None}, "weight_kg must be a number"),
    ({**PARCEL, "weight_kg": "heavy"}, "weight_kg must be a number"),
    ({**PARCEL, "weight_kg": 0}, "weight_kg must be more than 0 and at most 70"),
    ({**PARCEL, "weight_kg": "70.01"}, "weight_kg must be more than 0 and at most 70"),
    ({**PARCEL, "weight_kg": "NaN"}, "weight_kg must be more than 0 and at most 70"),
    ({**PARCEL, "length_cm": 0}, "length_cm must be a positive whole number"),
    ({**PARCEL, "width_cm": 2.0}, "width_cm must be a positive whole number"),
    ({**PARCEL, "height_cm": False}, "height_cm must be a positive whole number"),
])
def test_bad_parcels_are_a_400(payload, error):
    (status, body), transport = quote(payload)
    assert (status, body) == (400, {"error": error})
    assert transport.requests == []


def test_weight_limits_are_inclusive_at_70_kg():
    (status, body), transport = quote({**PARCEL, "weight_kg": 70})
    assert status == 200
    assert transport.requests_to(ACME)[0]["kg"] == "70"


def test_equal_prices_sort_by_days_then_carrier_then_service():
    defaults = {ACME: Response(200, acme_body(("b", "10", 3), ("a", "10", 3), ("c", "10", 2))),
                BOLT: Response(200, bolt_body(("A", 1000, 3))),
                CONDOR: Response(200, condor_body(("a", "9.99", 9)))}
    (status, body), _ = quote({**PARCEL, "dest_zip": "10002"}, defaults=defaults)
    assert [(q["carrier"], q["service"]) for q in body["quotes"]] == [
        ("condor", "a"), ("acme", "c"), ("acme", "a"), ("acme", "b"), ("bolt", "a")]
