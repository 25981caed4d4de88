import json
import logging
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from crmsync.job import ContactSyncJob, SyncCursor
from crmsync.mapping import CrmContact
from crmsync.marketing_client import MarketingClient
from crmsync.retrying import RetryableError
from crmsync.secrets import Secret
from crmsync.settings import SyncSettings

TOKEN = "mw_live_9f3c2a7e5b41d8"
T0 = datetime(2025, 2, 1, 9, 0, tzinfo=UTC)
JANE = CrmContact(1, "Jane.Doe@Example.org", "Jane", "Doe", True, T0, frozenset({"vip"}), "fr")
OMAR = CrmContact(2, "omar.haddad@example.net", "Omar", "Haddad", False, T0 + timedelta(seconds=1))
PII = ("jane.doe@example.org", "omar.haddad@example.net", "Haddad")


class Crm:
    def __init__(self, contacts: list[CrmContact]) -> None:
        self.contacts = sorted(contacts, key=lambda c: (c.updated_at, c.id))

    def changed_after(self, cursor: SyncCursor | None, limit: int) -> list[CrmContact]:
        after = [c for c in self.contacts if cursor is None or (c.updated_at, c.id) > (
            cursor.updated_at, cursor.contact_id)]  # fmt: skip
        return after[:limit]


class Cursors:
    def __init__(self) -> None:
        self.saved: list[SyncCursor] = []

    def load(self) -> SyncCursor | None:
        return self.saved[-1] if self.saved else None

    def save(self, cursor: SyncCursor) -> None:
        self.saved.append(cursor)


class Platform:
    """Mailwave as the sync sees it: fails the first `failures` calls with a 503."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.calls: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        if len(self.calls) <= self.failures:
            return httpx.Response(503, text="upstream unavailable")
        body = json.loads(request.content)
        if request.url.path.endswith(":batchDelete"):
            return httpx.Response(200, json={"deleted": len(body["emails"])})
        return httpx.Response(200, json={"created": len(body["contacts"]), "updated": 0})


def settings() -> SyncSettings:
    return SyncSettings("https://api.mailwave.example/v3", Secret(TOKEN), batch_size=50)


def job(platform: Platform, contacts: list[CrmContact], cursors: Cursors) -> ContactSyncJob:
    http = httpx.Client(transport=httpx.MockTransport(platform))
    client = MarketingClient(settings(), http, sleep=lambda seconds: None)
    return ContactSyncJob(Crm(contacts), cursors, client, {"vip": "list-vip"}, page_size=50)


def logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(
        f"{record.getMessage()} {record.args!r} {record.__dict__!r}" for record in caplog.records
    )


def test_syncs_consenting_contacts_and_removes_the_others() -> None:
    platform, cursors = Platform(), Cursors()
    report = job(platform, [JANE, OMAR], cursors).run()
    assert (report.upserted, report.removed) == (1, 1)
    upsert = json.loads(platform.calls[0].content)["contacts"][0]
    assert upsert["email"] == "jane.doe@example.org" and upsert["listIds"] == ["list-vip"]
    assert json.loads(platform.calls[1].content) == {"emails": ["omar.haddad@example.net"]}
    assert platform.calls[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert cursors.saved == [SyncCursor(OMAR.updated_at, 2)]


def test_retries_carry_the_same_idempotency_key() -> None:
    platform = Platform(failures=2)
    job(platform, [JANE], Cursors()).run()
    keys = {request.headers["Idempotency-Key"] for request in platform.calls}
    assert len(platform.calls) == 3 and len(keys) == 1


def test_the_secret_wrapper_hides_the_token() -> None:
    assert TOKEN not in repr(settings()) and TOKEN not in str(settings().api_token)


def test_a_retried_call_is_logged_without_the_token_or_contacts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    job(Platform(failures=1), [JANE], Cursors()).run()
    retries = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert retries and "attempt 1 of 4" in retries[0].getMessage()
    text = logged(caplog)
    assert TOKEN not in text, "the API token was written to the log"
    assert not [value for value in PII if value in text], "contact data was written to the log"


def test_giving_up_is_logged_without_the_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(RetryableError):
        job(Platform(failures=10), [JANE, OMAR], Cursors()).run()
    assert [r for r in caplog.records if r.levelno == logging.ERROR]
    text = logged(caplog)
    assert TOKEN not in text and not [value for value in PII if value in text]


def test_a_failed_page_does_not_move_the_cursor() -> None:
    cursors = Cursors()
    with pytest.raises(RetryableError):
        job(Platform(failures=10), [JANE], cursors).run()
    assert cursors.saved == []
