from fastapi.testclient import TestClient

from tests.conftest import add_vehicle, log


def test_registered_vehicle_is_active(api: TestClient) -> None:
    vehicle = add_vehicle(api, odometer_km=1200)

    assert (vehicle["status"], vehicle["odometer_km"]) == ("active", 1200)
    assert api.get(f"/vehicles/{vehicle['id']}").json() == vehicle


def test_fleet_numbers_are_unique(api: TestClient) -> None:
    add_vehicle(api, "T-1")

    duplicate = api.post(
        "/vehicles", json={"fleet_number": "T-1", "make": "MAN", "model": "TGX", "year": 2019}
    )

    assert duplicate.status_code == 409


def test_listing_filters_by_status_and_make(api: TestClient) -> None:
    add_vehicle(api, "T-2", make="MAN")
    retired = add_vehicle(api, "T-1")
    add_vehicle(api, "T-3")
    api.post(f"/vehicles/{retired['id']}/retire")

    active_volvos = api.get("/vehicles", params={"status": "active", "make": "volvo"}).json()

    assert [v["fleet_number"] for v in active_volvos] == ["T-3"]
    assert [v["fleet_number"] for v in api.get("/vehicles").json()] == ["T-1", "T-2", "T-3"]


def test_odometer_never_goes_back(api: TestClient) -> None:
    vehicle = add_vehicle(api, odometer_km=5000)
    url = f"/vehicles/{vehicle['id']}/odometer"

    assert api.post(url, json={"reading_km": 6000}).json()["odometer_km"] == 6000
    assert api.post(url, json={"reading_km": 5999}).status_code == 409


def test_retired_vehicle_takes_no_services(api: TestClient) -> None:
    vehicle = add_vehicle(api)
    api.post(f"/vehicles/{vehicle['id']}/retire")

    response = api.post(
        f"/vehicles/{vehicle['id']}/services",
        json={"kind": "repair", "performed_on": "2024-01-01", "odometer_km": 1, "cost_cents": 1},
    )

    assert response.status_code == 409


def test_service_moves_the_odometer_on(api: TestClient) -> None:
    vehicle = add_vehicle(api, odometer_km=1000)

    log(api, vehicle["id"], "oil_change", 1500)

    assert api.get(f"/vehicles/{vehicle['id']}").json()["odometer_km"] == 1500


def test_history_filters_by_kind(api: TestClient) -> None:
    vehicle = add_vehicle(api)
    log(api, vehicle["id"], "oil_change", 100, performed_on="2024-02-01")
    log(api, vehicle["id"], "tyres", 200)
    log(api, vehicle["id"], "oil_change", 300, performed_on="2024-01-01")

    oil = api.get(f"/vehicles/{vehicle['id']}/services", params={"kind": "oil_change"}).json()

    assert [r["performed_on"] for r in oil] == ["2024-01-01", "2024-02-01"]


def test_due_services_most_overdue_first(api: TestClient) -> None:
    vehicle = add_vehicle(api, odometer_km=35_000)
    log(api, vehicle["id"], "inspection", 30_000)
    log(api, vehicle["id"], "brakes", 1_000)

    due = api.get(f"/vehicles/{vehicle['id']}/due").json()

    assert [(d["kind"], d["overdue_by_km"]) for d in due] == [
        ("oil_change", 20_000),
        ("brakes", 4_000),
    ]


def test_cost_report_per_vehicle(api: TestClient) -> None:
    cheap, dear = add_vehicle(api, "T-1"), add_vehicle(api, "T-2")
    log(api, cheap["id"], "oil_change", 10, cost_cents=5_000)
    log(api, dear["id"], "repair", 10, cost_cents=90_000)
    log(api, dear["id"], "tyres", 20, cost_cents=40_000, performed_on="2023-12-31")

    report = api.get("/reports/costs", params={"year": 2024}).json()

    assert [(r["fleet_number"], r["total_cents"]) for r in report] == [
        ("T-2", 90_000),
        ("T-1", 5_000),
    ]
