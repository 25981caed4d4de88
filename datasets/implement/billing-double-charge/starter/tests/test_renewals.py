from billing.models import Subscription
from billing.wiring import build_billing
from fake_provider import FakeProvider


def test_renewal_charges_the_monthly_price_once_per_period() -> None:
    provider = FakeProvider()
    billing = build_billing(provider.client())
    billing.subscriptions.add(Subscription(id="s1", customer_id="cus_1", monthly_price_cents=900))

    first = billing.renewals.renew("s1", "2024-05")
    again = billing.renewals.renew("s1", "2024-05")

    assert first == again
    assert len(provider.charges) == 1
