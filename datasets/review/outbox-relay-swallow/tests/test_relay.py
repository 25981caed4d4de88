from outbox.relay import BrokerError, OutboxMessage, OutboxRelay


class InMemoryOutbox:
    def __init__(self, count: int) -> None:
        self.rows = {i: OutboxMessage(i, "orders", f"order-{i}", b"{}") for i in range(1, count + 1)}
        self.published_ids: set[int] = set()

    def pending(self, limit: int) -> list[OutboxMessage]:
        ids = sorted(set(self.rows) - self.published_ids)[:limit]
        return [self.rows[i] for i in ids]

    def mark_published(self, message_ids: list[int]) -> None:
        self.published_ids.update(message_ids)


class FlakyBroker:
    def __init__(self, fail_on: set[int]) -> None:
        self.fail_on = fail_on
        self.delivered: list[str] = []

    def publish(self, topic: str, key: str, payload: bytes) -> None:
        message_number = int(key.split("-")[1])
        if message_number in self.fail_on:
            self.fail_on.discard(message_number)
            raise BrokerError(f"no ack for {key}")
        self.delivered.append(key)


def test_relays_all_pending_messages() -> None:
    store, broker = InMemoryOutbox(3), FlakyBroker(set())
    assert OutboxRelay(store, broker).relay_once() == 3
    assert broker.delivered == ["order-1", "order-2", "order-3"]
    assert store.pending(10) == []


def test_failed_message_is_not_marked_published() -> None:
    store, broker = InMemoryOutbox(3), FlakyBroker({2})
    relay = OutboxRelay(store, broker)
    relay.relay_once()
    assert 2 not in store.published_ids, "undelivered message was marked as published"


def test_failed_message_is_delivered_on_next_run_in_order() -> None:
    store, broker = InMemoryOutbox(4), FlakyBroker({2})
    relay = OutboxRelay(store, broker)
    relay.relay_once()
    relay.relay_once()
    assert broker.delivered == ["order-1", "order-2", "order-3", "order-4"]
    assert store.pending(10) == []
