"""Behaviour of the current service that waitlists must keep (pass-to-pass)."""

from collections.abc import Iterator
from pathlib import Path

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


def test_new_course_has_every_seat_free(api: TestClient) -> None:
    created = api.post("/courses", json={"code": "CS-101", "title": " Intro ", "capacity": 30})

    assert created.status_code == 201
    course = created.json()
    assert (course["code"], course["title"], course["capacity"]) == ("CS-101", "Intro", 30)
    assert (course["enrolled"], course["seats_left"]) == (0, 30)
    assert api.get("/courses/CS-101").json() == course


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [
        ("code", "CS-101", True),
        ("code", "ABCD-123", True),
        ("code", "C-101", False),
        ("code", "ABCDE-101", False),
        ("code", "cs-101", False),
        ("code", "CS-1011", False),
        ("title", "t" * 200, True),
        ("title", "t", True),
        ("title", "t" * 201, False),
        ("title", "  ", False),
        ("capacity", 1, True),
        ("capacity", 500, True),
        ("capacity", 0, False),
        ("capacity", 501, False),
    ],
)
def test_course_validation(api: TestClient, field: str, value: object, accepted: bool) -> None:
    body = {"code": "CS-101", "title": "Intro", "capacity": 5, field: value}

    assert api.post("/courses", json=body).status_code == (201 if accepted else 422)


def test_course_codes_are_unique(api: TestClient) -> None:
    add_course(api, capacity=3)

    duplicate = api.post("/courses", json={"code": "CS-101", "title": "Other", "capacity": 9})

    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "duplicate_course")
    assert api.get("/courses/CS-101").json()["capacity"] == 3


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/courses/XX-999", None),
        ("PATCH", "/courses/XX-999", {"capacity": 3}),
        ("POST", "/courses/XX-999/enrolments", {"student_id": 1}),
        ("DELETE", "/courses/XX-999/enrolments/1", None),
        ("GET", "/courses/XX-999/roster", None),
    ],
)
def test_unknown_course_is_404(
    api: TestClient, method: str, path: str, body: dict[str, int] | None
) -> None:
    add_student(api, "ann")

    response = api.request(method, path, json=body)

    assert (response.status_code, response.json()["code"]) == (404, "course_not_found")
    assert "XX-999" in response.json()["detail"]


def test_students_register_once(api: TestClient) -> None:
    created = api.post("/students", json={"email": "ann@uni.example", "name": " Ann "})
    duplicate = api.post("/students", json={"email": "ann@uni.example", "name": "Other"})

    assert created.status_code == 201
    student = created.json()
    assert (student["email"], student["name"]) == ("ann@uni.example", "Ann")
    assert api.get(f"/students/{student['id']}").json() == student
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "duplicate_student")


@pytest.mark.parametrize(
    ("body", "accepted"),
    [
        ({"email": "a@b.io", "name": "n" * 100}, True),
        ({"email": "a@b.io", "name": "n"}, True),
        ({"email": "a@b.io", "name": "n" * 101}, False),
        ({"email": "a@b.io", "name": ""}, False),
        ({"email": "not-an-address", "name": "Ann"}, False),
    ],
)
def test_student_validation(api: TestClient, body: dict[str, str], accepted: bool) -> None:
    assert api.post("/students", json=body).status_code == (201 if accepted else 422)


def test_unknown_student_is_404(api: TestClient) -> None:
    add_course(api)

    for response in (
        api.get("/students/99"),
        api.get("/students/99/courses"),
        enrol(api, 99),
    ):
        assert (response.status_code, response.json()["code"]) == (404, "student_not_found")
    assert api.get("/courses/CS-101").json()["enrolled"] == 0


def test_enrol_until_full(api: TestClient, clock: ManualClock) -> None:
    add_course(api, capacity=2)
    ann, bob, cy = (add_student(api, name) for name in ("ann", "bob", "cy"))
    enrolled_at = clock.advance()

    first = enrol(api, ann)
    second = enrol(api, bob)
    refused = enrol(api, cy)

    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json()["status"], first.json()["student_id"]) == ("enrolled", ann)
    assert first.json()["course_code"] == "CS-101"
    assert parse_time(first.json()["enrolled_at"]) == enrolled_at
    assert (refused.status_code, refused.json()["code"]) == (409, "course_full")
    course = api.get("/courses/CS-101").json()
    assert (course["enrolled"], course["seats_left"]) == (2, 0)
    assert roster_names(api) == ["ann", "bob"]


