import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from accounts.api import create_app
from accounts.audit import AuditLog
from accounts.mailer import Email
from accounts.passwords import PasswordHash
from accounts.reset import InvalidResetToken, PasswordResetService
from accounts.store import ResetTokens, Sessions, User, Users
from accounts.support import RecentAuditEvents

NOW = datetime(2025, 4, 2, 10, 0, tzinfo=UTC)


class Outbox:
    def __init__(self) -> None:
        self.sent: list[Email] = []

    def send(self, email: Email) -> None:
        self.sent.append(email)

    def token(self) -> str:
        match = re.search(r"#token=([\w-]+)", self.sent[-1].text)
        assert match is not None
        return match.group(1)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def world() -> tuple[PasswordResetService, Outbox, Users, Sessions, Clock]:
    users = Users([User(7, "maria@example.com", PasswordHash(b"salt" * 4, b"\0" * 32))])
    sessions = Sessions()
    sessions.by_user[7] = {"s1", "s2"}
    outbox, clock = Outbox(), Clock()
    service = PasswordResetService(
        users, ResetTokens(), sessions, outbox, AuditLog(clock), clock=clock
    )
    return service, outbox, users, sessions, clock


def test_a_reset_link_changes_the_password_once(world) -> None:  # type: ignore[no-untyped-def]
    service, outbox, users, sessions, _ = world
    service.request_reset("Maria@Example.com", "203.0.113.9")
    token = outbox.token()
    service.complete_reset(token, "a much better passphrase", "203.0.113.9")
    user = users.get(7)
    assert user is not None and user.password.matches("a much better passphrase")
    assert 7 not in sessions.by_user
    with pytest.raises(InvalidResetToken):
        service.complete_reset(token, "another good passphrase", "203.0.113.9")


def test_an_expired_link_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    service, outbox, _, _, clock = world
    service.request_reset("maria@example.com", "203.0.113.9")
    clock.now = NOW + timedelta(minutes=31)
    with pytest.raises(InvalidResetToken):
        service.complete_reset(outbox.token(), "a much better passphrase", "203.0.113.9")


def test_unknown_addresses_get_no_email(world) -> None:  # type: ignore[no-untyped-def]
    service, outbox, *_ = world
    service.request_reset("nobody@example.com", "203.0.113.9")
    assert outbox.sent == []


def test_the_endpoint_answers_the_same_for_any_address(world) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(create_app(world[0]))
    for email in ("maria@example.com", "nobody@example.com"):
        assert client.post("/password-reset", json={"email": email}).status_code == 202


def test_the_audit_trail_records_the_request_without_the_token(
    world, caplog: pytest.LogCaptureFixture  # type: ignore[no-untyped-def]
) -> None:
    service, outbox, *_ = world
    caplog.set_level(logging.DEBUG)
    service.request_reset("maria@example.com", "203.0.113.9")
    token = outbox.token()
    requested = [r for r in caplog.records if "password_reset_requested" in r.getMessage()]
    assert requested and '"user_id": 7' in requested[0].getMessage()
    logged = "\n".join(f"{r.getMessage()} {r.__dict__!r}" for r in caplog.records)
    assert token not in logged, "the reset token was written to the audit log"


def test_support_agents_cannot_read_a_working_link(world) -> None:  # type: ignore[no-untyped-def]
    service, outbox, *_ = world
    recent, audit = RecentAuditEvents(), logging.getLogger("audit")
    level = audit.level
    audit.addHandler(recent)
    audit.setLevel(logging.INFO)  # as the service's logging configuration sets it
    try:
        service.request_reset("maria@example.com", "203.0.113.9")
    finally:
        audit.removeHandler(recent)
        audit.setLevel(level)
    timeline = recent.timeline(7)
    assert [entry.event for entry in timeline] == ["password_reset_requested"]
    assert outbox.token() not in timeline[0].details
