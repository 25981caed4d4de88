from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from enrolment.api import create_app
from enrolment.config import Settings


class StepClock:
    """Each reading is one minute after the last, so enrolment order is predictable."""

    def __init__(self) -> None:
        self.now = datetime(2024, 9, 1, 8, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'enrolment.sqlite3'}")
    with TestClient(create_app(settings, clock=StepClock())) as client:
        yield client


def add_course(api: TestClient, code: str = "CS-101", capacity: int = 2) -> dict:
    response = api.post("/courses", json={"code": code, "title": "Intro", "capacity": capacity})
    assert response.status_code == 201, response.text
    return response.json()


def add_student(api: TestClient, name: str) -> int:
    response = api.post("/students", json={"email": f"{name}@uni.example", "name": name})
    assert response.status_code == 201, response.text
    return response.json()["id"]
