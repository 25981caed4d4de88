import json

import pytest

from notifications.preferences import Preferences, PreferenceService


class FlakyStore:
    """Document store whose reads fail for the first `failing_reads` calls."""

    def __init__(self, failing_reads: int = 0) -> None:
        self.documents: dict[str, str] = {}
        self.failing_reads = failing_reads

    def get(self, key: str) -> str | None:
        if self.failing_reads:
            self.failing_reads -= 1
            raise ConnectionError("store unavailable")
        return self.documents.get(key)

    def put(self, key: str, value: str) -> None:
        self.documents[key] = value


def test_new_user_gets_defaults() -> None:
    assert PreferenceService(FlakyStore()).get("u1") == Preferences()


def test_update_keeps_unchanged_fields() -> None:
    service = PreferenceService(FlakyStore())
    service.update("u1", email_digest="daily", quiet_hours=(22, 7))
    updated = service.update("u1", push_enabled=False)
    assert updated == Preferences(email_digest="daily", push_enabled=False, quiet_hours=(22, 7))


def test_update_during_store_outage_does_not_overwrite_saved_preferences() -> None:
    store = FlakyStore()
    service = PreferenceService(store)
    service.update("u1", email_digest="never", marketing_opt_in=False, quiet_hours=(22, 7))

    store.failing_reads = 1
    try:
        service.update("u1", push_enabled=False)
    except ConnectionError:
        pass
    after = json.loads(store.documents["preferences:u1"])
    assert (after["email_digest"], after["quiet_hours"]) == ("never", [22, 7]), (
        "saved preferences were reset to defaults"
    )


def test_read_failure_is_reported_not_hidden() -> None:
    store = FlakyStore()
    service = PreferenceService(store)
    service.update("u1", marketing_opt_in=True)
    store.failing_reads = 1
    with pytest.raises(ConnectionError):
        service.get("u1")
