from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from userapi.app import create_app

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def client(tmp_path: Path, clock: FakeClock) -> TestClient:
    return TestClient(create_app(tmp_path / "users.db", clock=clock))


def register(client: TestClient, email: str = "ada@example.com", name: str = "Ada") -> dict:
    response = client.post(
        "/users", json={"email": email, "name": name, "password": "s3cretpass"}
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_create_user_returns_public_fields(client):
    response = client.post(
        "/users",
        json={"email": "  Ada@Example.COM ", "name": "  Ada Lovelace ", "password": "s3cretpass"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body == {
        "id": body["id"],
        "email": "ada@example.com",
        "name": "Ada Lovelace",
        "active": True,
        "created_at": START.isoformat(),
        "last_login_at": None,
    }
    assert isinstance(body["id"], int)


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "not-an-email", "name": "Ada", "password": "s3cretpass"},
        {"email": "ada@example.com", "name": "   ", "password": "s3cretpass"},
        {"email": "ada@example.com", "name": "x" * 101, "password": "s3cretpass"},
        {"email": "ada@example.com", "name": "Ada", "password": "short1"},
        {"email": "ada@example.com", "name": "Ada", "password": "onlyletters"},
        {"email": "ada@example.com", "name": "Ada", "password": "12345678"},
        {"name": "Ada", "password": "s3cretpass"},
    ],
)
def test_create_user_rejects_invalid_input(client, payload):
    assert client.post("/users", json=payload).status_code == 422
    assert client.get("/users").json() == []


def test_duplicate_email_is_a_conflict(client):
    register(client)
    response = client.post(
        "/users", json={"email": "ADA@example.com", "name": "Other", "password": "an0therpass"}
    )
    assert response.status_code == 409
    assert response.json() == {"detail": "email already registered"}


def test_get_user_and_not_found(client):
    created = register(client)
    assert client.get(f"/users/{created['id']}").json() == created
    response = client.get("/users/999")
    assert response.status_code == 404
    assert response.json() == {"detail": "user 999 not found"}


def test_list_users_filters_and_paginates(client):
    ids = [register(client, f"user{i}@example.com", f"User {i}")["id"] for i in range(4)]
    assert client.post(f"/users/{ids[1]}/deactivate").status_code == 200
    assert [u["id"] for u in client.get("/users").json()] == ids
    assert [u["id"] for u in client.get("/users", params={"active": "true"}).json()] == [
        ids[0], ids[2], ids[3]
    ]
    assert [u["id"] for u in client.get("/users", params={"active": "false"}).json()] == [ids[1]]
    page = client.get("/users", params={"limit": 2, "offset": 1}).json()
    assert [u["id"] for u in page] == ids[1:3]
    assert client.get("/users", params={"limit": 0}).status_code == 422
    assert client.get("/users", params={"limit": 101}).status_code == 422
    assert client.get("/users", params={"offset": -1}).status_code == 422


def test_patch_updates_name_and_email(client):
    user = register(client)
    response = client.patch(
        f"/users/{user['id']}", json={"name": " Countess ", "email": "ADA@lovelace.org"}
    )
    assert response.status_code == 200
    assert response.json() == {**user, "name": "Countess", "email": "ada@lovelace.org"}
    same_email = client.patch(f"/users/{user['id']}", json={"email": "ada@lovelace.org"})
    assert same_email.status_code == 200


def test_patch_errors(client):
    ada = register(client)
    register(client, "bob@example.com", "Bob")
    conflict = client.patch(f"/users/{ada['id']}", json={"email": "bob@example.com"})
    assert conflict.status_code == 409
    assert conflict.json() == {"detail": "email already registered"}
    assert client.patch(f"/users/{ada['id']}", json={}).status_code == 422
    assert client.patch(f"/users/{ada['id']}", json={"role": "admin"}).status_code == 422
    assert client.patch(f"/users/{ada['id']}", json={"email": "nope"}).status_code == 422
    missing = client.patch("/users/999", json={"name": "Ghost"})
    assert missing.status_code == 404
    assert missing.json() == {"detail": "user 999 not found"}
    assert client.get(f"/users/{ada['id']}").json() == ada


def test_deactivate_twice_conflicts_and_blocks_login(client):
    user = register(client)
    first = client.post(f"/users/{user['id']}/deactivate")
    assert first.status_code == 200
    assert first.json()["active"] is False
    second = client.post(f"/users/{user['id']}/deactivate")
    assert second.status_code == 409
    assert second.json() == {"detail": f"user {user['id']} is already deactivated"}
    assert client.post("/users/999/deactivate").status_code == 404
    login = client.post("/login", json={"email": "ada@example.com", "password": "s3cretpass"})
    assert login.status_code == 403
    assert login.json() == {"detail": "account is deactivated"}


def test_login_records_last_login(client, clock):
    user = register(client)
    clock.advance(hours=2)
    response = client.post("/login", json={"email": "ADA@example.com", "password": "s3cretpass"})
    assert response.status_code == 200
    expected_time = (START + timedelta(hours=2)).isoformat()
    assert response.json() == {"user_id": user["id"], "last_login_at": expected_time}
    assert client.get(f"/users/{user['id']}").json()["last_login_at"] == expected_time


def test_login_failures_look_the_same(client):
    register(client)
    wrong_password = client.post(
        "/login", json={"email": "ada@example.com", "password": "wrongpass1"}
    )
    unknown_email = client.post(
        "/login", json={"email": "eve@example.com", "password": "s3cretpass"}
    )
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json() == {
        "detail": "invalid email or password"
    }
    assert client.post("/login", json={"email": "ada@example.com"}).status_code == 422


def test_three_failed_logins_lock_the_account_for_fifteen_minutes(client, clock):
    register(client)
    bad = {"email": "ada@example.com", "password": "wrongpass1"}
    good = {"email": "ada@example.com", "password": "s3cretpass"}
    for _ in range(3):
        assert client.post("/login", json=bad).status_code == 401
    locked = client.post("/login", json=good)
    assert locked.status_code == 423
    unlock_at = (START + timedelta(minutes=15)).isoformat()
    assert locked.json() == {"detail": f"account locked until {unlock_at}"}
    clock.advance(minutes=14, seconds=59)
    assert client.post("/login", json=good).status_code == 423
    clock.advance(seconds=1)
    assert client.post("/login", json=good).status_code == 200


def test_successful_login_resets_the_failure_count(client):
    register(client)
    bad = {"email": "ada@example.com", "password": "wrongpass1"}
    good = {"email": "ada@example.com", "password": "s3cretpass"}
    for _ in range(2):
        assert client.post("/login", json=bad).status_code == 401
    assert client.post("/login", json=good).status_code == 200
    for _ in range(2):
        assert client.post("/login", json=bad).status_code == 401
    assert client.post("/login", json=good).status_code == 200


def test_delete_user(client):
    user = register(client)
    response = client.delete(f"/users/{user['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"/users/{user['id']}").status_code == 404
    again = client.delete(f"/users/{user['id']}")
    assert again.status_code == 404
    assert again.json() == {"detail": f"user {user['id']} not found"}


def test_users_persist_across_app_instances(tmp_path, clock):
    db_path = tmp_path / "shared.db"
    first = TestClient(create_app(db_path, clock=clock))
    user = register(first)
    second = TestClient(create_app(str(db_path), clock=clock))
    assert second.get(f"/users/{user['id']}").json() == user
    login = second.post("/login", json={"email": "ada@example.com", "password": "s3cretpass"})
    assert login.status_code == 200
