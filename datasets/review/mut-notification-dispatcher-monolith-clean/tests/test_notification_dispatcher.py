from datetime import UTC, datetime

import pytest
from notify.dispatcher import (
    Dispatcher,
    NotificationError,
    TemplateError,
    TransientSendError,
    UnknownEventError,
)

NOON_UTC = datetime(2026, 5, 4, 12, 0, tzinfo=UTC).timestamp()
SHIPPED = {"order_id": "A-17", "tracking_url": "https://t.example/A-17"}


class FakeSender:
    """Records deliveries; raises the scripted errors first, one per call."""

    def __init__(self, *errors):
        self.errors = list(errors)
        self.calls = []

    def __call__(self, address, subject, body):
        self.calls.append((address, subject, body))
        if self.errors:
            raise self.errors.pop(0)


class FakeClock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def make_user(**overrides):
    user = {
        "id": "u1",
        "name": "Ada",
        "email": "ada@example.com",
        "phone": "+4915112345678",
        "device_token": "tok-123",
        "preferences": ["push", "email"],
    }
    user.update(overrides)
    return user


@pytest.fixture
def senders():
    return {"email": FakeSender(), "sms": FakeSender(), "push": FakeSender()}


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def clock():
    return FakeClock(NOON_UTC)


@pytest.fixture
def dispatcher(senders, clock, sleeps):
    return Dispatcher(senders, clock=clock, sleep=sleeps.append, max_per_hour=2)


def test_normal_event_uses_first_preferred_channel(dispatcher, senders):
    results = dispatcher.dispatch(make_user(), "order_shipped", SHIPPED)
    assert results == [{"channel": "push", "status": "sent", "attempts": 1, "error": None}]
    assert senders["push"].calls == [
        (
            "tok-123",
            "Your order A-17 has shipped",
            "Hi Ada, your order A-17 is on its way. Track it at https://t.example/A-17.",
        )
    ]
    assert senders["email"].calls == []


def test_permanent_failure_falls_back_to_next_channel(senders, clock, sleeps):
    senders["push"] = FakeSender(ValueError("bad token"))
    dispatcher = Dispatcher(senders, clock=clock, sleep=sleeps.append)
    results = dispatcher.dispatch(make_user(), "order_shipped", SHIPPED)
    assert results == [
        {"channel": "push", "status": "failed", "attempts": 1, "error": "permanent: bad token"},
        {"channel": "email", "status": "sent", "attempts": 1, "error": None},
    ]
    assert sleeps == []


def test_transient_failures_are_retried_with_exponential_backoff(senders, clock, sleeps):
    senders["push"] = FakeSender(*[TransientSendError("timeout")] * 3)
    senders["email"] = FakeSender(TransientSendError("busy"), TransientSendError("busy"))
    dispatcher = Dispatcher(senders, clock=clock, sleep=sleeps.append, base_delay=0.5)
    results = dispatcher.dispatch(make_user(), "order_shipped", SHIPPED)
    assert results == [
        {"channel": "push", "status": "failed", "attempts": 3, "error": "transient: timeout"},
        {"channel": "email", "status": "sent", "attempts": 3, "error": None},
    ]
    assert sleeps == [0.5, 1.0, 0.5, 1.0]
    assert len(senders["email"].calls) == 3


def test_critical_event_goes_to_every_channel_and_ignores_limits(senders, clock, sleeps):
    dispatcher = Dispatcher(senders, clock=clock, sleep=sleeps.append, max_per_hour=1)
    user = make_user(
        preferences=["sms", "email", "sms", "push"],
        quiet_hours=(0, 24),
        muted_events=["password_reset"],
    )
    for _ in range(2):
        results = dispatcher.dispatch(user, "password_reset", {"code": "991", "name": "Dr. A"})
        assert [(r["channel"], r["status"]) for r in results] == [
            ("sms", "sent"), ("email", "sent"), ("push", "sent")
        ]
    assert senders["sms"].calls[0] == ("+4915112345678", "", "Your password reset code is 991")
    assert senders["email"].calls[0][2].startswith("Hi Dr. A, use code 991")
    assert len(senders["sms"].calls) == 2
    assert dispatcher.sent_in_last_hour("u1") == 0


