"""Existing outbox behaviour, which must keep working."""

from collections.abc import Mapping
from typing import Any

import pytest

from webhooks.outbox import TransportError, WebhookOutbox

Outcome = int | type[TransportError]


class ScriptedTransport:
    """Each url answers from its own list of outcomes; the urls called are kept."""

    def __init__(self, **outcomes: list[Outcome]) -> None:
        self._outcomes = {url: list(answers) for url, answers in outcomes.items()}
        self.calls: list[str] = []

    def __call__(self, url: str, payload: Mapping[str, Any]) -> int:
        self.calls.append(url)
        outcome = self._outcomes[url].pop(0)
        if isinstance(outcome, int):
            return outcome
        raise outcome("no response")


def test_enqueued_deliveries_start_pending_and_ids_are_unique() -> None:
    outbox = WebhookOutbox(ScriptedTransport())
    delivery = outbox.enqueue("d1", "a", {"event": "paid"})
    assert outbox.get("d1") is delivery
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("pending", 0, None)
    with pytest.raises(ValueError):
        outbox.enqueue("d1", "b", {})


def test_deliver_pending_sends_each_pending_delivery_once() -> None:
    transport = ScriptedTransport(a=[204], b=[500], c=[TransportError], d=[200])
    outbox = WebhookOutbox(transport)
    for delivery_id, url in (("d1", "a"), ("d2", "b"), ("d3", "c"), ("d4", "d")):
        outbox.enqueue(delivery_id, url, {"n": delivery_id})
    assert outbox.deliver_pending() == ["d1", "d4"]
    assert transport.calls == ["a", "b", "c", "d"]
    assert [outbox.get(i).status for i in ("d1", "d2", "d3", "d4")] == [
        "delivered", "failed", "failed", "delivered",
    ]  # fmt: skip
    assert (outbox.get("d2").last_status, outbox.get("d3").last_status) == (500, None)
    assert outbox.get("d2").attempts == 1


def test_deliver_pending_leaves_sent_deliveries_alone() -> None:
    transport = ScriptedTransport(a=[404])
    outbox = WebhookOutbox(transport)
    outbox.enqueue("d1", "a", {})
    outbox.deliver_pending()
    assert outbox.deliver_pending() == []
    assert transport.calls == ["a"]


@pytest.mark.parametrize(
    ("code", "status"),
    [(199, "failed"), (200, "delivered"), (299, "delivered"), (300, "failed"), (301, "failed")],
)
def test_only_a_2xx_response_is_a_delivery(code: int, status: str) -> None:
    outbox = WebhookOutbox(ScriptedTransport(a=[code]))
    outbox.enqueue("d1", "a", {})
    assert outbox.deliver_pending() == (["d1"] if status == "delivered" else [])
    assert (outbox.get("d1").status, outbox.get("d1").last_status) == (status, code)


def test_a_transport_bug_is_not_taken_for_a_missing_response() -> None:
    def broken(url: str, payload: Mapping[str, Any]) -> int:
        raise KeyError("bug in the transport")

    outbox = WebhookOutbox(broken)
    outbox.enqueue("d1", "a", {})
    with pytest.raises(KeyError):
        outbox.deliver_pending()
