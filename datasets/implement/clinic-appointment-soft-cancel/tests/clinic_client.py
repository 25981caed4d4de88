"""Shared helpers of the hidden tests: a client on a fresh database and booking shortcuts."""

from pathlib import Path
from typing import Any

from clinic.api import create_app
from clinic.config import Settings
from fastapi.testclient import TestClient

DAY = "2024-05-06"


def make_client(database_path: Path) -> TestClient:
    return TestClient(create_app(Settings(database_path=database_path)))


def at(clock: str, day: str = DAY) -> str:
    return f"{day}T{clock}:00"


def add_practitioner(client: TestClient, name: str = "Dr Okafor") -> int:
    response = client.post("/practitioners", json={"name": name, "specialty": "GP"})
    assert response.status_code == 201
    return int(response.json()["id"])


def book(
    client: TestClient,
    practitioner_id: int,
    start: str,
    minutes: int = 30,
    patient: str = "Ana Silva",
    day: str = DAY,
) -> Any:
    return client.post(
        "/appointments",
        json={
            "practitioner_id": practitioner_id,
            "patient_name": patient,
            "starts_at": at(start, day),
            "duration_minutes": minutes,
        },
    )


def booked_id(client: TestClient, practitioner_id: int, start: str, minutes: int = 30) -> int:
    response = book(client, practitioner_id, start, minutes)
    assert response.status_code == 201
    return int(response.json()["id"])


def schedule(client: TestClient, practitioner_id: int, **params: object) -> Any:
    return client.get(
        f"/practitioners/{practitioner_id}/appointments", params={"day": DAY, **params}
    )