def test_low_priority_goes_by_email_only(dispatcher, senders):
    data = {"summary": "3 new orders"}
    results = dispatcher.dispatch(make_user(preferences=["push"]), "weekly_digest", data)
    assert results == [{"channel": "email", "status": "sent", "attempts": 1, "error": None}]
    assert senders["email"].calls == [
        (
            "ada@example.com",
            "Your week at a glance",
            "Hi Ada, here is what happened this week:\n3 new orders",
        )
    ]
    skipped = dispatcher.dispatch(make_user(id="u2", email=None), "weekly_digest", data)
    assert skipped == [
        {"channel": None, "status": "skipped", "attempts": 0, "error": "no reachable channel"}
    ]
    assert senders["push"].calls == []


def test_rate_limit_per_user_with_sliding_hour(dispatcher, senders, clock):
    user = make_user()
    for _ in range(2):
        assert dispatcher.dispatch(user, "order_shipped", SHIPPED)[0]["status"] == "sent"
    assert dispatcher.sent_in_last_hour("u1") == 2
    clock.now += 3599
    assert dispatcher.dispatch(user, "order_shipped", SHIPPED) == [
        {"channel": None, "status": "rate_limited", "attempts": 0, "error": None}
    ]
    assert dispatcher.dispatch(make_user(id="u2"), "order_shipped", SHIPPED)[0]["status"] == "sent"
    clock.now += 1
    assert dispatcher.sent_in_last_hour("u1") == 0
    assert dispatcher.dispatch(user, "order_shipped", SHIPPED)[0]["status"] == "sent"
    assert len(senders["push"].calls) == 4


def test_failed_notifications_do_not_use_up_the_rate_limit(senders, clock, sleeps):
    senders["push"] = FakeSender(*[ValueError("down")] * 3)
    dispatcher = Dispatcher(senders, clock=clock, sleep=sleeps.append, max_per_hour=1)
    user = make_user(preferences=["push"])
    for _ in range(3):
        assert dispatcher.dispatch(user, "order_shipped", SHIPPED)[0]["status"] == "failed"
    assert dispatcher.sent_in_last_hour("u1") == 0
    assert dispatcher.dispatch(user, "order_shipped", SHIPPED)[0]["status"] == "sent"


def test_quiet_hours_defer_in_the_users_local_time(dispatcher, senders, clock):
    night_owl = make_user(quiet_hours=(22, 7), utc_offset_hours=2)
    clock.now = datetime(2026, 5, 4, 21, 30, tzinfo=UTC).timestamp()
    assert dispatcher.dispatch(night_owl, "order_shipped", SHIPPED) == [
        {"channel": None, "status": "deferred", "attempts": 0, "error": None}
    ]
    clock.now = datetime(2026, 5, 4, 5, 0, tzinfo=UTC).timestamp()
    assert dispatcher.dispatch(night_owl, "order_shipped", SHIPPED)[0]["status"] == "sent"
    office = make_user(id="u2", quiet_hours=(9, 17))
    clock.now = datetime(2026, 5, 4, 16, 59, tzinfo=UTC).timestamp()
    assert dispatcher.dispatch(office, "order_shipped", SHIPPED)[0]["status"] == "deferred"
    clock.now = datetime(2026, 5, 4, 17, 0, tzinfo=UTC).timestamp()
    assert dispatcher.dispatch(office, "order_shipped", SHIPPED)[0]["status"] == "sent"
    assert len(senders["push"].calls) == 2


def test_muted_events_are_skipped(dispatcher, senders):
    user = make_user(muted_events=["order_shipped"])
    assert dispatcher.dispatch(user, "order_shipped", SHIPPED) == [
        {"channel": None, "status": "skipped", "attempts": 0, "error": "muted by user"}
    ]
    assert senders["push"].calls == senders["email"].calls == []


