"""Behaviour the booking service already has, which soft cancellation must keep (pass-to-pass)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from clinic_client import DAY, add_practitioner, at, book, booked_id, make_client, schedule
from fastapi.testclient import TestClient


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path / "clinic.db") as test_client:
        yield test_client


def summary(client: TestClient, practitioner_id: int) -> tuple[int, int]:
    body = client.get(f"/practitioners/{practitioner_id}/summary", params={"day": DAY}).json()
    assert (body["practitioner_id"], body["day"]) == (practitioner_id, DAY)
    return body["appointments"], body["booked_minutes"]


def free_slots(client: TestClient, practitioner_id: int, minutes: int = 30) -> list[str]:
    response = client.get(
        f"/practitioners/{practitioner_id}/free-slots", params={"day": DAY, "minutes": minutes}
    )
    assert response.status_code == 200
    return [start[11:16] for start in response.json()]


def test_practitioners_are_registered_read_and_listed_by_name(client: TestClient) -> None:
    zed = client.post("/practitioners", json={"name": "Dr Zed", "specialty": "ENT"})
    amy = add_practitioner(client, "Dr Amy")

    assert zed.status_code == 201
    assert client.get(f"/practitioners/{amy}").json() == {
        "id": amy,
        "name": "Dr Amy",
        "specialty": "GP",
    }
    assert [p["name"] for p in client.get("/practitioners").json()] == ["Dr Amy", "Dr Zed"]


@pytest.mark.parametrize("path", ["/practitioners/999", "/appointments/999"])
def test_unknown_ids_are_not_found(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_booking_is_stored_with_its_end_time(client: TestClient) -> None:
    doctor = add_practitioner(client)

    created = book(client, doctor, "09:00", minutes=45, patient="Ben Ode")

    assert created.status_code == 201
    body = created.json()
    assert (body["practitioner_id"], body["patient_name"]) == (doctor, "Ben Ode")
    assert (body["starts_at"], body["ends_at"]) == (at("09:00"), at("09:45"))
    assert client.get(f"/appointments/{body['id']}").json() == body


@pytest.mark.parametrize(
    ("field", "value"), [("patient_name", ""), ("duration_minutes", 4), ("duration_minutes", 241)]
)
def test_invalid_booking_bodies_are_rejected(client: TestClient, field: str, value: object) -> None:
    doctor = add_practitioner(client)
    body = {"practitioner_id": doctor, "patient_name": "Ana", "starts_at": at("09:00")}
    body["duration_minutes"] = 30

    response = client.post("/appointments", json={**body, field: value})

    assert response.status_code == 422
    assert schedule(client, doctor).json() == []


def test_booking_for_unknown_practitioner_is_not_found(client: TestClient) -> None:
    assert book(client, 999, "09:00").status_code == 404


@pytest.mark.parametrize("start", ["08:45", "09:15", "09:00", "08:59"])
def test_overlapping_bookings_conflict(client: TestClient, start: str) -> None:
    doctor = add_practitioner(client)
    booked_id(client, doctor, "09:00")

    assert book(client, doctor, start).status_code == 409


def test_bookings_touching_at_the_edges_are_allowed(client: TestClient) -> None:
    doctor, colleague = add_practitioner(client), add_practitioner(client, "Dr Berg")
    booked_id(client, doctor, "09:00")

    assert book(client, doctor, "08:30").status_code == 201
    assert book(client, doctor, "09:30").status_code == 201
    assert book(client, colleague, "09:00").status_code == 201


@pytest.mark.parametrize(
    ("start", "minutes", "expected"),
    [("08:00", 30, 201), ("17:30", 30, 201), ("07:55", 10, 422), ("17:45", 30, 422)],
)
def test_opening_hours(client: TestClient, start: str, minutes: int, expected: int) -> None:
    assert book(client, add_practitioner(client), start, minutes).status_code == expected


def test_day_schedule_is_that_practitioners_day_in_start_order(client: TestClient) -> None:
    doctor, colleague = add_practitioner(client), add_practitioner(client, "Dr Berg")
    late = booked_id(client, doctor, "15:00")
    early = booked_id(client, doctor, "08:00")
    book(client, colleague, "10:00")
    book(client, doctor, "10:00", day="2024-05-07")

    assert [a["id"] for a in schedule(client, doctor).json()] == [early, late]
    assert client.get("/practitioners/999/appointments", params={"day": DAY}).status_code == 404


def test_summary_counts_the_days_appointments_and_minutes(client: TestClient) -> None:
    doctor = add_practitioner(client)
    booked_id(client, doctor, "09:00", minutes=20)
    booked_id(client, doctor, "10:00", minutes=45)
    book(client, doctor, "10:00", day="2024-05-07")

    assert summary(client, doctor) == (2, 65)


def test_free_slots_follow_the_grid_around_bookings(client: TestClient) -> None:
    doctor = add_practitioner(client)
    booked_id(client, doctor, "08:15", minutes=30)

    free = free_slots(client, doctor)

    assert free[:3] == ["08:45", "09:00", "09:15"]
    assert "08:00" not in free and "08:30" not in free
    assert free[-1] == "17:30"
    assert len(free_slots(client, add_practitioner(client, "Dr Berg"), minutes=240)) == 25


def test_reschedule_keeps_the_length_unless_given(client: TestClient) -> None:
    doctor = add_practitioner(client)
    appointment = booked_id(client, doctor, "09:00", minutes=40)

    moved = client.patch(f"/appointments/{appointment}", json={"starts_at": at("14:00")})
    resized = client.patch(
        f"/appointments/{appointment}", json={"starts_at": at("15:00"), "duration_minutes": 10}
    )

    assert (moved.status_code, moved.json()["ends_at"]) == (200, at("14:40"))
    assert (resized.json()["starts_at"], resized.json()["ends_at"]) == (at("15:00"), at("15:10"))
    assert client.get(f"/appointments/{appointment}").json() == resized.json()


def test_reschedule_may_overlap_its_own_old_time(client: TestClient) -> None:
    appointment = booked_id(client, add_practitioner(client), "09:00")

    moved = client.patch(f"/appointments/{appointment}", json={"starts_at": at("09:15")})

    assert moved.status_code == 200


@pytest.mark.parametrize(("start", "expected"), [("09:15", 409), ("17:45", 422)])
def test_reschedule_into_a_taken_or_closed_slot_is_refused(
    client: TestClient, start: str, expected: int
) -> None:
    doctor = add_practitioner(client)
    booked_id(client, doctor, "09:00")
    appointment = booked_id(client, doctor, "11:00")

    response = client.patch(f"/appointments/{appointment}", json={"starts_at": at(start)})

    assert response.status_code == expected
    assert client.get(f"/appointments/{appointment}").json()["starts_at"] == at("11:00")


def test_reschedule_of_unknown_appointment_is_not_found(client: TestClient) -> None:
    assert client.patch("/appointments/999", json={"starts_at": at("09:00")}).status_code == 404


def test_patient_listing_is_that_patients_appointments_in_start_order(client: TestClient) -> None:
    doctor = add_practitioner(client)
    late = book(client, doctor, "15:00", patient="Ben Ode").json()["id"]
    early = book(client, doctor, "09:00", patient="Ben Ode").json()["id"]
    book(client, doctor, "11:00", patient="Ana Silva")

    listed = client.get("/appointments", params={"patient": "Ben Ode"}).json()

    assert [a["id"] for a in listed] == [early, late]


def test_delete_answers_204_and_404_for_unknown(client: TestClient) -> None:
    appointment = booked_id(client, add_practitioner(client), "09:00")

    assert client.delete(f"/appointments/{appointment}").status_code == 204
    assert client.delete("/appointments/999").status_code == 404


def test_cancelled_time_is_free_again(client: TestClient) -> None:
    doctor = add_practitioner(client)
    cancelled = booked_id(client, doctor, "09:00")
    kept = booked_id(client, doctor, "10:00")
    client.delete(f"/appointments/{cancelled}")

    assert "09:00" in free_slots(client, doctor)
    assert client.patch(f"/appointments/{kept}", json={"starts_at": at("09:00")}).status_code == 200
    assert book(client, doctor, "10:00").status_code == 201


def test_cancelled_appointments_drop_out_of_listings_and_summary(client: TestClient) -> None:
    doctor = add_practitioner(client)
    cancelled = booked_id(client, doctor, "09:00", minutes=60)
    kept = booked_id(client, doctor, "11:00", minutes=15)
    client.delete(f"/appointments/{cancelled}")

    assert [a["id"] for a in schedule(client, doctor).json()] == [kept]
    listed = client.get("/appointments", params={"patient": "Ana Silva"}).json()
    assert [a["id"] for a in listed] == [kept]
    assert summary(client, doctor) == (1, 15)


def test_registration_answers_with_the_stored_practitioner(client: TestClient) -> None:
    created = client.post("/practitioners", json={"name": "Dr Zed", "specialty": "ENT"})

    assert created.json() == {"id": created.json()["id"], "name": "Dr Zed", "specialty": "ENT"}


@pytest.mark.parametrize(("length", "expected"), [(1, 201), (100, 201), (101, 422)])
@pytest.mark.parametrize("field", ["name", "specialty"])
def test_practitioner_text_lengths(
    client: TestClient, field: str, length: int, expected: int
) -> None:
    body = {"name": "Dr Zed", "specialty": "ENT", field: "x" * length}

    assert client.post("/practitioners", json=body).status_code == expected


@pytest.mark.parametrize(("length", "expected"), [(1, 201), (100, 201), (101, 422)])
def test_patient_name_length(client: TestClient, length: int, expected: int) -> None:
    doctor = add_practitioner(client)

    assert book(client, doctor, "09:00", patient="p" * length).status_code == expected


def test_shortest_booking_is_five_minutes(client: TestClient) -> None:
    response = book(client, add_practitioner(client), "09:00", minutes=5)

    assert (response.status_code, response.json()["ends_at"]) == (201, at("09:05"))


def test_free_slots_default_to_half_an_hour(client: TestClient) -> None:
    doctor = add_practitioner(client)
    booked_id(client, doctor, "09:59", minutes=10)

    response = client.get(f"/practitioners/{doctor}/free-slots", params={"day": DAY})
    free = [start[11:16] for start in response.json()]

    assert "09:15" in free and "09:30" not in free and "09:45" not in free
    assert "10:15" in free
    assert free[-1] == "17:30"
