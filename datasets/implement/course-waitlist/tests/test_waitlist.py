"""Waitlists: fail on the current service, pass once they are in."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from enrolment_support import (
    ManualClock,
    add_course,
    add_student,
    client_for,
    enrol,
    parse_time,
    roster_names,
)
from fastapi.testclient import TestClient


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def api(tmp_path: Path, clock: ManualClock) -> Iterator[TestClient]:
    with client_for(tmp_path / "enrolment.sqlite3", clock) as client:
        yield client


def waitlist(api: TestClient, code: str = "CS-101") -> list[tuple[str, int]]:
    response = api.get(f"/courses/{code}/waitlist")
    assert response.status_code == 200, response.text
    return [(entry["name"], entry["position"]) for entry in response.json()]


def full_course_with_queue(
    api: TestClient, clock: ManualClock, waiting: list[str]
) -> dict[str, int]:
    """CS-101 with one seat taken by ann, the `waiting` students queued in that order."""
    add_course(api, capacity=1, waitlist_capacity=5)
    ids = {name: add_student(api, name) for name in ["ann", *waiting]}
    for name in ["ann", *waiting]:
        clock.advance()
        enrol(api, ids[name])
    return ids


def test_full_course_queues_students_until_the_waitlist_is_full(api: TestClient) -> None:
    add_course(api, capacity=1, waitlist_capacity=2)
    ann, bob, cy, dee = (add_student(api, name) for name in ("ann", "bob", "cy", "dee"))

    responses = [enrol(api, student) for student in (ann, bob, cy, dee)]

    assert [r.status_code for r in responses] == [201, 202, 202, 409]
    statuses = [r.json().get("status") for r in responses[:3]]
    assert statuses == ["enrolled", "waitlisted", "waitlisted"]
    assert [r.json().get("position") for r in responses[:3]] == [None, 1, 2]
    assert responses[3].json()["code"] == "course_full"
    course = api.get("/courses/CS-101").json()
    assert (course["enrolled"], course["seats_left"], course["waitlisted"]) == (1, 0, 2)
    assert waitlist(api) == [("bob", 1), ("cy", 2)]


def test_course_shows_its_waitlist_capacity_with_a_default_of_zero(api: TestClient) -> None:
    created = add_course(api, "CS-101", waitlist_capacity=500)
    default = add_course(api, "MA-201")
    explicit = add_course(api, "PH-110", waitlist_capacity=0)
    patched = api.patch("/courses/CS-101", json={"waitlist_capacity": 0})

    assert (created["waitlist_capacity"], created["waitlisted"]) == (500, 0)
    assert (default["waitlist_capacity"], default["waitlisted"]) == (0, 0)
    assert api.get("/courses/MA-201").json()["waitlist_capacity"] == 0
    assert explicit["waitlist_capacity"] == 0
    assert (patched.status_code, patched.json()["waitlist_capacity"]) == (200, 0)


@pytest.mark.parametrize("value", [-1, 501])
def test_waitlist_capacity_is_validated(api: TestClient, value: int) -> None:
    add_course(api, "MA-201")
    body = {"code": "CS-101", "title": "Intro", "capacity": 1, "waitlist_capacity": value}

    assert api.post("/courses", json=body).status_code == 422
    assert api.get("/courses/CS-101").status_code == 404
    assert api.patch("/courses/MA-201", json={"waitlist_capacity": value}).status_code == 422


def test_enrolled_response_has_no_position(api: TestClient) -> None:
    add_course(api)

    response = enrol(api, add_student(api, "ann"))

    assert response.status_code == 201
    assert "position" in response.json()
    assert response.json()["position"] is None


def test_drop_gives_the_seat_to_the_longest_waiting(api: TestClient, clock: ManualClock) -> None:
    ids = full_course_with_queue(api, clock, ["bob", "cy"])
    joined = {e["name"]: e["joined_at"] for e in api.get("/courses/CS-101/waitlist").json()}
    dropped_at = clock.advance(10)

    assert api.delete(f"/courses/CS-101/enrolments/{ids['ann']}").status_code == 204

    roster = api.get("/courses/CS-101/roster").json()
    assert [(e["name"], parse_time(e["enrolled_at"])) for e in roster] == [("bob", dropped_at)]
    assert waitlist(api) == [("cy", 1)]
    assert parse_time(api.get("/courses/CS-101/waitlist").json()[0]["joined_at"]) == parse_time(
        joined["cy"]
    )
    course = api.get("/courses/CS-101").json()
    assert (course["enrolled"], course["waitlisted"]) == (1, 1)


def test_waitlist_lists_students_in_joining_order(api: TestClient, clock: ManualClock) -> None:
    ids = full_course_with_queue(api, clock, ["cy", "bob"])

    entries = api.get("/courses/CS-101/waitlist").json()

    assert [(e["student_id"], e["name"], e["position"]) for e in entries] == [
        (ids["cy"], "cy", 1),
        (ids["bob"], "bob", 2),
    ]
    assert parse_time(entries[1]["joined_at"]) == clock.now
    assert parse_time(entries[0]["joined_at"]) < clock.now
    assert api.get("/courses/XX-999/waitlist").status_code == 404


def test_leaving_the_waitlist_moves_the_others_up(api: TestClient, clock: ManualClock) -> None:
    ids = full_course_with_queue(api, clock, ["bob", "cy", "dee"])

    assert api.delete(f"/courses/CS-101/enrolments/{ids['bob']}").status_code == 204

    assert waitlist(api) == [("cy", 1), ("dee", 2)]
    assert roster_names(api) == ["ann"]
    assert api.delete(f"/courses/CS-101/enrolments/{ids['bob']}").status_code == 404
    rejoined = enrol(api, ids["bob"])
    assert (rejoined.status_code, rejoined.json()["position"]) == (202, 3)


def test_more_seats_go_to_the_queue_in_order(api: TestClient, clock: ManualClock) -> None:
    full_course_with_queue(api, clock, ["bob", "cy", "dee"])
    raised_at = clock.advance()

    course = api.patch("/courses/CS-101", json={"capacity": 3})

    assert course.status_code == 200
    assert (course.json()["enrolled"], course.json()["seats_left"]) == (3, 0)
    assert course.json()["waitlisted"] == 1
    assert roster_names(api) == ["ann", "bob", "cy"]
    enrolled_at = [parse_time(e["enrolled_at"]) for e in api.get("/courses/CS-101/roster").json()]
    assert enrolled_at[1:] == [raised_at, raised_at]
    assert waitlist(api) == [("dee", 1)]


def test_more_seats_than_waiting_students_leaves_seats_free(
    api: TestClient, clock: ManualClock
) -> None:
    full_course_with_queue(api, clock, ["bob"])

    course = api.patch("/courses/CS-101", json={"capacity": 4}).json()

    assert (course["enrolled"], course["seats_left"], course["waitlisted"]) == (2, 2, 0)
    assert waitlist(api) == []


def test_patch_takes_either_limit_alone(api: TestClient, clock: ManualClock) -> None:
    full_course_with_queue(api, clock, ["bob", "cy"])

    smaller_queue = api.patch("/courses/CS-101", json={"waitlist_capacity": 1}).json()
    newcomer = enrol(api, add_student(api, "dee"))
    bigger_course = api.patch("/courses/CS-101", json={"capacity": 2}).json()

    assert (smaller_queue["capacity"], smaller_queue["waitlist_capacity"]) == (1, 1)
    assert smaller_queue["waitlisted"] == 2
    assert (newcomer.status_code, newcomer.json()["code"]) == (409, "course_full")
    assert (bigger_course["capacity"], bigger_course["waitlist_capacity"]) == (2, 1)
    assert waitlist(api) == [("cy", 1)]


def test_a_waiting_student_is_already_on_the_course(api: TestClient, clock: ManualClock) -> None:
    ids = full_course_with_queue(api, clock, ["bob"])

    again = enrol(api, ids["bob"])

    assert (again.status_code, again.json()["code"]) == (409, "already_enrolled")
    assert waitlist(api) == [("bob", 1)]


def test_waiting_students_are_not_enrolled_anywhere(api: TestClient, clock: ManualClock) -> None:
    ids = full_course_with_queue(api, clock, ["bob"])
    add_course(api, "MA-201", capacity=3)
    enrol(api, ids["bob"], "MA-201")

    courses: list[Any] = api.get(f"/students/{ids['bob']}/courses").json()

    assert [c["code"] for c in courses] == ["MA-201"]
    assert waitlist(api) == [("bob", 1)]
    assert roster_names(api) == ["ann"]
    assert api.get("/courses/CS-101").json()["enrolled"] == 1
