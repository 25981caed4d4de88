"""Shared helpers of the hidden helpdesk tests (not a test module)."""

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from helpdesk.api import create_app
from helpdesk.config import Settings

START = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)


class ManualClock:
    """Reads the time the test set; tests move it on explicitly."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


def client_for(path: Path, clock: ManualClock, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(database_path=path, **settings), clock=clock))


def open_ticket(api: TestClient, title: str = "Printer on fire", **extra: object) -> Any:
    body = {"title": title, "requester_email": "ann@example.com", **extra}
    response = api.post("/tickets", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def titles(tickets: list[Any]) -> list[str]:
    return [ticket["title"] for ticket in tickets]
