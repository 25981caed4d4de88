from collections import Counter

import pytest
from consumer.idempotent import ConsumeSummary, Event, FailedEvent, IdempotentConsumer
from consumer.memory_store import InMemoryProcessedEventStore


class Ledger:
    """A handler with a visible side effect: credits accounts."""

    def __init__(self) -> None:
        self.balances: Counter[str] = Counter()
        self.calls: list[str] = []

    def credit(self, event: Event) -> None:
        self.calls.append(event.event_id)
        self.balances[str(event.payload["account"])] += int(str(event.payload["amount"]))


class RecordingStore:
    """A third-party store implementing the port structurally, logging every call."""

    def __init__(self, already_processed: set[str] | None = None) -> None:
        self.ids = set(already_processed or ())
        self.log: list[tuple[str, str]] = []

    def was_processed(self, event_id: str) -> bool:
        self.log.append(("check", event_id))
        return event_id in self.ids

    def mark_processed(self, event_id: str) -> None:
        self.log.append(("mark", event_id))
        self.ids.add(event_id)


def payment(event_id: str, account: str = "acc-1", amount: int = 100) -> Event:
    return Event(event_id, {"account": account, "amount": amount})


def test_new_event_is_handled_and_marked() -> None:
    ledger, store = Ledger(), InMemoryProcessedEventStore()
    consumer = IdempotentConsumer(ledger.credit, store)

    assert consumer.consume(payment("e1")) is True
    assert ledger.balances["acc-1"] == 100
    assert store.was_processed("e1")


def test_redelivery_has_no_effect() -> None:
    ledger = Ledger()
    consumer = IdempotentConsumer(ledger.credit, InMemoryProcessedEventStore())
    consumer.consume(payment("e1"))

    assert consumer.consume(payment("e1")) is False
    assert consumer.consume(payment("e1", amount=999)) is False
    assert ledger.balances["acc-1"] == 100
    assert ledger.calls == ["e1"]


def test_handler_failure_propagates_and_leaves_event_unmarked() -> None:
    store = InMemoryProcessedEventStore()
    error = ConnectionError("ledger db down")
    attempts: list[str] = []

    def flaky(event: Event) -> None:
        attempts.append(event.event_id)
        if len(attempts) == 1:
            raise error

    consumer = IdempotentConsumer(flaky, store)
    with pytest.raises(ConnectionError) as info:
        consumer.consume(payment("e1"))
    assert info.value is error
    assert not store.was_processed("e1")

    assert consumer.consume(payment("e1")) is True
    assert attempts == ["e1", "e1"]
    assert store.was_processed("e1")


def test_marks_only_after_the_handler_succeeds() -> None:
    store = RecordingStore()
    order: list[tuple[str, str]] = store.log

    def handler(event: Event) -> None:
        order.append(("handle", event.event_id))

    IdempotentConsumer(handler, store).consume(payment("e7"))
    assert order.index(("check", "e7")) < order.index(("handle", "e7"))
    assert order.index(("handle", "e7")) < order.index(("mark", "e7"))
    assert order.count(("handle", "e7")) == 1


def test_uses_any_store_implementing_the_port() -> None:
    ledger = Ledger()
    store = RecordingStore(already_processed={"seen-elsewhere"})
    consumer = IdempotentConsumer(ledger.credit, store)

    assert consumer.consume(payment("seen-elsewhere")) is False
    assert ledger.calls == []
    assert ("mark", "seen-elsewhere") not in store.log


def test_consumers_sharing_a_store_never_double_handle() -> None:
    ledger, store = Ledger(), InMemoryProcessedEventStore()
    before_restart = IdempotentConsumer(ledger.credit, store)
    after_restart = IdempotentConsumer(ledger.credit, store)

    before_restart.consume(payment("e1"))
    assert after_restart.consume(payment("e1")) is False
    assert after_restart.consume(payment("e2")) is True
    assert before_restart.consume(payment("e2")) is False
    assert ledger.calls == ["e1", "e2"]


def test_consume_all_reports_processed_duplicates_and_failures() -> None:
    store = InMemoryProcessedEventStore()
    store.mark_processed("old")
    boom = ValueError("bad amount")
    handled: list[str] = []

    def handler(event: Event) -> None:
        if event.payload.get("poison"):
            raise boom
        handled.append(event.event_id)

    consumer = IdempotentConsumer(handler, store)
    summary = consumer.consume_all([
        payment("e1"),
        payment("old"),
        Event("bad", {"poison": True}),
        payment("e2"),
        payment("e1"),
    ])

    assert isinstance(summary, ConsumeSummary)
    assert summary.processed == ["e1", "e2"]
    assert summary.duplicates == ["old", "e1"]
    assert summary.failed == [FailedEvent("bad", boom)]
    assert summary.failed[0].error is boom
    assert handled == ["e1", "e2"]
    assert not store.was_processed("bad")


def test_failed_event_in_a_batch_is_retried_on_redelivery() -> None:
    store = InMemoryProcessedEventStore()
    failures = {"e1": 1}

    def handler(event: Event) -> None:
        if failures.get(event.event_id, 0) > 0:
            failures[event.event_id] -= 1
            raise TimeoutError("slow downstream")

    consumer = IdempotentConsumer(handler, store)
    first = consumer.consume_all([payment("e1")])
    second = consumer.consume_all([payment("e1")])
    assert [f.event_id for f in first.failed] == ["e1"]
    assert first.processed == []
    assert second.processed == ["e1"]
    assert second.failed == []


def test_consume_all_accepts_a_generator_and_empty_input() -> None:
    consumer = IdempotentConsumer(Ledger().credit, InMemoryProcessedEventStore())
    empty = consumer.consume_all(iter([]))
    assert (empty.processed, empty.duplicates, empty.failed) == ([], [], [])
    summary = consumer.consume_all(payment(f"e{i}") for i in range(3))
    assert summary.processed == ["e0", "e1", "e2"]


def test_in_memory_store_tracks_ids_independently_per_instance() -> None:
    first, second = InMemoryProcessedEventStore(), InMemoryProcessedEventStore()
    assert not first.was_processed("x")
    first.mark_processed("x")
    assert first.was_processed("x")
    assert not second.was_processed("x")