def test_cannot_enrol_twice(api: TestClient) -> None:
    add_course(api, capacity=5)
    ann = add_student(api, "ann")
    enrol(api, ann)

    again = enrol(api, ann)

    assert (again.status_code, again.json()["code"]) == (409, "already_enrolled")
    assert api.get("/courses/CS-101").json()["enrolled"] == 1


def test_drop_frees_the_seat_and_allows_reenrolment(api: TestClient) -> None:
    add_course(api, capacity=1)
    ann, bob = add_student(api, "ann"), add_student(api, "bob")
    enrol(api, ann)

    assert api.delete(f"/courses/CS-101/enrolments/{ann}").status_code == 204
    assert api.get("/courses/CS-101").json()["seats_left"] == 1
    assert roster_names(api) == []
    assert enrol(api, bob).status_code == 201
    assert enrol(api, ann).status_code == 409
    assert api.delete(f"/courses/CS-101/enrolments/{bob}").status_code == 204
    assert enrol(api, ann).status_code == 201


def test_dropping_someone_not_on_the_course_is_404(api: TestClient) -> None:
    add_course(api)
    ann, bob = add_student(api, "ann"), add_student(api, "bob")
    enrol(api, ann)
    api.delete(f"/courses/CS-101/enrolments/{ann}")

    for student in (ann, bob):
        response = api.delete(f"/courses/CS-101/enrolments/{student}")
        assert (response.status_code, response.json()["code"]) == (404, "not_enrolled")


def test_roster_lists_enrolled_students_in_enrolment_order(
    api: TestClient, clock: ManualClock
) -> None:
    add_course(api, capacity=5)
    ids = {name: add_student(api, name) for name in ("cy", "ann", "bob")}
    times = {}
    for name in ("cy", "ann", "bob"):
        times[name] = clock.advance()
        enrol(api, ids[name])
    api.delete(f"/courses/CS-101/enrolments/{ids['ann']}")

    roster = api.get("/courses/CS-101/roster").json()

    assert [(e["student_id"], e["name"], e["email"]) for e in roster] == [
        (ids["cy"], "cy", "cy@uni.example"),
        (ids["bob"], "bob", "bob@uni.example"),
    ]
    assert [parse_time(e["enrolled_at"]) for e in roster] == [times["cy"], times["bob"]]


def test_capacity_cannot_drop_below_enrolment(api: TestClient) -> None:
    add_course(api, capacity=3)
    for name in ("ann", "bob"):
        enrol(api, add_student(api, name))

    too_small = api.patch("/courses/CS-101", json={"capacity": 1})
    exact = api.patch("/courses/CS-101", json={"capacity": 2})

    assert (too_small.status_code, too_small.json()["code"]) == (409, "capacity_too_small")
    assert (exact.status_code, exact.json()["seats_left"]) == (200, 0)
    assert api.patch("/courses/CS-101", json={"capacity": 0}).status_code == 422
    assert api.patch("/courses/CS-101", json={"capacity": 501}).status_code == 422
    raised = api.patch("/courses/CS-101", json={"capacity": 500}).json()
    assert (raised["capacity"], raised["seats_left"]) == (500, 498)
    assert api.get("/courses/CS-101").json()["capacity"] == 500


def test_student_course_list_is_sorted_and_skips_dropped(api: TestClient) -> None:
    for code in ("MA-201", "CS-101", "PH-110"):
        add_course(api, code)
    ann = add_student(api, "ann")
    for code in ("MA-201", "CS-101", "PH-110"):
        enrol(api, ann, code)
    api.delete(f"/courses/PH-110/enrolments/{ann}")

    courses = api.get(f"/students/{ann}/courses").json()

    assert [(c["code"], c["title"]) for c in courses] == [("CS-101", "Intro"), ("MA-201", "Intro")]


def test_data_survives_a_restart(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "enrolment.sqlite3"
    with client_for(path, clock) as api:
        add_course(api, capacity=4)
        enrol(api, add_student(api, "ann"))

    with client_for(path, clock) as api:
        assert roster_names(api) == ["ann"]
        assert api.get("/courses/CS-101").json()["seats_left"] == 3
