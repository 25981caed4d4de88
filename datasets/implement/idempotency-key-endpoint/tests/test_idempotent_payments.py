import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from payments.app import create_app
from payments.gateway import GatewayUnavailable, PaymentDeclined

PAYMENT = {"account_id": "acct_42", "amount_cents": 1999}


@dataclass
class ScriptedGateway:
    """Fails with the queued exceptions first, then succeeds with ch_1, ch_2, ..."""

    failures: list[Exception] = field(default_factory=list)
    charges: list[tuple[str, int]] = field(default_factory=list)
    successes: int = 0

    def charge(self, account_id: str, amount_cents: int) -> str:
        self.charges.append((account_id, amount_cents))
        if self.failures:
            raise self.failures.pop(0)
        self.successes += 1
        return f"ch_{self.successes}"


@pytest.fixture
def gateway() -> ScriptedGateway:
    return ScriptedGateway()


@pytest.fixture
def client(gateway: ScriptedGateway) -> Iterator[TestClient]:
    with TestClient(create_app(gateway)) as test_client:
        yield test_client


def pay(
    client: TestClient, key: str | None, payment: dict[str, object] = PAYMENT
) -> Any:  # the TestClient's response type
    headers = {} if key is None else {"Idempotency-Key": key}
    return client.post("/payments", json=payment, headers=headers)


def test_first_request_charges_once_and_is_not_marked_replayed(
    client: TestClient, gateway: ScriptedGateway
) -> None:
    response = pay(client, "key-1")

    assert response.status_code == 201
    assert response.json() == {"charge_id": "ch_1", "account_id": "acct_42", "amount_cents": 1999}
    assert "Idempotent-Replayed" not in response.headers
    assert gateway.charges == [("acct_42", 1999)]


def test_retry_with_same_key_and_payload_replays_without_charging(
    client: TestClient, gateway: ScriptedGateway
) -> None:
    first = pay(client, "key-1")

    replays = [pay(client, "key-1") for _ in range(2)]

    for replay in replays:
        assert replay.status_code == 201
        assert replay.json() == first.json()
        assert replay.headers["Idempotent-Replayed"] == "true"
    assert len(gateway.charges) == 1


def test_payload_comparison_ignores_key_order_and_whitespace(
    client: TestClient, gateway: ScriptedGateway
) -> None:
    first = pay(client, "key-1")
    reordered = '{ "amount_cents" : 1999,\n  "account_id":"acct_42" }'

    replay = client.post(
        "/payments",
        content=reordered,
        headers={"Idempotency-Key": "key-1", "Content-Type": "application/json"},
    )

    assert replay.status_code == 201
    assert replay.json() == first.json()
    assert len(gateway.charges) == 1


def test_different_keys_are_separate_payments(
    client: TestClient, gateway: ScriptedGateway
) -> None:
    first = pay(client, "key-1")
    second = pay(client, "key-2")

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["charge_id"] != second.json()["charge_id"]
    assert len(gateway.charges) == 2


def test_same_key_with_different_payload_is_rejected_and_original_kept(
    client: TestClient, gateway: ScriptedGateway
) -> None:
    first = pay(client, "key-1")

    mismatch = pay(client, "key-1", {"account_id": "acct_42", "amount_cents": 5000})
    other_account = pay(client, "key-1", {"account_id": "acct_7", "amount_cents": 1999})
    replay = pay(client, "key-1")

    assert mismatch.status_code == 422
    assert other_account.status_code == 422
    assert (replay.status_code, replay.json()) == (201, first.json())
    assert len(gateway.charges) == 1


@pytest.mark.parametrize("key", [None, ""])
def test_missing_or_empty_key_is_bad_request(
    client: TestClient, gateway: ScriptedGateway, key: str | None
) -> None:
    response = pay(client, key)

    assert response.status_code == 400
    assert gateway.charges == []


def test_declined_payment_is_final_and_replayed(
    client: TestClient, gateway: ScriptedGateway
) -> None:
    gateway.failures.append(PaymentDeclined("card expired"))

    first = pay(client, "key-1")
    replay = pay(client, "key-1")

    assert first.status_code == 402
    assert "Idempotent-Replayed" not in first.headers
    assert replay.status_code == 402
    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert len(gateway.charges) == 1


def test_declined_payment_detail_is_kept(client: TestClient, gateway: ScriptedGateway) -> None:
    gateway.failures.append(PaymentDeclined("insufficient funds"))

    response = pay(client, "key-1")

    assert response.status_code == 402
    assert "insufficient funds" in json.dumps(response.json())


def test_unavailable_gateway_is_not_remembered(
    client: TestClient, gateway: ScriptedGateway
) -> None:
    gateway.failures.append(GatewayUnavailable())

    first = pay(client, "key-1")
    retry = pay(client, "key-1")
    replay = pay(client, "key-1")

    assert first.status_code == 503
    assert retry.status_code == 201
    assert "Idempotent-Replayed" not in retry.headers
    assert (replay.status_code, replay.json()) == (201, retry.json())
    assert len(gateway.charges) == 2


@pytest.mark.parametrize(
    "invalid",
    [{"account_id": "acct_42", "amount_cents": 0}, {"account_id": "", "amount_cents": 5}, {}],
)
def test_invalid_body_is_not_remembered(
    client: TestClient, gateway: ScriptedGateway, invalid: dict[str, object]
) -> None:
    rejected = pay(client, "key-1", invalid)
    accepted = pay(client, "key-1")

    assert rejected.status_code == 422
    assert accepted.status_code == 201
    assert "Idempotent-Replayed" not in accepted.headers
    assert len(gateway.charges) == 1


def test_one_character_account_id_is_still_accepted(
    client: TestClient, gateway: ScriptedGateway
) -> None:
    response = pay(client, "key-1", {"account_id": "7", "amount_cents": 5})

    assert response.status_code == 201
    assert response.json()["account_id"] == "7"
    assert gateway.charges == [("7", 5)]


def test_apps_do_not_share_keys() -> None:
    first_gateway, second_gateway = ScriptedGateway(), ScriptedGateway()
    with (
        TestClient(create_app(first_gateway)) as first,
        TestClient(create_app(second_gateway)) as second,
    ):
        assert pay(first, "key-1").status_code == 201
        response = pay(second, "key-1", {"account_id": "acct_9", "amount_cents": 1})

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response.headers
    assert second_gateway.charges == [("acct_9", 1)]
