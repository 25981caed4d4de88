from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from helpdesk.api import create_app
from helpdesk.config import Settings


class StepClock:
    """Each reading is one minute after the previous one, so timestamps are predictable."""

    def __init__(self) -> None:
        self.now = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_path=tmp_path / "helpdesk.sqlite3", default_page_size=2)


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, clock=StepClock())) as client:
        yield client


def open_ticket(api: TestClient, title: str = "Printer on fire", **extra: object) -> dict:
    body = {"title": title, "requester_email": "ann@example.com", **extra}
    response = api.post("/tickets", json=body)
    assert response.status_code == 201, response.text
    return response.json()
