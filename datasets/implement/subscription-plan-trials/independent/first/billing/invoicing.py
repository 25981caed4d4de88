"""The billing run and invoices.

A run invoices, in arrears, every period of every active subscription that has ended on or
before `as_of`. It first ends the trials that are over by `as_of`: those subscriptions become
active and are billed like any other from their anchor, the trial's end (the trial is free). It is safe to run again for the same date (or an earlier one): periods already
billed are counted on the subscription and never invoiced twice.
"""

from datetime import date

from billing.catalogue import existing_customer, existing_plan
from billing.config import Settings
from billing.db import Database
from billing.errors import Conflict, NotFound
from billing.models import BillingRunResult, Invoice, InvoiceStatus, Subscription
from billing.repository import (
    CustomerRepository,
    InvoiceRepository,
    PlanRepository,
    SubscriptionRepository,
)


class InvoicingService:
    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings

    def run(self, as_of: date) -> BillingRunResult:
        with self.database.unit_of_work() as connection:
            subscriptions = SubscriptionRepository(connection)
            invoices = InvoiceRepository(connection)
            plans = PlanRepository(connection)
            created: list[int] = []
            subscriptions.end_trials(as_of)
            for subscription in subscriptions.active():
                price = existing_plan(plans, subscription.plan_code).price_cents
                created += self._bill_elapsed_periods(
                    subscriptions, invoices, subscription, price, as_of
                )
            return BillingRunResult(invoices_created=len(created), invoice_ids=created)

    def invoice(self, invoice_id: int) -> Invoice:
        with self.database.unit_of_work() as connection:
            return _existing_invoice(InvoiceRepository(connection), invoice_id)

    def customer_invoices(self, customer_id: int, status: InvoiceStatus | None) -> list[Invoice]:
        with self.database.unit_of_work() as connection:
            existing_customer(CustomerRepository(connection), customer_id)
            return InvoiceRepository(connection).for_customer(customer_id, status)

    def pay(self, invoice_id: int) -> Invoice:
        with self.database.unit_of_work() as connection:
            invoices = InvoiceRepository(connection)
            invoice = _existing_invoice(invoices, invoice_id)
            if invoice.status == "paid":
                raise Conflict(f"invoice {invoice_id} is already paid")
            invoices.mark_paid(invoice_id)
            return invoice.model_copy(update={"status": "paid"})

    def _bill_elapsed_periods(
        self,
        subscriptions: SubscriptionRepository,
        invoices: InvoiceRepository,
        subscription: Subscription,
        price_cents: int,
        as_of: date,
    ) -> list[int]:
        created: list[int] = []
        current = subscription
        while (
            current.current_period_end <= as_of
            and len(created) < self.settings.max_catch_up_periods
        ):
            period = (current.current_period_start, current.current_period_end)
            created.append(invoices.add(current, price_cents, period))
            subscriptions.set_periods_billed(current.id, current.periods_billed + 1)
            current = existing_subscription_after_billing(subscriptions, current.id)
        return created


def existing_subscription_after_billing(
    subscriptions: SubscriptionRepository, subscription_id: int
) -> Subscription:
    subscription = subscriptions.get(subscription_id)
    assert subscription is not None  # billed inside this transaction, so it exists
    return subscription


def _existing_invoice(invoices: InvoiceRepository, invoice_id: int) -> Invoice:
    invoice = invoices.get(invoice_id)
    if invoice is None:
        raise NotFound(f"invoice {invoice_id} not found")
    return invoice
