"""Shared helpers of the hidden fleet tests (not a test module)."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from fleet.api import create_app
from fleet.config import Settings


def client_for(path: Path, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(database_path=path, **settings)))


@dataclass
class Operator:
    """The API as one tenant sees it: every request carries its X-Tenant-Id."""

    client: TestClient
    tenant: str

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        return self.client.request(method, url, headers={"X-Tenant-Id": self.tenant}, **kwargs)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.request("POST", url, **kwargs)

    def add_vehicle(self, fleet_number: str = "T-1", **extra: object) -> Any:
        body = {"fleet_number": fleet_number, "make": "Volvo", "model": "FH16", "year": 2020}
        response = self.post("/vehicles", json={**body, **extra})
        assert response.status_code == 201, response.text
        return response.json()

    def log(self, vehicle_id: int, kind: str, km: int, **extra: object) -> Any:
        body = {"kind": kind, "performed_on": "2024-03-01", "odometer_km": km, "cost_cents": 100}
        response = self.post(f"/vehicles/{vehicle_id}/services", json={**body, **extra})
        assert response.status_code == 201, response.text
        return response.json()


def fleet_numbers(vehicles: list[Any]) -> list[str]:
    return [vehicle["fleet_number"] for vehicle in vehicles]
