"""The two entry points the request asks for: channel choice and quiet hours, on their own.

The modules are imported when a test runs, so on code without them each test fails by name
(a missing boundary) rather than the whole file failing to collect.
"""

import importlib
import importlib.util
import random
from datetime import UTC, datetime
from pathlib import Path

MIDNIGHT_UTC = datetime(2026, 5, 4, tzinfo=UTC).timestamp()
HOUR = 3600
PRIORITY_OF = {"order_shipped": "normal", "password_reset": "critical", "weekly_digest": "low"}
DATA = {"order_shipped": {"order_id": "A-17", "tracking_url": "https://t/A-17"},
        "password_reset": {"code": "991"},
        "weekly_digest": {"summary": "3 new orders"}}


def _load_original():
    path = Path(__file__).with_name("original_dispatcher.py")
    spec = importlib.util.spec_from_file_location("_archbench_original_boundaries", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ORIGINAL = _load_original()


def reachable_channels(user, priority, senders):
    module = importlib.import_module("notify.channels")
    return module.reachable_channels(user, priority, senders)


def in_quiet_hours(user, now):
    return importlib.import_module("notify.policies").in_quiet_hours(user, now)


def user_with(**fields):
    return {"id": "u1", "email": "ada@example.com", "phone": "+4915112345678",
            "device_token": "tok-123", **fields}


def deliver_nowhere(address, subject, body):
    """A sender that accepts every message."""


ALL_SENDERS = {"email": deliver_nowhere, "sms": deliver_nowhere, "push": deliver_nowhere}


def test_channels_boundary_reachable_channels_follow_the_user_preferences():
    user = user_with(preferences=["sms", "fax", "push", "sms", "email"])
    assert reachable_channels(user, "normal", ALL_SENDERS) == ["sms", "push", "email"]
    assert reachable_channels(user, "critical", {"email", "push"}) == ["push", "email"]


def test_channels_boundary_reachable_channels_default_to_email_and_low_priority_uses_it_only():
    assert reachable_channels(user_with(preferences=None), "normal", ALL_SENDERS) == ["email"]
    assert reachable_channels(user_with(preferences=["push"]), "low", ALL_SENDERS) == ["email"]


def test_channels_boundary_reachable_channels_pass_over_malformed_addresses():
    user = user_with(phone="12345", device_token="", email="@example.com",
                     preferences=["sms", "push", "email"])
    assert reachable_channels(user, "normal", ALL_SENDERS) == []
    assert reachable_channels(user_with(phone="+12345678", preferences=["sms"]), "normal",
                              ALL_SENDERS) == ["sms"]


def test_policies_boundary_in_quiet_hours_uses_the_users_local_time():
    night_owl = {"quiet_hours": (22, 7), "utc_offset_hours": 2}
    assert in_quiet_hours(night_owl, MIDNIGHT_UTC + 21.5 * HOUR) is True
    assert in_quiet_hours(night_owl, MIDNIGHT_UTC + 5 * HOUR) is False
    office = {"quiet_hours": (9, 17)}
    assert in_quiet_hours(office, MIDNIGHT_UTC + 17 * HOUR - 1) is True
    assert in_quiet_hours(office, MIDNIGHT_UTC + 17 * HOUR) is False
    assert in_quiet_hours({}, MIDNIGHT_UTC + 12 * HOUR) is False


def original_dispatch(user, event, senders, now):
    """The original dispatcher's results for one notification, sent at epoch second `now`."""
    dispatcher = ORIGINAL.Dispatcher(senders, clock=lambda: now, sleep=lambda _: None)
    return dispatcher.dispatch(user, event, DATA[event])


def random_user(rng):
    user = {"id": "u1"}
    for key, values in (("email", ["ada@example.com", "@x", "x", ""]),
                        ("phone", ["+4915112345678", "+1234567", "4915112345678"]),
                        ("device_token", ["tok", ""])):
        if rng.random() < 0.8:
            user[key] = rng.choice(values)
    if rng.random() < 0.8:
        user["preferences"] = [rng.choice(["email", "sms", "push", "fax"])
                               for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.6:
        user["quiet_hours"] = (rng.randint(0, 24), rng.randint(0, 24))
        if rng.random() < 0.5:
            user["utc_offset_hours"] = rng.choice([-5, 0, 2, 5.5])
    return user


def failing_senders(configured):
    def fail(address, subject, body):
        raise ValueError("down")
    return {channel: fail for channel in configured}


def test_channels_boundary_reachable_channels_match_the_original_dispatch():
    rng = random.Random(1803)
    for _ in range(300):
        user = random_user(rng)
        user.pop("quiet_hours", None)
        event = rng.choice(sorted(PRIORITY_OF))
        configured = [c for c in ("email", "sms", "push") if rng.random() < 0.8]
        results = original_dispatch(user, event, failing_senders(configured), MIDNIGHT_UTC)
        tried = [result["channel"] for result in results if result["channel"] is not None]
        assert reachable_channels(user, PRIORITY_OF[event], set(configured)) == tried, (
            user, event, configured
        )


def test_policies_boundary_in_quiet_hours_matches_the_original_dispatch():
    rng = random.Random(318)
    for _ in range(300):
        user = {**random_user(rng), "email": "ada@example.com", "preferences": ["email"]}
        now = MIDNIGHT_UTC + rng.randint(0, 48) * HOUR + rng.choice([-1, 0, 1, 1800])
        results = original_dispatch(user, "order_shipped", {"email": deliver_nowhere}, now)
        deferred = results[0]["status"] == "deferred"
        assert in_quiet_hours(user, now) is deferred, (user, now)
