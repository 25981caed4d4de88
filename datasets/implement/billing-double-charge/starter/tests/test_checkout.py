import pytest
from billing.models import Order, OrderStatus, PaymentDeclined
from billing.wiring import build_billing
from fake_provider import FakeProvider


def test_paying_an_order_charges_its_total() -> None:
    provider = FakeProvider()
    billing = build_billing(provider.client())
    billing.orders.add(Order(id="o1", customer_id="cus_1", amount_cents=2500))

    charge = billing.checkout.charge_order("o1")

    assert (charge.customer_id, charge.amount_cents) == ("cus_1", 2500)
    assert billing.orders.get("o1").status is OrderStatus.PAID


def test_declined_order_is_marked_declined() -> None:
    provider = FakeProvider(declined_customers={"cus_1"})
    billing = build_billing(provider.client())
    billing.orders.add(Order(id="o1", customer_id="cus_1", amount_cents=2500))

    with pytest.raises(PaymentDeclined):
        billing.checkout.charge_order("o1")

    assert billing.orders.get("o1").status is OrderStatus.DECLINED


def test_overloaded_provider_is_retried() -> None:
    provider = FakeProvider(script=["503", "503"])
    billing = build_billing(provider.client())
    billing.orders.add(Order(id="o1", customer_id="cus_1", amount_cents=100))

    billing.checkout.charge_order("o1")

    assert len(provider.charges) == 1
