from collections.abc import Iterator
from dataclasses import FrozenInstanceError, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text

from ordering.orders import place_order
from ordering.outbox import OutboxEvent, relay_pending_events
from ordering.schema import create_schema


class BrokerDown(Exception):
    pass


class SimulatedOutage(Exception):
    pass


def explode() -> None:
    raise SimulatedOutage("disk on fire")


def prepare_connection(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function("explode", 0, explode)
    # Skipping fsync keeps the file-backed tests fast; durability across crashes is not tested.
    dbapi_connection.execute("PRAGMA synchronous = OFF")


@dataclass
class RecordingPublisher:
    """Fake broker; raises on the calls whose 1-based numbers are in `failing_calls`."""

    failing_calls: set[int] = field(default_factory=set)
    calls: int = 0
    delivered: list[OutboxEvent] = field(default_factory=list)

    def __call__(self, outbox_event: OutboxEvent) -> None:
        self.calls += 1
        if self.calls in self.failing_calls:
            raise BrokerDown(f"broker unavailable on call {self.calls}")
        self.delivered.append(outbox_event)

    def delivered_order_ids(self) -> list[int]:
        return [delivered.payload["order_id"] for delivered in self.delivered]


def make_engine(database: Path) -> Engine:
    engine = create_engine(f"sqlite:///{database}")
    event.listen(engine, "connect", prepare_connection)
    return engine


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "shop.db"


@pytest.fixture
def engine(database: Path) -> Iterator[Engine]:
    engine = make_engine(database)
    create_schema(engine)
    yield engine
    engine.dispose()


def install_failing_trigger(engine: Engine, table: str) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                f"CREATE TRIGGER {table}_insert_fails BEFORE INSERT ON {table}"
                " BEGIN SELECT explode(); END"
            )
        )


