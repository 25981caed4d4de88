from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import pytest
from fastapi.testclient import TestClient

from registration.app import create_app

Json = dict[str, Any]
START = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@dataclass
class RecordingMailer:
    sent: list[tuple[str, str]] = field(default_factory=list)

    def send_verification(self, email: str, token: str) -> None:
        self.sent.append((email, token))


@dataclass
class ManualClock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def sequential_tokens(prefix: str = "tok") -> Callable[[], str]:
    numbers = count(1)
    return lambda: f"{prefix}-{next(numbers)}"


@pytest.fixture
def mailer() -> RecordingMailer:
    return RecordingMailer()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def client(mailer: RecordingMailer, clock: ManualClock) -> Iterator[TestClient]:
    app = create_app(mailer=mailer, clock=clock, generate_token=sequential_tokens())
    with TestClient(app) as test_client:
        yield test_client


def register(client: TestClient, email: str = "alice@example.com", name: str = "Alice") -> Json:
    response = client.post("/users", json={"email": email, "display_name": name})
    assert response.status_code == 201, response.text
    body: Json = response.json()
    return body


def test_register_returns_unverified_user_with_normalised_fields(client: TestClient) -> None:
    response = client.post(
        "/users", json={"email": "  Alice@Example.COM ", "display_name": "  Alice  "}
    )

    assert response.status_code == 201
    body = response.json()
    assert isinstance(body["id"], int)
    assert {k: body[k] for k in ("email", "display_name", "verified")} == {
        "email": "alice@example.com",
        "display_name": "Alice",
        "verified": False,
    }


def test_register_mails_one_generated_token_to_normalised_email(
    client: TestClient, mailer: RecordingMailer
) -> None:
    register(client, email="Bob@Example.com", name="Bob")

    assert mailer.sent == [("bob@example.com", "tok-1")]


def test_registered_user_can_be_fetched_and_is_unverified(client: TestClient) -> None:
    user = register(client)

    response = client.get(f"/users/{user['id']}")

    assert response.status_code == 200
    assert response.json() == user


def test_users_get_distinct_ids(client: TestClient) -> None:
    first = register(client, email="a@example.com")
    second = register(client, email="b@example.com")

    assert first["id"] != second["id"]
    assert client.get(f"/users/{second['id']}").json()["email"] == "b@example.com"


def test_duplicate_email_in_other_case_is_conflict_and_sends_no_mail(
    client: TestClient, mailer: RecordingMailer
) -> None:
    register(client, email="alice@example.com")

    response = client.post("/users", json={"email": "ALICE@example.com", "display_name": "A"})

    assert response.status_code == 409
    assert len(mailer.sent) == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "not-an-email", "display_name": "X"},
        {"email": "@example.com", "display_name": "X"},
        {"email": "a@b@example.com", "display_name": "X"},
        {"email": "a@example", "display_name": "X"},
        {"email": "a@example.", "display_name": "X"},
        {"email": "a@.example", "display_name": "X"},
        {"email": "a@example.com", "display_name": "   "},
        {"email": "a@example.com", "display_name": "x" * 51},
        {"email": "a@example.com"},
        {"display_name": "X"},
    ],
)
def test_invalid_registration_is_rejected_without_mail(
    client: TestClient, mailer: RecordingMailer, payload: Json
) -> None:
    response = client.post("/users", json=payload)

    assert response.status_code == 422
    assert mailer.sent == []


def test_display_name_of_fifty_characters_is_accepted(client: TestClient) -> None:
    user = register(client, name="x" * 50)

    assert user["display_name"] == "x" * 50


def test_verify_marks_user_verified(client: TestClient, clock: ManualClock) -> None:
    user = register(client)
    clock.advance(timedelta(hours=23, minutes=59, seconds=59))

    response = client.post("/users/verify", json={"token": "tok-1"})

    assert response.status_code == 200
    assert response.json() == {**user, "verified": True}
    assert client.get(f"/users/{user['id']}").json()["verified"] is True


def test_verify_only_affects_the_tokens_user(client: TestClient) -> None:
    alice = register(client, email="alice@example.com")
    bob = register(client, email="bob@example.com")

    client.post("/users/verify", json={"token": "tok-2"})

    assert client.get(f"/users/{alice['id']}").json()["verified"] is False
    assert client.get(f"/users/{bob['id']}").json()["verified"] is True


def test_token_at_exact_expiry_is_gone_and_user_stays_unverified(
    client: TestClient, clock: ManualClock
) -> None:
    user = register(client)
    clock.advance(timedelta(hours=24))

    response = client.post("/users/verify", json={"token": "tok-1"})

    assert response.status_code == 410
    assert client.get(f"/users/{user['id']}").json()["verified"] is False


def test_expiry_is_measured_from_issue_time(client: TestClient, clock: ManualClock) -> None:
    clock.advance(timedelta(days=3))
    register(client)
    clock.advance(timedelta(hours=12))

    assert client.post("/users/verify", json={"token": "tok-1"}).status_code == 200


def test_reused_token_is_conflict(client: TestClient) -> None:
    register(client)
    assert client.post("/users/verify", json={"token": "tok-1"}).status_code == 200

    response = client.post("/users/verify", json={"token": "tok-1"})

    assert response.status_code == 409


def test_unknown_token_is_bad_request(client: TestClient) -> None:
    register(client)

    response = client.post("/users/verify", json={"token": "tok-999"})

    assert response.status_code == 400


def test_unknown_user_is_not_found(client: TestClient) -> None:
    assert client.get("/users/4242").status_code == 404


def test_custom_token_ttl_is_honoured(mailer: RecordingMailer, clock: ManualClock) -> None:
    app = create_app(
        mailer=mailer,
        clock=clock,
        generate_token=sequential_tokens(),
        token_ttl=timedelta(minutes=10),
    )
    with TestClient(app) as client:
        register(client, email="a@example.com")
        register(client, email="b@example.com")
        clock.advance(timedelta(minutes=9))
        assert client.post("/users/verify", json={"token": "tok-1"}).status_code == 200
        clock.advance(timedelta(minutes=1))
        assert client.post("/users/verify", json={"token": "tok-2"}).status_code == 410


def test_apps_do_not_share_state(clock: ManualClock) -> None:
    first_mailer, second_mailer = RecordingMailer(), RecordingMailer()
    first = create_app(mailer=first_mailer, clock=clock, generate_token=sequential_tokens("a"))
    second = create_app(mailer=second_mailer, clock=clock, generate_token=sequential_tokens("b"))
    with TestClient(first) as first_client, TestClient(second) as second_client:
        register(first_client, email="same@example.com")
        register(second_client, email="same@example.com")
        assert second_client.post("/users/verify", json={"token": "a-1"}).status_code == 400

    assert first_mailer.sent == [("same@example.com", "a-1")]
    assert second_mailer.sent == [("same@example.com", "b-1")]
