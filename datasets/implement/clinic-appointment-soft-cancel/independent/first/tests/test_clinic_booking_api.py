"""The team's API tests for the booking service (run with `pytest tests`)."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from clinic.api import create_app
from clinic.config import Settings

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


def test_delete_cancels_and_keeps_the_appointment(client: TestClient, practitioner_id: int) -> None:
    booked = book(client, practitioner_id, "09:00").json()

    assert booked["status"] == "booked"
    assert client.delete(f"/appointments/{booked['id']}").status_code == 204
    assert client.get(f"/appointments/{booked['id']}").json() == {**booked, "status": "cancelled"}


def test_delete_of_unknown_appointment_is_404(client: TestClient) -> None:
    assert client.delete("/appointments/999").status_code == 404


def test_cancelled_appointment_cannot_be_cancelled_or_moved(
    client: TestClient, practitioner_id: int
) -> None:
    booked = book(client, practitioner_id, "09:00").json()
    client.delete(f"/appointments/{booked['id']}")

    assert client.delete(f"/appointments/{booked['id']}").status_code == 409
    moved = client.patch(f"/appointments/{booked['id']}", json={"starts_at": f"{DAY}T14:00:00"})
    assert moved.status_code == 409
    assert client.get(f"/appointments/{booked['id']}").json() == {**booked, "status": "cancelled"}


def test_cancelled_appointment_frees_its_time(client: TestClient, practitioner_id: int) -> None:
    cancelled = book(client, practitioner_id, "09:00").json()["id"]
    client.delete(f"/appointments/{cancelled}")
    other = book(client, practitioner_id, "10:00").json()["id"]

    assert book(client, practitioner_id, "09:00").status_code == 201
    client.delete(f"/appointments/{other}")
    moved = client.patch(f"/appointments/{cancelled + 2}", json={"starts_at": f"{DAY}T10:00:00"})
    assert moved.status_code == 200
    free = client.get(
        f"/practitioners/{practitioner_id}/free-slots", params={"day": DAY, "minutes": 30}
    ).json()
    assert f"{DAY}T09:00:00" in free
    assert f"{DAY}T10:00:00" not in free


def test_cancelled_appointments_are_left_out_of_listings(
    client: TestClient, practitioner_id: int
) -> None:
    kept = book(client, practitioner_id, "11:00", minutes=20).json()["id"]
    cancelled = book(client, practitioner_id, "09:00", minutes=40).json()["id"]
    client.delete(f"/appointments/{cancelled}")

    listed = client.get("/appointments", params={"patient": "Ana Silva"}).json()
    schedule = client.get(f"/practitioners/{practitioner_id}/appointments", params={"day": DAY})
    summary = client.get(f"/practitioners/{practitioner_id}/summary", params={"day": DAY}).json()

    assert [a["id"] for a in listed] == [kept]
    assert [a["id"] for a in schedule.json()] == [kept]
    assert (summary["appointments"], summary["booked_minutes"]) == (1, 20)


def test_day_schedule_can_include_cancelled(client: TestClient, practitioner_id: int) -> None:
    first = book(client, practitioner_id, "09:00").json()["id"]
    client.delete(f"/appointments/{first}")
    second = book(client, practitioner_id, "09:00").json()["id"]
    later = book(client, practitioner_id, "08:00").json()["id"]

    schedule = client.get(
        f"/practitioners/{practitioner_id}/appointments",
        params={"day": DAY, "include_cancelled": "true"},
    ).json()

    assert [(a["id"], a["status"]) for a in schedule] == [
        (later, "booked"),
        (first, "cancelled"),
        (second, "booked"),
    ]


def test_free_slots_skip_booked_time(client: TestClient, practitioner_id: int) -> None:
    book(client, practitioner_id, "08:15", minutes=30)

    free = client.get(
        f"/practitioners/{practitioner_id}/free-slots", params={"day": DAY, "minutes": 30}
    ).json()

    assert free[:3] == [f"{DAY}T08:45:00", f"{DAY}T09:00:00", f"{DAY}T09:15:00"]
    assert free[-1] == f"{DAY}T17:30:00"


OLD_SCHEMA = """
CREATE TABLE practitioners (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    specialty TEXT NOT NULL
);
CREATE TABLE appointments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    patient_name TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL
);
CREATE INDEX appointments_by_practitioner ON appointments (practitioner_id, starts_at);
INSERT INTO practitioners (name, specialty) VALUES ('Dr Okafor', 'GP');
INSERT INTO appointments (practitioner_id, patient_name, starts_at, ends_at)
    VALUES (1, 'Ana Silva', '2024-05-06T09:00:00', '2024-05-06T09:30:00');
"""


def test_a_file_from_the_previous_release_opens_with_its_appointments_booked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clinic.db"
    with sqlite3.connect(path) as connection:
        connection.executescript(OLD_SCHEMA)
    connection.close()

    for _ in range(2):  # the upgrade, then a restart on the upgraded file
        with TestClient(create_app(Settings(database_path=path))) as client:
            assert client.get("/appointments/1").json() == {
                "id": 1,
                "practitioner_id": 1,
                "patient_name": "Ana Silva",
                "starts_at": f"{DAY}T09:00:00",
                "ends_at": f"{DAY}T09:30:00",
                "status": "booked",
            }
            assert book(client, 1, "09:00").status_code == 409
    with TestClient(create_app(Settings(database_path=path))) as client:
        assert client.delete("/appointments/1").status_code == 204
        assert book(client, 1, "09:00").status_code == 201
