"""The tracker's current behaviour, which each tenant must keep (pass-to-pass)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fleet_support import Operator, client_for, fleet_numbers


@pytest.fixture
def acme(tmp_path: Path) -> Iterator[Operator]:
    with client_for(tmp_path / "fleet.sqlite3") as client:
        yield Operator(client, "acme")


def test_registered_vehicle_is_active(acme: Operator) -> None:
    vehicle = acme.add_vehicle(" T-1 ", make=" Volvo ", odometer_km=1200)

    assert (vehicle["fleet_number"], vehicle["make"], vehicle["model"]) == ("T-1", "Volvo", "FH16")
    assert (vehicle["year"], vehicle["status"], vehicle["odometer_km"]) == (2020, "active", 1200)
    assert acme.get(f"/vehicles/{vehicle['id']}").json() == vehicle
    assert acme.add_vehicle("T-2")["odometer_km"] == 0


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [
        ("fleet_number", "ABCDEFGHIJ12", True),
        ("fleet_number", "ABCDEFGHIJ123", False),
        ("fleet_number", "t-1", False),
        ("make", "m" * 50, True),
        ("make", "m" * 51, False),
        ("model", "", False),
        ("model", "m" * 51, False),
        ("year", 1980, True),
        ("year", 2100, True),
        ("year", 1979, False),
        ("year", 2101, False),
        ("odometer_km", -1, False),
    ],
)
def test_vehicle_validation(acme: Operator, field: str, value: object, accepted: bool) -> None:
    body = {"fleet_number": "T-1", "make": "Volvo", "model": "FH16", "year": 2020, field: value}

    assert acme.post("/vehicles", json=body).status_code == (201 if accepted else 422)


def test_fleet_numbers_are_unique(acme: Operator) -> None:
    acme.add_vehicle("T-1", make="Volvo")

    body = {"fleet_number": "T-1", "make": "MAN", "model": "TGX", "year": 2019}
    duplicate = acme.post("/vehicles", json=body)

    assert duplicate.status_code == 409
    assert "T-1" in duplicate.json()["detail"]
    assert [v["make"] for v in acme.get("/vehicles").json()] == ["Volvo"]


def test_listing_filters_by_status_and_make(acme: Operator) -> None:
    acme.add_vehicle("T-2", make="MAN")
    retired = acme.add_vehicle("T-1")
    acme.add_vehicle("T-3")
    acme.post(f"/vehicles/{retired['id']}/retire")

    assert fleet_numbers(acme.get("/vehicles").json()) == ["T-1", "T-2", "T-3"]
    active_volvos = acme.get("/vehicles", params={"status": "active", "make": "VOLVO"}).json()
    assert fleet_numbers(active_volvos) == ["T-3"]
    assert fleet_numbers(acme.get("/vehicles", params={"status": "retired"}).json()) == ["T-1"]
    assert fleet_numbers(acme.get("/vehicles", params={"make": "man"}).json()) == ["T-2"]


def test_odometer_never_goes_back(acme: Operator) -> None:
    vehicle = acme.add_vehicle(odometer_km=5000)
    url = f"/vehicles/{vehicle['id']}/odometer"

    assert acme.post(url, json={"reading_km": 5000}).json()["odometer_km"] == 5000
    assert acme.post(url, json={"reading_km": 6000}).json()["odometer_km"] == 6000
    rollback = acme.post(url, json={"reading_km": 5999})
    assert rollback.status_code == 409
    assert "5999" in rollback.json()["detail"]
    assert acme.post(url, json={"reading_km": -1}).status_code == 422
    assert acme.get(f"/vehicles/{vehicle['id']}").json()["odometer_km"] == 6000


def test_retired_vehicle_is_frozen(acme: Operator) -> None:
    vehicle = acme.add_vehicle(odometer_km=10)
    base = f"/vehicles/{vehicle['id']}"

    retired = acme.post(f"{base}/retire")
    again = acme.post(f"{base}/retire")

    assert (retired.json()["status"], again.status_code, again.json()["status"]) == (
        "retired", 200, "retired"
    )
    assert acme.post(f"{base}/odometer", json={"reading_km": 20}).status_code == 409
    service = {"kind": "repair", "performed_on": "2024-01-01", "odometer_km": 5, "cost_cents": 1}
    assert acme.post(f"{base}/services", json=service).status_code == 409
    assert acme.get(f"{base}/services").json() == []
    assert acme.get(base).json()["odometer_km"] == 10


def test_logged_service_is_returned_and_moves_the_odometer_on(acme: Operator) -> None:
    vehicle = acme.add_vehicle(odometer_km=1000)

    record = acme.log(vehicle["id"], "brakes", 1500, cost_cents=12_345, notes="front pads")
    late = acme.log(vehicle["id"], "tyres", 900)

    assert (record["vehicle_id"], record["kind"], record["performed_on"]) == (
        vehicle["id"], "brakes", "2024-03-01"
    )
    assert (record["odometer_km"], record["cost_cents"], record["notes"]) == (
        1500, 12_345, "front pads"
    )
    assert late["notes"] == ""
    assert acme.get(f"/vehicles/{vehicle['id']}").json()["odometer_km"] == 1500


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [
        ("notes", "n" * 2000, True),
        ("notes", "n" * 2001, False),
        ("cost_cents", 0, True),
        ("cost_cents", -1, False),
        ("odometer_km", -1, False),
        ("kind", "carwash", False),
        ("performed_on", "yesterday", False),
    ],
)
def test_service_validation(acme: Operator, field: str, value: object, accepted: bool) -> None:
    vehicle = acme.add_vehicle()
    body = {"kind": "repair", "performed_on": "2024-01-01", "odometer_km": 1, "cost_cents": 1}

    response = acme.post(f"/vehicles/{vehicle['id']}/services", json={**body, field: value})

    assert response.status_code == (201 if accepted else 422)


def test_history_is_oldest_first_and_filters_by_kind(acme: Operator) -> None:
    vehicle = acme.add_vehicle()
    feb = acme.log(vehicle["id"], "oil_change", 100, performed_on="2024-02-01")
    tyres = acme.log(vehicle["id"], "tyres", 200, performed_on="2024-01-15")
    jan = acme.log(vehicle["id"], "oil_change", 300, performed_on="2024-01-01")
    feb_again = acme.log(vehicle["id"], "repair", 50, performed_on="2024-02-01")
    url = f"/vehicles/{vehicle['id']}/services"

    assert acme.get(url).json() == [jan, tyres, feb, feb_again]
    assert acme.get(url, params={"kind": "oil_change"}).json() == [jan, feb]


def test_due_services_most_overdue_first(acme: Operator) -> None:
    vehicle = acme.add_vehicle(odometer_km=35_000)
    acme.log(vehicle["id"], "inspection", 30_000)
    acme.log(vehicle["id"], "brakes", 1_000)
    acme.log(vehicle["id"], "brakes", 5_000)
    acme.log(vehicle["id"], "repair", 1)

    due = acme.get(f"/vehicles/{vehicle['id']}/due").json()

    assert due == [
        {"kind": "oil_change", "last_done_km": None, "overdue_by_km": 20_000},
        {"kind": "brakes", "last_done_km": 5_000, "overdue_by_km": 0},
    ]


def test_due_at_the_interval_exactly(acme: Operator) -> None:
    on_the_mark = acme.add_vehicle("T-1", odometer_km=15_000)
    just_short = acme.add_vehicle("T-2", odometer_km=14_999)

    assert acme.get(f"/vehicles/{on_the_mark['id']}/due").json() == [
        {"kind": "oil_change", "last_done_km": None, "overdue_by_km": 0}
    ]
    assert acme.get(f"/vehicles/{just_short['id']}/due").json() == []


def test_equally_overdue_services_in_kind_order(tmp_path: Path) -> None:
    intervals = {"tyres": 100, "brakes": 100, "oil_change": 300}
    with client_for(tmp_path / "custom.sqlite3", service_intervals_km=intervals) as client:
        acme = Operator(client, "acme")
        vehicle = acme.add_vehicle(odometer_km=150)

        due = acme.get(f"/vehicles/{vehicle['id']}/due").json()

    assert [(d["kind"], d["overdue_by_km"]) for d in due] == [("brakes", 50), ("tyres", 50)]


def test_cost_report_per_vehicle_for_one_year(acme: Operator) -> None:
    cheap, dear, tied = acme.add_vehicle("T-1"), acme.add_vehicle("T-3"), acme.add_vehicle("T-2")
    acme.log(cheap["id"], "oil_change", 10, cost_cents=5_000)
    acme.log(dear["id"], "repair", 10, cost_cents=60_000)
    acme.log(dear["id"], "brakes", 10, cost_cents=30_000, performed_on="2024-12-31")
    acme.log(dear["id"], "tyres", 20, cost_cents=40_000, performed_on="2023-12-31")
    acme.log(tied["id"], "repair", 10, cost_cents=5_000, performed_on="2024-01-01")

    report = acme.get("/reports/costs", params={"year": 2024}).json()
    previous = acme.get("/reports/costs", params={"year": 2023}).json()

    assert [(r["fleet_number"], r["services"], r["total_cents"]) for r in report] == [
        ("T-3", 2, 90_000), ("T-1", 1, 5_000), ("T-2", 1, 5_000)
    ]
    assert [r["vehicle_id"] for r in report] == [dear["id"], cheap["id"], tied["id"]]
    assert [(r["fleet_number"], r["total_cents"]) for r in previous] == [("T-3", 40_000)]
    assert acme.get("/reports/costs", params={"year": 1979}).status_code == 422
    assert acme.get("/reports/costs", params={"year": 2101}).status_code == 422
    assert acme.get("/reports/costs", params={"year": 1980}).json() == []


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("POST", "/odometer", {"reading_km": 5}),
        ("POST", "/retire", None),
        ("POST", "/services", {"kind": "repair", "performed_on": "2024-01-01",
                               "odometer_km": 1, "cost_cents": 1}),
        ("GET", "/services", None),
        ("GET", "/due", None),
    ],
)
def test_unknown_vehicle_is_404(
    acme: Operator, method: str, suffix: str, body: dict[str, object] | None
) -> None:
    response = acme.request(method, f"/vehicles/404{suffix}", json=body)

    assert response.status_code == 404
    assert "404" in response.json()["detail"]


def test_data_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "fleet.sqlite3"
    with client_for(path) as client:
        vehicle = Operator(client, "acme").add_vehicle(odometer_km=7)
        Operator(client, "acme").log(vehicle["id"], "repair", 9)

    for _ in range(2):
        with client_for(path) as client:
            acme = Operator(client, "acme")
            assert acme.get(f"/vehicles/{vehicle['id']}").json()["odometer_km"] == 9
            assert len(acme.get(f"/vehicles/{vehicle['id']}/services").json()) == 1