def count_rows(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        count: int = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    return count


def test_placed_order_is_stored_and_its_id_returned(engine: Engine) -> None:
    first = place_order(engine, "ann@example.com", Decimal("12.50"))
    second = place_order(engine, "bob@example.com", Decimal("3.00"))

    assert isinstance(first, int)
    assert first != second
    assert count_rows(engine, "orders") == 2
    assert count_rows(engine, "outbox") == 2


def test_relay_publishes_order_placed_event(engine: Engine) -> None:
    order_id = place_order(engine, "ann@example.com", Decimal("12.50"))
    publisher = RecordingPublisher()

    published = relay_pending_events(engine, publisher)

    assert published == 1
    [delivered] = publisher.delivered
    assert isinstance(delivered, OutboxEvent)
    assert isinstance(delivered.id, int)
    assert delivered.event_type == "order_placed"
    assert delivered.payload == {
        "order_id": order_id,
        "customer_email": "ann@example.com",
        "amount": "12.50",
    }


def test_amount_in_payload_has_exactly_two_decimal_places(engine: Engine) -> None:
    place_order(engine, "ann@example.com", Decimal("7.5"))
    place_order(engine, "bob@example.com", Decimal("20"))
    publisher = RecordingPublisher()

    relay_pending_events(engine, publisher)

    assert [delivered.payload["amount"] for delivered in publisher.delivered] == ["7.50", "20.00"]


def test_outbox_event_is_frozen() -> None:
    outbox_event = OutboxEvent(id=1, event_type="order_placed", payload={})

    with pytest.raises(FrozenInstanceError):
        outbox_event.id = 2  # type: ignore[misc]


def test_events_are_published_oldest_first_with_unique_ids(engine: Engine) -> None:
    order_ids = [place_order(engine, f"c{n}@example.com", Decimal("1.00")) for n in range(4)]
    publisher = RecordingPublisher()

    assert relay_pending_events(engine, publisher) == 4

    assert publisher.delivered_order_ids() == order_ids
    assert len({delivered.id for delivered in publisher.delivered}) == 4


def test_rerunning_relay_publishes_nothing_new(engine: Engine) -> None:
    place_order(engine, "ann@example.com", Decimal("1.00"))
    publisher = RecordingPublisher()
    relay_pending_events(engine, publisher)

    assert relay_pending_events(engine, publisher) == 0
    assert publisher.calls == 1


def test_events_placed_after_a_relay_go_out_on_the_next_run(engine: Engine) -> None:
    publisher = RecordingPublisher()
    first = place_order(engine, "ann@example.com", Decimal("1.00"))
    relay_pending_events(engine, publisher)
    second = place_order(engine, "bob@example.com", Decimal("2.00"))

    assert relay_pending_events(engine, publisher) == 1

    assert publisher.delivered_order_ids() == [first, second]


def test_publisher_failure_midway_stops_and_rerun_has_no_duplicates(engine: Engine) -> None:
    order_ids = [place_order(engine, f"c{n}@example.com", Decimal("1.00")) for n in range(4)]
    publisher = RecordingPublisher(failing_calls={3})

    with pytest.raises(BrokerDown):
        relay_pending_events(engine, publisher)
    assert publisher.calls == 3

    assert relay_pending_events(engine, publisher) == 2
    assert publisher.delivered_order_ids() == order_ids


def test_failure_on_first_event_leaves_everything_pending(engine: Engine) -> None:
    order_ids = [place_order(engine, f"c{n}@example.com", Decimal("1.00")) for n in range(2)]
    publisher = RecordingPublisher(failing_calls={1, 2})

    for _ in range(2):
        with pytest.raises(BrokerDown):
            relay_pending_events(engine, publisher)

    assert relay_pending_events(engine, publisher) == 2
    assert publisher.delivered_order_ids() == order_ids


def test_limit_caps_events_per_run(engine: Engine) -> None:
    order_ids = [place_order(engine, f"c{n}@example.com", Decimal("1.00")) for n in range(5)]
    publisher = RecordingPublisher()

    assert relay_pending_events(engine, publisher, limit=2) == 2
    assert publisher.delivered_order_ids() == order_ids[:2]
    assert relay_pending_events(engine, publisher, limit=2) == 2
    assert relay_pending_events(engine, publisher, limit=2) == 1
    assert publisher.delivered_order_ids() == order_ids


def test_limit_defaults_to_one_hundred(engine: Engine) -> None:
    order_ids = [place_order(engine, f"c{n}@example.com", Decimal("1.00")) for n in range(101)]
    publisher = RecordingPublisher()

    assert relay_pending_events(engine, publisher) == 100
    assert publisher.delivered_order_ids() == order_ids[:100]
    assert relay_pending_events(engine, publisher) == 1
    assert publisher.delivered_order_ids() == order_ids


def test_published_state_survives_a_new_engine(engine: Engine, database: Path) -> None:
    order_ids = [place_order(engine, f"c{n}@example.com", Decimal("1.00")) for n in range(3)]
    with pytest.raises(BrokerDown):
        relay_pending_events(engine, RecordingPublisher(failing_calls={2}))
    engine.dispose()

    restarted = make_engine(database)
    publisher = RecordingPublisher()
    try:
        assert relay_pending_events(restarted, publisher) == 2
    finally:
        restarted.dispose()
    assert publisher.delivered_order_ids() == order_ids[1:]


def test_failed_outbox_insert_leaves_no_order(engine: Engine) -> None:
    place_order(engine, "ann@example.com", Decimal("1.00"))
    install_failing_trigger(engine, "outbox")

    with pytest.raises(Exception):  # noqa: B017 - any database error is acceptable here
        place_order(engine, "bob@example.com", Decimal("2.00"))

    assert count_rows(engine, "orders") == 1
    assert count_rows(engine, "outbox") == 1


def test_failed_order_insert_leaves_no_event(engine: Engine) -> None:
    install_failing_trigger(engine, "orders")

    with pytest.raises(Exception):  # noqa: B017 - any database error is acceptable here
        place_order(engine, "bob@example.com", Decimal("2.00"))

    assert count_rows(engine, "outbox") == 0
    assert relay_pending_events(engine, RecordingPublisher()) == 0
