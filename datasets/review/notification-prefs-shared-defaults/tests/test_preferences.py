from collections.abc import Iterator

import pytest

from notify import preferences as module
from notify.preferences import (
    Channel,
    Kind,
    PreferenceError,
    Preferences,
    PreferenceStore,
)


@pytest.fixture(autouse=True)
def pristine_defaults() -> Iterator[None]:
    """Each test starts from the shipped defaults, whatever an earlier test did to them."""
    saved = {kind: set(channels) for kind, channels in module.DEFAULT_CHANNELS.items()}
    yield
    module.DEFAULT_CHANNELS.clear()
    module.DEFAULT_CHANNELS.update(saved)


def test_new_users_get_the_defaults() -> None:
    preferences = PreferenceStore({}).get("u1")
    assert preferences.enabled(Kind.SECURITY) == {Channel.EMAIL, Channel.PUSH}
    assert preferences.enabled(Kind.MENTIONS) == {Channel.PUSH}


def test_a_toggle_is_stored_and_survives_a_reload() -> None:
    kv: dict[str, str] = {}
    PreferenceStore(kv).update("u1", Kind.MENTIONS, Channel.SMS, enabled=True)
    reloaded = PreferenceStore(kv).get("u1")
    assert reloaded.enabled(Kind.MENTIONS) == {Channel.PUSH, Channel.SMS}


def test_security_email_cannot_be_switched_off() -> None:
    with pytest.raises(PreferenceError):
        PreferenceStore({}).update("u1", Kind.SECURITY, Channel.EMAIL, enabled=False)


def test_one_users_choice_does_not_change_anyone_elses() -> None:
    store = PreferenceStore({})
    store.update("ann", Kind.PRODUCT_UPDATES, Channel.EMAIL, enabled=False)
    store.update("ann", Kind.BILLING, Channel.SMS, enabled=True)
    bob = store.get("bob")
    assert bob.enabled(Kind.PRODUCT_UPDATES) == {Channel.EMAIL}, "ann's opt-out reached bob"
    assert bob.enabled(Kind.BILLING) == {Channel.EMAIL}, "ann's opt-in reached bob"


def test_fresh_preference_objects_are_independent() -> None:
    first, second = Preferences("a"), Preferences("b")
    first.opt_out(Kind.MENTIONS, Channel.PUSH)
    assert second.enabled(Kind.MENTIONS) == {Channel.PUSH}
    assert PreferenceStore({}).reset("c").enabled(Kind.MENTIONS) == {Channel.PUSH}
