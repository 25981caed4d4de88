"""A charge whose answer got lost must not be made twice, by whichever layer retries it."""

import json

import pytest
from billing.models import (
    Order,
    OrderStatus,
    PaymentDeclined,
    ProviderUnavailable,
    Subscription,
)
from billing.wiring import Billing, build_billing
from fake_provider import FakeProvider


def billing_with(provider: FakeProvider, max_attempts: int = 3) -> Billing:
    billing = build_billing(provider.client(), max_attempts=max_attempts)
    billing.orders.add(Order(id="42", customer_id="cus_1", amount_cents=2500))
    billing.orders.add(Order(id="43", customer_id="cus_1", amount_cents=2500))
    billing.subscriptions.add(Subscription(id="42", customer_id="cus_2", monthly_price_cents=900))
    return billing


def sent_bodies(provider: FakeProvider) -> list[dict[str, object]]:
    return [json.loads(request.content) for request in provider.requests]


# --- fail-to-pass: the lost answer ---------------------------------------------------------


def test_checkout_survives_a_timed_out_charge_without_charging_twice() -> None:
    provider = FakeProvider(script=["timeout"])
    billing = billing_with(provider)

    charge = billing.checkout.charge_order("42")

    assert provider.charges == [{"id": "ch_1", "customer": "cus_1", "amount_cents": 2500}]
    assert (charge.id, charge.customer_id, charge.amount_cents) == ("ch_1", "cus_1", 2500)
    order = billing.orders.get("42")
    assert (order.status, order.charge_id) == (OrderStatus.PAID, "ch_1")


def test_paying_again_after_provider_unavailable_does_not_charge_twice() -> None:
    provider = FakeProvider(script=["timeout", "503", "timeout"])
    billing = billing_with(provider)

    with pytest.raises(ProviderUnavailable):
        billing.checkout.charge_order("42")
    assert billing.orders.get("42").status is OrderStatus.PENDING

    charge = billing.checkout.charge_order("42")

    assert len(provider.charges) == 1
    assert charge.id == "ch_1"
    assert billing.orders.get("42").charge_id == "ch_1"


def test_renewal_survives_a_timed_out_charge_without_charging_twice() -> None:
    provider = FakeProvider(script=["timeout", "timeout"])
    billing = billing_with(provider)

    charge = billing.renewals.renew("42", "2024-05")

    assert provider.charges == [{"id": "ch_1", "customer": "cus_2", "amount_cents": 900}]
    assert charge.id == "ch_1"
    assert billing.subscriptions.get("42").paid_periods == {"2024-05": "ch_1"}


def test_rerun_renewal_after_provider_unavailable_does_not_charge_twice() -> None:
    provider = FakeProvider(script=["timeout", "timeout", "timeout"])
    billing = billing_with(provider)

    with pytest.raises(ProviderUnavailable):
        billing.renewals.renew("42", "2024-05")
    assert billing.subscriptions.get("42").paid_periods == {}

    charge = billing.renewals.renew("42", "2024-05")

    assert len(provider.charges) == 1
    assert charge.id == "ch_1"
    assert billing.subscriptions.get("42").paid_periods == {"2024-05": "ch_1"}


def test_lost_renewal_answer_does_not_swallow_the_next_period() -> None:
    provider = FakeProvider(script=["timeout", "timeout", "timeout"])
    billing = billing_with(provider)
    with pytest.raises(ProviderUnavailable):
        billing.renewals.renew("42", "2024-05")

    june = billing.renewals.renew("42", "2024-06")
    may = billing.renewals.renew("42", "2024-05")

    assert [charge["id"] for charge in provider.charges] == ["ch_1", "ch_2"]
    assert (may.id, june.id) == ("ch_1", "ch_2")
    assert billing.subscriptions.get("42").paid_periods == {"2024-05": "ch_1", "2024-06": "ch_2"}


def test_lost_checkout_answer_does_not_swallow_another_order() -> None:
    provider = FakeProvider(script=["timeout", "timeout", "timeout"])
    billing = billing_with(provider)
    with pytest.raises(ProviderUnavailable):
        billing.checkout.charge_order("42")

    other = billing.checkout.charge_order("43")
    first = billing.checkout.charge_order("42")

    assert (first.id, other.id) == ("ch_1", "ch_2")
    assert len(provider.charges) == 2


# --- pass-to-pass: what the team relies on today -------------------------------------------


