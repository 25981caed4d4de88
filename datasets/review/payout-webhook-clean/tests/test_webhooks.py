import sqlite3

import pytest

from payouts.webhooks import PaymentEvent, WebhookProcessor

CAPTURED = PaymentEvent("evt_1", "payment.captured", "m1", 5_000)


@pytest.fixture
def processor() -> WebhookProcessor:
    return WebhookProcessor(sqlite3.connect(":memory:"))


def test_captured_and_refunded_payments_move_the_balance(processor: WebhookProcessor) -> None:
    assert processor.handle("dlv_a", CAPTURED)
    assert processor.handle("dlv_b", PaymentEvent("evt_2", "payment.refunded", "m1", 1_500))
    assert processor.balance_cents("m1") == 3_500


def test_unrelated_event_types_are_acknowledged(processor: WebhookProcessor) -> None:
    assert processor.handle("dlv_c", PaymentEvent("evt_3", "customer.updated", "m1", 0))
    assert processor.balance_cents("m1") == 0


def test_replayed_delivery_is_ignored(processor: WebhookProcessor) -> None:
    assert processor.handle("dlv_a", CAPTURED)
    assert not processor.handle("dlv_a", CAPTURED)
    assert processor.balance_cents("m1") == 5_000


def test_provider_retry_of_the_same_event_is_applied_once(processor: WebhookProcessor) -> None:
    processor.handle("dlv_first_attempt", CAPTURED)
    processor.handle("dlv_retry_after_timeout", CAPTURED)
    assert processor.balance_cents("m1") == 5_000, "a retried event was credited twice"


def test_distinct_events_with_equal_amounts_both_count(processor: WebhookProcessor) -> None:
    processor.handle("dlv_1", PaymentEvent("evt_10", "payment.captured", "m2", 700))
    processor.handle("dlv_2", PaymentEvent("evt_11", "payment.captured", "m2", 700))
    assert processor.balance_cents("m2") == 1_400