def test_malformed_or_unknown_channels_are_passed_over(dispatcher, senders):
    user = make_user(
        phone="12345",
        device_token="",
        preferences=["fax", "sms", "push", "sms", "email"],
    )
    del user["name"]
    results = dispatcher.dispatch(user, "order_shipped", SHIPPED)
    assert results == [{"channel": "email", "status": "sent", "attempts": 1, "error": None}]
    assert senders["email"].calls[0][2].startswith("Hi there, your order A-17")
    no_prefs = make_user(id="u2", preferences=None, email="@example.com")
    assert dispatcher.dispatch(no_prefs, "order_shipped", SHIPPED) == [
        {"channel": None, "status": "skipped", "attempts": 0, "error": "no reachable channel"}
    ]


def test_channels_without_a_sender_are_not_eligible(clock, sleeps):
    email = FakeSender()
    dispatcher = Dispatcher({"email": email}, clock=clock, sleep=sleeps.append)
    results = dispatcher.dispatch(make_user(), "password_reset", {"code": "1"})
    assert results == [{"channel": "email", "status": "sent", "attempts": 1, "error": None}]


def test_long_sms_is_truncated_to_160_characters(dispatcher, senders):
    url = "https://t.example/" + "x" * 200
    user = make_user(preferences=["sms"])
    dispatcher.dispatch(user, "order_shipped", {"order_id": "A-17", "tracking_url": url})
    body = senders["sms"].calls[0][2]
    assert len(body) == 160
    assert body == ("Order A-17 shipped: " + url)[:157] + "..."


def test_template_and_input_errors_send_nothing(dispatcher, senders):
    with pytest.raises(TemplateError, match="needs order_id, tracking_url"):
        dispatcher.dispatch(make_user(), "order_shipped", {})
    with pytest.raises(UnknownEventError):
        dispatcher.dispatch(make_user(), "birthday", {})
    with pytest.raises(NotificationError):
        dispatcher.dispatch(make_user(id=""), "order_shipped", SHIPPED)
    assert issubclass(TemplateError, NotificationError)
    assert issubclass(UnknownEventError, NotificationError)
    assert all(sender.calls == [] for sender in senders.values())


def test_render_preview(dispatcher):
    data = {"name": "Ada", "summary": "quiet week"}
    assert dispatcher.render_preview("weekly_digest", data, "push") == {
        "subject": "Your week at a glance",
        "body": "Hi Ada, here is what happened this week:\nquiet week",
    }
    assert dispatcher.render_preview("weekly_digest", data, "sms") == {
        "subject": "",
        "body": "Hi Ada, here is what happened this week:\nquiet week",
    }
    assert dispatcher.render_preview("password_reset", {"code": "7"}, "sms") == {
        "subject": "",
        "body": "Your password reset code is 7",
    }
    with pytest.raises(TemplateError):
        dispatcher.render_preview("password_reset", {"code": "7"}, "email")
    with pytest.raises(NotificationError):
        dispatcher.render_preview("password_reset", {"code": "7"}, "pigeon")
    with pytest.raises(UnknownEventError):
        dispatcher.render_preview("birthday", {}, "email")


def test_broadcast_summarises_outcomes(senders, clock, sleeps):
    senders["sms"] = FakeSender(ValueError("carrier rejected"))
    dispatcher = Dispatcher(senders, clock=clock, sleep=sleeps.append, max_per_hour=1)
    users = [
        make_user(id="a"),
        make_user(id="b", preferences=["sms"]),
        make_user(id="c", preferences=["sms"], phone=None),
        make_user(id="d", quiet_hours=(11, 13)),
        make_user(id="a2", muted_events=["order_shipped"]),
    ]
    dispatcher.dispatch(make_user(id="e"), "order_shipped", SHIPPED)
    users.append(make_user(id="e"))
    outcome = dispatcher.broadcast(users, "order_shipped", SHIPPED)
    assert outcome["summary"] == {
        "sent": 1, "failed": 1, "skipped": 2, "rate_limited": 1, "deferred": 1
    }
    assert list(outcome["results"]) == ["a", "b", "c", "d", "a2", "e"]
    assert outcome["results"]["b"][0]["error"] == "permanent: carrier rejected"
    sent_before = {channel: len(sender.calls) for channel, sender in senders.items()}
    with pytest.raises(UnknownEventError):
        dispatcher.broadcast(users, "birthday", {})
    assert {channel: len(sender.calls) for channel, sender in senders.items()} == sent_before