def test_order_and_subscription_sharing_an_id_are_separate_charges() -> None:
    provider = FakeProvider()
    billing = billing_with(provider)

    order_charge = billing.checkout.charge_order("42")
    renewal_charge = billing.renewals.renew("42", "2024-05")

    assert [charge["customer"] for charge in provider.charges] == ["cus_1", "cus_2"]
    assert order_charge.id != renewal_charge.id


def test_each_order_and_each_period_is_its_own_charge() -> None:
    provider = FakeProvider()
    billing = billing_with(provider)

    billing.checkout.charge_order("42")
    billing.checkout.charge_order("43")
    billing.renewals.renew("42", "2024-05")
    billing.renewals.renew("42", "2024-06")

    assert [charge["id"] for charge in provider.charges] == ["ch_1", "ch_2", "ch_3", "ch_4"]
    assert sent_bodies(provider) == [
        {"customer": "cus_1", "amount_cents": 2500, "description": "Order 42"},
        {"customer": "cus_1", "amount_cents": 2500, "description": "Order 43"},
        {"customer": "cus_2", "amount_cents": 900, "description": "Subscription 42 2024-05"},
        {"customer": "cus_2", "amount_cents": 900, "description": "Subscription 42 2024-06"},
    ]


def test_paid_order_and_paid_period_are_not_charged_again() -> None:
    provider = FakeProvider()
    billing = billing_with(provider)
    order_charge = billing.checkout.charge_order("42")
    renewal_charge = billing.renewals.renew("42", "2024-05")

    assert billing.checkout.charge_order("42") == order_charge
    assert billing.renewals.renew("42", "2024-05") == renewal_charge
    assert len(provider.requests) == 2


def test_declined_order_can_be_paid_once_the_card_is_fixed() -> None:
    provider = FakeProvider(declined_customers={"cus_1"})
    billing = billing_with(provider)
    with pytest.raises(PaymentDeclined) as declined:
        billing.checkout.charge_order("42")
    assert declined.value.code == "card_declined"
    assert billing.orders.get("42").status is OrderStatus.DECLINED
    assert len(provider.requests) == 1

    provider.declined_customers.clear()
    charge = billing.checkout.charge_order("42")

    assert provider.charges == [{"id": "ch_1", "customer": "cus_1", "amount_cents": 2500}]
    order = billing.orders.get("42")
    assert (order.status, order.charge_id, charge.id) == (OrderStatus.PAID, "ch_1", "ch_1")


def test_declined_renewal_is_charged_on_a_later_run_once_the_card_is_fixed() -> None:
    provider = FakeProvider(declined_customers={"cus_2"})
    billing = billing_with(provider)
    with pytest.raises(PaymentDeclined):
        billing.renewals.renew("42", "2024-05")
    assert billing.subscriptions.get("42").paid_periods == {}

    provider.declined_customers.clear()
    charge = billing.renewals.renew("42", "2024-05")

    assert charge.id == "ch_1"
    assert billing.subscriptions.get("42").paid_periods == {"2024-05": "ch_1"}


@pytest.mark.parametrize("failure", ["500", "503", "connect-error", "timeout"])
def test_transient_failures_are_retried_up_to_max_attempts(failure: str) -> None:
    provider = FakeProvider(script=[failure] * 3 + ["ok"])
    billing = billing_with(provider, max_attempts=4)

    charge = billing.checkout.charge_order("42")

    assert len(provider.requests) == 4
    assert charge.amount_cents == 2500


def test_giving_up_after_max_attempts_leaves_the_order_pending() -> None:
    provider = FakeProvider(script=["503", "connect-error", "500", "ok"])
    billing = billing_with(provider, max_attempts=3)

    with pytest.raises(ProviderUnavailable):
        billing.checkout.charge_order("42")
    assert len(provider.requests) == 3
    provider.script = ["503", "503", "503", "ok"]
    with pytest.raises(ProviderUnavailable):
        billing.renewals.renew("42", "2024-05")

    assert len(provider.requests) == 6
    assert provider.charges == []
    order = billing.orders.get("42")
    assert (order.status, order.charge_id) == (OrderStatus.PENDING, None)


@pytest.mark.parametrize("status", ["400", "409", "499"])
def test_other_client_errors_are_not_retried(status: str) -> None:
    provider = FakeProvider(script=[status])
    billing = billing_with(provider)

    # The request promises no exception type for these, only that they are not retried.
    with pytest.raises(Exception):  # noqa: B017
        billing.checkout.charge_order("42")

    assert len(provider.requests) == 1
    assert billing.orders.get("42").status is OrderStatus.PENDING
