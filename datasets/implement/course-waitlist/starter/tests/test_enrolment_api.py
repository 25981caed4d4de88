from fastapi.testclient import TestClient

from tests.conftest import add_course, add_student


def test_new_course_has_every_seat_free(api: TestClient) -> None:
    course = add_course(api, capacity=30)

    assert course == {
        "code": "CS-101", "title": "Intro", "capacity": 30, "enrolled": 0, "seats_left": 30
    }


def test_course_codes_are_validated_and_unique(api: TestClient) -> None:
    add_course(api)

    invalid = api.post("/courses", json={"code": "cs101", "title": "x", "capacity": 1})
    assert invalid.status_code == 422
    duplicate = api.post("/courses", json={"code": "CS-101", "title": "x", "capacity": 1})
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "duplicate_course")


def test_enrol_until_full(api: TestClient) -> None:
    add_course(api, capacity=1)
    ann, bob = add_student(api, "ann"), add_student(api, "bob")

    first = api.post("/courses/CS-101/enrolments", json={"student_id": ann})
    second = api.post("/courses/CS-101/enrolments", json={"student_id": bob})

    assert (first.status_code, first.json()["status"]) == (201, "enrolled")
    assert (second.status_code, second.json()["code"]) == (409, "course_full")
    assert api.get("/courses/CS-101").json()["seats_left"] == 0


def test_cannot_enrol_twice(api: TestClient) -> None:
    add_course(api)
    ann = add_student(api, "ann")
    api.post("/courses/CS-101/enrolments", json={"student_id": ann})

    again = api.post("/courses/CS-101/enrolments", json={"student_id": ann})

    assert (again.status_code, again.json()["code"]) == (409, "already_enrolled")


def test_drop_frees_the_seat_and_allows_reenrolment(api: TestClient) -> None:
    add_course(api, capacity=1)
    ann = add_student(api, "ann")
    api.post("/courses/CS-101/enrolments", json={"student_id": ann})

    assert api.delete(f"/courses/CS-101/enrolments/{ann}").status_code == 204
    assert api.get("/courses/CS-101").json()["enrolled"] == 0
    assert api.post("/courses/CS-101/enrolments", json={"student_id": ann}).status_code == 201


def test_roster_in_enrolment_order(api: TestClient) -> None:
    add_course(api, capacity=5)
    ids = [add_student(api, name) for name in ("cy", "ann", "bob")]
    for student_id in ids:
        api.post("/courses/CS-101/enrolments", json={"student_id": student_id})

    assert [e["name"] for e in api.get("/courses/CS-101/roster").json()] == ["cy", "ann", "bob"]


def test_capacity_cannot_drop_below_enrolment(api: TestClient) -> None:
    add_course(api, capacity=2)
    for name in ("ann", "bob"):
        api.post("/courses/CS-101/enrolments", json={"student_id": add_student(api, name)})

    too_small = api.patch("/courses/CS-101", json={"capacity": 1})

    assert (too_small.status_code, too_small.json()["code"]) == (409, "capacity_too_small")
    assert api.patch("/courses/CS-101", json={"capacity": 3}).json()["seats_left"] == 1


def test_student_course_list(api: TestClient) -> None:
    add_course(api, "MA-201")
    add_course(api, "CS-101")
    ann = add_student(api, "ann")
    for code in ("MA-201", "CS-101"):
        api.post(f"/courses/{code}/enrolments", json={"student_id": ann})

    courses = api.get(f"/students/{ann}/courses").json()

    assert [c["code"] for c in courses] == ["CS-101", "MA-201"]
