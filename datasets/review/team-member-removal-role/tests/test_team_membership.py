import pytest
from fastapi.testclient import TestClient

from teams.api import create_app
from teams.membership import Team


@pytest.fixture
def teams() -> dict[int, Team]:
    roles = {"olga": "owner", "adam": "admin", "mia": "member", "max": "member"}
    return {1: Team(1, "Platform", roles)}


@pytest.fixture
def client(teams: dict[int, Team]) -> TestClient:
    return TestClient(create_app(teams))


def remove(client: TestClient, actor: str, member: str) -> int:
    return client.delete(f"/teams/1/members/{member}", headers={"x-user": actor}).status_code


def test_admin_removes_member(client: TestClient, teams: dict[int, Team]) -> None:
    assert remove(client, "adam", "mia") == 204
    assert "mia" not in teams[1].roles


def test_member_can_leave(client: TestClient, teams: dict[int, Team]) -> None:
    assert remove(client, "max", "max") == 204
    assert "max" not in teams[1].roles


def test_owner_cannot_be_removed(client: TestClient) -> None:
    assert remove(client, "adam", "olga") == 403


def test_outsider_cannot_remove(client: TestClient, teams: dict[int, Team]) -> None:
    assert remove(client, "eve", "mia") == 404
    assert "mia" in teams[1].roles


def test_plain_member_cannot_remove_others(client: TestClient, teams: dict[int, Team]) -> None:
    assert remove(client, "mia", "adam") == 403
    assert remove(client, "mia", "max") == 403
    assert {"adam", "max"} <= set(teams[1].roles)
