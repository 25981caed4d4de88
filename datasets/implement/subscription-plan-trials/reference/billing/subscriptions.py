"""Subscribing and cancelling."""

from datetime import date, timedelta

from billing.catalogue import existing_customer, existing_plan
from billing.db import Database
from billing.errors import Conflict, NotFound, PlanArchived
from billing.models import Plan, Subscription, SubscriptionCreate
from billing.repository import CustomerRepository, PlanRepository, SubscriptionRepository


class SubscriptionService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def subscribe(self, request: SubscriptionCreate) -> Subscription:
        """Starts a subscription, with the plan's trial if the customer never had this plan.

        Without a trial it is anchored on its start date; with one, on the trial's end, so the
        first paid period starts when the trial ends. Billed in arrears per period.
        """
        with self.database.unit_of_work() as connection:
            existing_customer(CustomerRepository(connection), request.customer_id)
            plan = existing_plan(PlanRepository(connection), request.plan_code)
            if plan.archived:
                raise PlanArchived(f"plan {plan.code} is archived")
            subscriptions = SubscriptionRepository(connection)
            earlier = [
                s
                for s in subscriptions.for_customer(request.customer_id)
                if s.plan_code == plan.code
            ]
            if any(s.status != "cancelled" for s in earlier):
                raise Conflict(f"customer {request.customer_id} already subscribes to {plan.code}")
            trial = _trial(plan, request.start_date) if not earlier else None
            anchor = request.start_date if trial is None else trial[1]
            subscription_id = subscriptions.add(request.customer_id, plan, anchor, trial)
            return existing_subscription(subscriptions, subscription_id)

    def subscription(self, subscription_id: int) -> Subscription:
        with self.database.unit_of_work() as connection:
            return existing_subscription(SubscriptionRepository(connection), subscription_id)

    def customer_subscriptions(self, customer_id: int) -> list[Subscription]:
        with self.database.unit_of_work() as connection:
            existing_customer(CustomerRepository(connection), customer_id)
            return SubscriptionRepository(connection).for_customer(customer_id)

    def cancel(self, subscription_id: int) -> Subscription:
        """Stops billing at once: the period in progress is not invoiced."""
        with self.database.unit_of_work() as connection:
            subscriptions = SubscriptionRepository(connection)
            subscription = existing_subscription(subscriptions, subscription_id)
            if subscription.status == "cancelled":
                raise Conflict(f"subscription {subscription_id} is already cancelled")
            subscriptions.set_status(subscription_id, "cancelled")
            return subscription.model_copy(update={"status": "cancelled"})


def _trial(plan: Plan, start_date: date) -> tuple[date, date] | None:
    """One trial per customer and plan: the caller asks only for a first subscription."""
    if plan.trial_days == 0:
        return None
    return start_date, start_date + timedelta(days=plan.trial_days)


def existing_subscription(
    subscriptions: SubscriptionRepository, subscription_id: int
) -> Subscription:
    subscription = subscriptions.get(subscription_id)
    if subscription is None:
        raise NotFound(f"subscription {subscription_id} not found")
    return subscription
