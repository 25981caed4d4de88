"""The team's API tests for the booking service (run with `pytest tests`)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clinic.api import create_app
from clinic.config import Settings
from fastapi.testclient import TestClient

DAY = "2024-05-06"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_path=tmp_path / "clinic.db"))) as test_client:
        yield test_client


@pytest.fixture
def practitioner_id(client: TestClient) -> int:
    response = client.post("/practitioners", json={"name": "Dr Okafor", "specialty": "GP"})
    return int(response.json()["id"])


def book(client: TestClient, practitioner_id: int, start: str, minutes: int = 30) -> Any:
    return client.post(
        "/appointments",
        json={
            "practitioner_id": practitioner_id,
            "patient_name": "Ana Silva",
            "starts_at": f"{DAY}T{start}:00",
            "duration_minutes": minutes,
        },
    )


def test_registered_practitioner_can_be_read_back(client: TestClient) -> None:
    created = client.post("/practitioners", json={"name": "Dr Lee", "specialty": "Dermatology"})

    assert created.status_code == 201
    fetched = client.get(f"/practitioners/{created.json()['id']}")
    assert fetched.json() == {
        "id": created.json()["id"],
        "name": "Dr Lee",
        "specialty": "Dermatology",
    }


def test_unknown_practitioner_is_404(client: TestClient) -> None:
    assert client.get("/practitioners/999").status_code == 404


def test_booking_returns_the_appointment_with_its_end(
    client: TestClient, practitioner_id: int
) -> None:
    response = book(client, practitioner_id, "09:00", minutes=45)

    assert response.status_code == 201
    assert response.json()["ends_at"] == f"{DAY}T09:45:00"
    assert client.get(f"/appointments/{response.json()['id']}").json() == response.json()


def test_overlapping_booking_is_a_conflict(client: TestClient, practitioner_id: int) -> None:
    book(client, practitioner_id, "09:00")

    assert book(client, practitioner_id, "09:15").status_code == 409


def test_back_to_back_bookings_are_allowed(client: TestClient, practitioner_id: int) -> None:
    book(client, practitioner_id, "09:00")

    assert book(client, practitioner_id, "09:30").status_code == 201


@pytest.mark.parametrize(("start", "minutes"), [("07:45", 30), ("17:45", 30)])
def test_booking_outside_opening_hours_is_rejected(
    client: TestClient, practitioner_id: int, start: str, minutes: int
) -> None:
    assert book(client, practitioner_id, start, minutes).status_code == 422


def test_day_schedule_is_ordered_by_start(client: TestClient, practitioner_id: int) -> None:
    book(client, practitioner_id, "11:00")
    book(client, practitioner_id, "09:00")

    schedule = client.get(f"/practitioners/{practitioner_id}/appointments", params={"day": DAY})

    assert [a["starts_at"][11:16] for a in schedule.json()] == ["09:00", "11:00"]


def test_summary_counts_appointments_and_minutes(client: TestClient, practitioner_id: int) -> None:
    book(client, practitioner_id, "09:00", minutes=20)
    book(client, practitioner_id, "10:00", minutes=40)

    summary = client.get(f"/practitioners/{practitioner_id}/summary", params={"day": DAY}).json()

    assert (summary["appointments"], summary["booked_minutes"]) == (2, 60)


def test_reschedule_moves_the_appointment(client: TestClient, practitioner_id: int) -> None:
    appointment_id = book(client, practitioner_id, "09:00").json()["id"]

    moved = client.patch(f"/appointments/{appointment_id}", json={"starts_at": f"{DAY}T14:00:00"})

    assert moved.status_code == 200
    assert (moved.json()["starts_at"], moved.json()["ends_at"]) == (
        f"{DAY}T14:00:00",
        f"{DAY}T14:30:00",
    )


def test_reschedule_into_a_taken_slot_is_a_conflict(
    client: TestClient, practitioner_id: int
) -> None:
    book(client, practitioner_id, "09:00")
    second = book(client, practitioner_id, "10:00").json()["id"]

    assert (
        client.patch(f"/appointments/{second}", json={"starts_at": f"{DAY}T09:15:00"}).status_code
        == 409
    )


def test_patient_appointments_are_listed(client: TestClient, practitioner_id: int) -> None:
    book(client, practitioner_id, "09:00")

    listed = client.get("/appointments", params={"patient": "Ana Silva"})

    assert [a["practitioner_id"] for a in listed.json()] == [practitioner_id]


def test_delete_removes_the_appointment(client: TestClient, practitioner_id: int) -> None:
    appointment_id = book(client, practitioner_id, "09:00").json()["id"]

    assert client.delete(f"/appointments/{appointment_id}").status_code == 204
    assert client.delete(f"/appointments/{appointment_id}").status_code == 404


def test_free_slots_skip_booked_time(client: TestClient, practitioner_id: int) -> None:
    book(client, practitioner_id, "08:15", minutes=30)

    free = client.get(
        f"/practitioners/{practitioner_id}/free-slots", params={"day": DAY, "minutes": 30}
    ).json()

    assert free[:3] == [f"{DAY}T08:45:00", f"{DAY}T09:00:00", f"{DAY}T09:15:00"]
    assert free[-1] == f"{DAY}T17:30:00"
