"""WebhookOutbox.retry_failed: no response, 5xx and 429 are retried; other failures are dead."""

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


def _failed_once(*outcomes: Outcome) -> tuple[WebhookOutbox, ScriptedTransport]:
    """An outbox with one delivery `d1` to url `a`, whose first attempt got `outcomes[0]`."""
    transport = ScriptedTransport(a=list(outcomes))
    outbox = WebhookOutbox(transport)
    outbox.enqueue("d1", "a", {"event": "paid"})
    assert outbox.deliver_pending() == []
    return outbox, transport


@pytest.mark.parametrize("first_failure", [TransportError, 500, 502, 503, 599])
def test_no_response_and_server_errors_are_retried(first_failure: Outcome) -> None:
    outbox, transport = _failed_once(first_failure, 200)
    assert outbox.retry_failed() == ["d1"]
    delivery = outbox.get("d1")
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("delivered", 2, 200)
    assert transport.calls == ["a", "a"]


def test_rate_limiting_is_retried() -> None:
    outbox, transport = _failed_once(429, 201)
    assert outbox.retry_failed() == ["d1"]
    assert outbox.get("d1").status == "delivered"
    assert transport.calls == ["a", "a"]


@pytest.mark.parametrize("permanent", [400, 401, 404, 410, 422, 428, 430, 499, 301, 600])
def test_other_failures_are_dead_without_another_send(permanent: int) -> None:
    outbox, transport = _failed_once(permanent)
    assert outbox.retry_failed() == []
    delivery = outbox.get("d1")
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("dead", 1, permanent)
    assert transport.calls == ["a"]


def test_a_retry_that_fails_again_stays_failed_for_the_next_pass() -> None:
    outbox, transport = _failed_once(503, TransportError, 500, 200)
    assert outbox.retry_failed() == []
    delivery = outbox.get("d1")
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("failed", 2, None)
    assert outbox.retry_failed() == []
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("failed", 3, 500)
    assert outbox.retry_failed() == ["d1"]
    assert delivery.attempts == 4


def test_a_retry_that_gets_a_permanent_failure_is_dead() -> None:
    outbox, transport = _failed_once(500, 404)
    assert outbox.retry_failed() == []
    assert (outbox.get("d1").status, outbox.get("d1").last_status) == ("dead", 404)
    assert outbox.retry_failed() == []
    assert transport.calls == ["a", "a"]


def test_the_attempt_that_reaches_the_limit_makes_it_dead() -> None:
    outbox, transport = _failed_once(500, 500, 200)
    assert outbox.retry_failed(max_attempts=2) == []
    assert (outbox.get("d1").status, outbox.get("d1").attempts) == ("dead", 2)
    assert outbox.retry_failed(max_attempts=5) == []
    assert transport.calls == ["a", "a"]


def test_a_delivery_already_at_the_limit_is_dead_without_a_send() -> None:
    outbox, transport = _failed_once(TransportError, 200)
    assert outbox.retry_failed(max_attempts=1) == []
    assert (outbox.get("d1").status, outbox.get("d1").attempts) == ("dead", 1)
    assert transport.calls == ["a"]


def test_the_default_limit_is_five_attempts() -> None:
    outbox, transport = _failed_once(500, 500, 500, 500, 500, 200)
    for _ in range(3):
        assert outbox.retry_failed() == []
        assert outbox.get("d1").status == "failed"
    assert outbox.retry_failed() == []
    assert (outbox.get("d1").status, outbox.get("d1").attempts) == ("dead", 5)
    assert outbox.retry_failed() == []
    assert len(transport.calls) == 5


@pytest.mark.parametrize("max_attempts", [0, -3])
def test_a_limit_below_one_is_refused(max_attempts: int) -> None:
    outbox, transport = _failed_once(500)
    with pytest.raises(ValueError):
        outbox.retry_failed(max_attempts=max_attempts)
    assert transport.calls == ["a"]


def test_only_failed_deliveries_are_re_sent_in_enqueue_order() -> None:
    transport = ScriptedTransport(
        a=[500, 200], b=[200], c=[429, 200], d=[TransportError, 200], p=[200]
    )
    outbox = WebhookOutbox(transport)
    for delivery_id, url in (("d1", "a"), ("d2", "b"), ("d3", "c"), ("d4", "d")):
        outbox.enqueue(delivery_id, url, {})
    outbox.deliver_pending()
    outbox.enqueue("d5", "p", {})
    transport.calls.clear()
    assert outbox.retry_failed() == ["d1", "d3", "d4"]
    assert transport.calls == ["a", "c", "d"]
    assert outbox.get("d5").status == "pending"
    assert outbox.get("d2").attempts == 1
