"""FLEET-88 tenant scoping: fail on the single-tenant tracker, pass once it is multi-tenant."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fleet_support import Operator, client_for, fleet_numbers


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path / "fleet.sqlite3") as test_client:
        yield test_client


@pytest.fixture
def acme(client: TestClient) -> Operator:
    return Operator(client, "acme")


@pytest.fixture
def brisk(client: TestClient) -> Operator:
    return Operator(client, "brisk")


VEHICLE = {"fleet_number": "T-1", "make": "Volvo", "model": "FH16", "year": 2020}
SERVICE = {"kind": "repair", "performed_on": "2024-01-01", "odometer_km": 1, "cost_cents": 1}
ROUTES = [
    ("POST", "/vehicles", VEHICLE),
    ("GET", "/vehicles", None),
    ("GET", "/vehicles/1", None),
    ("POST", "/vehicles/1/odometer", {"reading_km": 5}),
    ("POST", "/vehicles/1/retire", None),
    ("POST", "/vehicles/1/services", SERVICE),
    ("GET", "/vehicles/1/services", None),
    ("GET", "/vehicles/1/due", None),
    ("GET", "/reports/costs?year=2024", None),
]


@pytest.mark.parametrize("header", [None, "", "   "])
@pytest.mark.parametrize(("method", "url", "body"), ROUTES)
def test_every_route_needs_a_tenant(
    client: TestClient,
    acme: Operator,
    header: str | None,
    method: str,
    url: str,
    body: dict[str, object] | None,
) -> None:
    vehicle = acme.add_vehicle("T-9", odometer_km=100)
    headers = {} if header is None else {"X-Tenant-Id": header}
    url = url.replace("/1", f"/{vehicle['id']}")

    response = client.request(method, url, json=body, headers=headers)

    assert response.status_code == 400
    assert acme.get("/vehicles").json() == [vehicle]
    assert acme.get(f"/vehicles/{vehicle['id']}/services").json() == []


def test_another_tenants_vehicle_does_not_exist(acme: Operator, brisk: Operator) -> None:
    vehicle = acme.add_vehicle(odometer_km=40_000)
    acme.log(vehicle["id"], "oil_change", 41_000)
    base = f"/vehicles/{vehicle['id']}"
    before = (acme.get(base).json(), acme.get(f"{base}/services").json())

    responses = [
        brisk.get(base),
        brisk.post(f"{base}/odometer", json={"reading_km": 99_000}),
        brisk.post(f"{base}/retire"),
        brisk.post(f"{base}/services", json=SERVICE),
        brisk.get(f"{base}/services"),
        brisk.get(f"{base}/due"),
    ]

    assert [r.status_code for r in responses] == [404] * 6
    after = (acme.get(base).json(), acme.get(f"{base}/services").json())
    assert after == before
    assert after[0]["status"] == "active"


def test_unknown_and_foreign_ids_answer_alike(acme: Operator, brisk: Operator) -> None:
    vehicle = acme.add_vehicle()

    foreign = brisk.get(f"/vehicles/{vehicle['id']}")
    unknown = brisk.get("/vehicles/999")

    assert (foreign.status_code, unknown.status_code) == (404, 404)
    assert foreign.json()["detail"] == unknown.json()["detail"].replace("999", str(vehicle["id"]))


def test_listing_shows_only_own_vehicles(acme: Operator, brisk: Operator) -> None:
    acme.add_vehicle("T-2")
    brisk.add_vehicle("T-1", make="MAN")
    acme.add_vehicle("T-3", make="MAN")
    retired = brisk.add_vehicle("T-4")
    brisk.post(f"/vehicles/{retired['id']}/retire")

    assert fleet_numbers(acme.get("/vehicles").json()) == ["T-2", "T-3"]
    assert fleet_numbers(brisk.get("/vehicles").json()) == ["T-1", "T-4"]
    assert fleet_numbers(acme.get("/vehicles", params={"make": "man"}).json()) == ["T-3"]
    assert fleet_numbers(brisk.get("/vehicles", params={"status": "active"}).json()) == ["T-1"]
    assert Operator(acme.client, "ACME").get("/vehicles").json() == []


def test_cost_report_covers_own_vehicles_only(acme: Operator, brisk: Operator) -> None:
    mine = acme.add_vehicle("T-1")
    theirs = brisk.add_vehicle("T-2")
    acme.log(mine["id"], "oil_change", 10, cost_cents=5_000)
    brisk.log(theirs["id"], "repair", 10, cost_cents=90_000)

    acme_report = acme.get("/reports/costs", params={"year": 2024}).json()
    brisk_report = brisk.get("/reports/costs", params={"year": 2024}).json()

    assert [(r["fleet_number"], r["total_cents"]) for r in acme_report] == [("T-1", 5_000)]
    assert [(r["vehicle_id"], r["services"]) for r in brisk_report] == [(theirs["id"], 1)]


def test_fleet_numbers_are_unique_per_tenant(acme: Operator, brisk: Operator) -> None:
    first = acme.add_vehicle("T-1")
    other_tenant = brisk.post("/vehicles", json=VEHICLE)
    same_tenant = acme.post("/vehicles", json=VEHICLE)

    assert other_tenant.status_code == 201
    assert other_tenant.json()["id"] != first["id"]
    assert same_tenant.status_code == 409
    assert brisk.post("/vehicles", json=VEHICLE).status_code == 409
    assert fleet_numbers(acme.get("/vehicles").json()) == ["T-1"]


def test_tenants_keep_their_own_schedules(acme: Operator, brisk: Operator) -> None:
    mine = acme.add_vehicle("T-1", odometer_km=16_000)
    theirs = brisk.add_vehicle("T-1", odometer_km=16_000)
    acme.log(mine["id"], "oil_change", 16_000)

    brisk.post(f"/vehicles/{theirs['id']}/odometer", json={"reading_km": 20_000})

    assert acme.get(f"/vehicles/{mine['id']}/due").json() == []
    due = brisk.get(f"/vehicles/{theirs['id']}/due").json()
    assert [d["kind"] for d in due] == ["oil_change", "inspection"]
    assert acme.get(f"/vehicles/{mine['id']}").json()["odometer_km"] == 16_000
    assert brisk.get(f"/vehicles/{theirs['id']}/services").json() == []
