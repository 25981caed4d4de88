from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from billing.renewals import (
    ChargeFailed,
    GatewayTimeout,
    RenewalJob,
    Subscription,
    next_period_end,
)

UTC = timezone.utc
JAN_31 = datetime(2026, 1, 31, 8, 0, tzinfo=UTC)


class InMemoryStore:
    def __init__(self, *subscriptions: Subscription) -> None:
        self.rows = {s.id: s for s in subscriptions}

    def due(self, now: datetime) -> list[Subscription]:
        return [s for s in self.rows.values() if s.current_period_end <= now]

    def advance_period(self, subscription_id: str, expected_end: datetime, new_end: datetime) -> bool:
        current = self.rows[subscription_id]
        if current.current_period_end != expected_end:
            return False
        self.rows[subscription_id] = replace(current, current_period_end=new_end)
        return True


class FakeGateway:
    """Charges once per idempotency key, like a real payment API; can time out or decline."""

    def __init__(self, timeouts: int = 0, declined: frozenset[str] = frozenset()) -> None:
        self.timeouts = timeouts
        self.declined = declined
        self.charges: dict[str, tuple[str, Decimal, str]] = {}
        self.calls = 0

    def charge(self, customer_id: str, amount: Decimal, currency: str, idempotency_key: str) -> str:
        self.calls += 1
        self.charges.setdefault(idempotency_key, (customer_id, amount, currency))
        if self.timeouts:
            self.timeouts -= 1
            raise GatewayTimeout("read timeout")
        if customer_id in self.declined:
            raise ChargeFailed("card declined")
        return f"ch_{len(self.charges)}"


def subscription(sub_id: str = "s1", customer: str = "c1", end: datetime = JAN_31) -> Subscription:
    return Subscription(sub_id, customer, Decimal("19.90"), "EUR", 31, end)


def test_period_end_follows_the_anchor_day_through_short_months() -> None:
    feb = next_period_end(JAN_31, 31)
    mar = next_period_end(feb, 31)
    assert (feb.date().isoformat(), mar.date().isoformat()) == ("2026-02-28", "2026-03-31")
    assert next_period_end(datetime(2026, 12, 15, tzinfo=UTC), 15).date().isoformat() == "2027-01-15"


def test_due_subscription_is_charged_and_advanced() -> None:
    store, gateway = InMemoryStore(subscription()), FakeGateway()
    assert RenewalJob(store, gateway).run(JAN_31 + timedelta(minutes=5)) == ["s1"]
    assert list(gateway.charges.values()) == [("c1", Decimal("19.90"), "EUR")]
    assert store.rows["s1"].current_period_end == datetime(2026, 2, 28, 8, 0, tzinfo=UTC)


def test_retries_after_a_timeout_reuse_the_idempotency_key() -> None:
    store, gateway = InMemoryStore(subscription()), FakeGateway(timeouts=2)
    assert RenewalJob(store, gateway).run(JAN_31) == ["s1"]
    assert gateway.calls == 3 and len(gateway.charges) == 1


def test_two_workers_renewing_the_same_period_charge_once() -> None:
    store, gateway = InMemoryStore(subscription()), FakeGateway()
    due_for_both = store.due(JAN_31)
    store.due = lambda now: due_for_both  # type: ignore[method-assign]
    first = RenewalJob(store, gateway).run(JAN_31)
    second = RenewalJob(store, gateway).run(JAN_31)
    assert first == ["s1"] and second == []
    assert len(gateway.charges) == 1


def test_declined_customer_does_not_block_others() -> None:
    store = InMemoryStore(subscription("s1", "broke"), subscription("s2", "c2"))
    gateway = FakeGateway(declined=frozenset({"broke"}))
    assert RenewalJob(store, gateway).run(JAN_31) == ["s2"]
    assert store.rows["s1"].current_period_end == JAN_31


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        RenewalJob(InMemoryStore(), FakeGateway()).run(datetime(2026, 1, 31, 9, 0))


def test_offset_now_is_compared_as_an_instant() -> None:
    store, gateway = InMemoryStore(subscription()), FakeGateway()
    tokyo = timezone(timedelta(hours=9))
    assert RenewalJob(store, gateway).run(datetime(2026, 1, 31, 16, 59, tzinfo=tokyo)) == []
    assert RenewalJob(store, gateway).run(datetime(2026, 1, 31, 17, 0, tzinfo=tokyo)) == ["s1"]
