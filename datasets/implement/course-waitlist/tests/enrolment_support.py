"""Shared helpers of the hidden enrolment tests (not a test module)."""

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from enrolment.api import create_app
from enrolment.config import Settings

START = datetime(2024, 9, 1, 8, 0, tzinfo=timezone.utc)


class ManualClock:
    """Reads the time the test set; tests move it on explicitly."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


def client_for(path: Path, clock: ManualClock) -> TestClient:
    return TestClient(create_app(Settings(database_url=f"sqlite:///{path}"), clock=clock))


def add_course(api: TestClient, code: str = "CS-101", capacity: int = 2, **extra: object) -> Any:
    body = {"code": code, "title": "Intro", "capacity": capacity, **extra}
    response = api.post("/courses", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def add_student(api: TestClient, name: str) -> int:
    response = api.post("/students", json={"email": f"{name}@uni.example", "name": name})
    assert response.status_code == 201, response.text
    student_id: int = response.json()["id"]
    return student_id


def enrol(api: TestClient, student_id: int, code: str = "CS-101") -> Any:
    return api.post(f"/courses/{code}/enrolments", json={"student_id": student_id})


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def roster_names(api: TestClient, code: str = "CS-101") -> list[str]:
    return [entry["name"] for entry in api.get(f"/courses/{code}/roster").json()]
