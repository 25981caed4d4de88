from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fleet.api import create_app
from fleet.config import Settings


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_path=tmp_path / "fleet.sqlite3"))) as client:
        yield client


def add_vehicle(api: TestClient, fleet_number: str = "T-1", **extra: object) -> dict:
    body = {"fleet_number": fleet_number, "make": "Volvo", "model": "FH16", "year": 2020, **extra}
    response = api.post("/vehicles", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def log(api: TestClient, vehicle_id: int, kind: str, km: int, **extra: object) -> dict:
    body = {"kind": kind, "performed_on": "2024-03-01", "odometer_km": km, "cost_cents": 100}
    response = api.post(f"/vehicles/{vehicle_id}/services", json={**body, **extra})
    assert response.status_code == 201, response.text
    return response.json()
