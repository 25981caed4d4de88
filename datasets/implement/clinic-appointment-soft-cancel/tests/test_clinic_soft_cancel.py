"""Cancelling keeps the appointment with status "cancelled" (fail-to-pass)."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from clinic_client import DAY, add_practitioner, at, book, booked_id, make_client, schedule
from fastapi.testclient import TestClient

# The schema the current release writes: production files look exactly like this.
LEGACY_SCHEMA = """
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
INSERT INTO practitioners (id, name, specialty) VALUES (1, 'Dr Legacy', 'GP');
INSERT INTO appointments (id, practitioner_id, patient_name, starts_at, ends_at)
    VALUES (7, 1, 'Old Patient', '2024-05-06T09:00:00', '2024-05-06T09:30:00');
"""


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path / "clinic.db") as test_client:
        yield test_client


def test_new_appointments_are_booked(client: TestClient) -> None:
    doctor = add_practitioner(client)

    created = book(client, doctor, "09:00")

    assert created.json()["status"] == "booked"
    assert client.get(f"/appointments/{created.json()['id']}").json()["status"] == "booked"


def test_listings_show_the_status(client: TestClient) -> None:
    doctor = add_practitioner(client)
    book(client, doctor, "09:00")

    in_schedule = schedule(client, doctor).json()
    for_patient = client.get("/appointments", params={"patient": "Ana Silva"}).json()

    assert [a["status"] for a in in_schedule + for_patient] == ["booked", "booked"]


def test_cancelled_appointment_is_kept(client: TestClient) -> None:
    doctor = add_practitioner(client)
    created = book(client, doctor, "09:00").json()

    assert client.delete(f"/appointments/{created['id']}").status_code == 204

    fetched = client.get(f"/appointments/{created['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == {**created, "status": "cancelled"}


def test_cancelling_twice_is_a_conflict(client: TestClient) -> None:
    appointment = booked_id(client, add_practitioner(client), "09:00")
    client.delete(f"/appointments/{appointment}")

    assert client.delete(f"/appointments/{appointment}").status_code == 409
    assert client.get(f"/appointments/{appointment}").json()["status"] == "cancelled"


def test_cancelled_appointment_cannot_be_rescheduled(client: TestClient) -> None:
    doctor = add_practitioner(client)
    created = book(client, doctor, "09:00").json()
    client.delete(f"/appointments/{created['id']}")

    moved = client.patch(f"/appointments/{created['id']}", json={"starts_at": at("14:00")})

    assert moved.status_code == 409
    assert client.get(f"/appointments/{created['id']}").json() == {**created, "status": "cancelled"}
    assert book(client, doctor, "14:00").status_code == 201


def test_schedule_lists_cancelled_only_when_asked(client: TestClient) -> None:
    doctor = add_practitioner(client)
    later = booked_id(client, doctor, "11:00")
    earlier = booked_id(client, doctor, "09:00")
    client.delete(f"/appointments/{earlier}")

    default = schedule(client, doctor).json()
    everything = schedule(client, doctor, include_cancelled="true").json()
    explicit_no = schedule(client, doctor, include_cancelled="false").json()

    assert [a["id"] for a in default] == [later]
    assert [(a["id"], a["status"]) for a in everything] == [
        (earlier, "cancelled"),
        (later, "booked"),
    ]
    assert explicit_no == default


def test_rebooked_slot_shows_both_appointments_when_asked(client: TestClient) -> None:
    doctor = add_practitioner(client)
    first = booked_id(client, doctor, "09:00")
    client.delete(f"/appointments/{first}")

    second = booked_id(client, doctor, "09:00")

    everything = schedule(client, doctor, include_cancelled="true").json()
    assert [(a["id"], a["status"]) for a in everything] == [
        (first, "cancelled"),
        (second, "booked"),
    ]
    assert client.get(f"/appointments/{second}").json()["status"] == "booked"


def test_include_cancelled_keeps_to_the_day_and_practitioner(client: TestClient) -> None:
    doctor, colleague = add_practitioner(client), add_practitioner(client, "Dr Berg")
    own = booked_id(client, doctor, "09:00")
    other = book(client, colleague, "09:00").json()["id"]
    next_day = book(client, doctor, "09:00", day="2024-05-07").json()["id"]
    for appointment in (own, other, next_day):
        client.delete(f"/appointments/{appointment}")

    everything = schedule(client, doctor, include_cancelled="true").json()

    assert [a["id"] for a in everything] == [own]


def test_existing_database_file_keeps_its_bookings(tmp_path: Path) -> None:
    database_path = tmp_path / "production.db"
    with sqlite3.connect(database_path) as connection:
        connection.executescript(LEGACY_SCHEMA)
    connection.close()

    with make_client(database_path) as client:
        legacy = client.get("/appointments/7")
        clash = book(client, 1, "09:15")
        cancelled = client.delete("/appointments/7")
        rebooked = book(client, 1, "09:15")

    assert legacy.status_code == 200
    assert legacy.json() == {
        "id": 7,
        "practitioner_id": 1,
        "patient_name": "Old Patient",
        "starts_at": at("09:00"),
        "ends_at": at("09:30"),
        "status": "booked",
    }
    assert clash.status_code == 409
    assert cancelled.status_code == 204
    assert rebooked.status_code == 201


def test_existing_database_survives_a_restart(tmp_path: Path) -> None:
    database_path = tmp_path / "production.db"
    with sqlite3.connect(database_path) as connection:
        connection.executescript(LEGACY_SCHEMA)
    connection.close()
    with make_client(database_path) as client:
        client.delete("/appointments/7")

    with make_client(database_path) as restarted:
        after_restart = restarted.get("/appointments/7")
        fresh = book(restarted, 1, "10:00")

    assert after_restart.json()["status"] == "cancelled"
    assert fresh.status_code == 201
    assert fresh.json()["status"] == "booked"


def test_a_fresh_database_survives_a_restart(tmp_path: Path) -> None:
    database_path = tmp_path / "clinic.db"
    with make_client(database_path) as client:
        doctor = add_practitioner(client)
        kept = booked_id(client, doctor, "09:00")
        dropped = booked_id(client, doctor, "10:00")
        client.delete(f"/appointments/{dropped}")

    with make_client(database_path) as restarted:
        statuses = [a["status"] for a in schedule(restarted, doctor, include_cancelled=True).json()]
        assert restarted.get(f"/appointments/{kept}").json()["starts_at"] == f"{DAY}T09:00:00"

    assert statuses == ["booked", "cancelled"]
