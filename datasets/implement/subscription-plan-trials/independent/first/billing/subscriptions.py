"""Subscribing and cancelling."""

from datetime import date, timedelta

from billing.catalogue import existing_customer, existing_plan
from billing.db import Database
from billing.errors import Conflict, NotFound, PlanArchived
from billing.models import LIVE_STATUSES, Plan, Subscription, SubscriptionCreate
from billing.repository import CustomerRepository, PlanRepository, SubscriptionRepository


class SubscriptionService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def subscribe(self, request: SubscriptionCreate) -> Subscription:
        """Starts a subscription anchored on its start date; billed in arrears per period.

        A customer's first subscription to a plan with a trial starts trialing: free until
        `trial_ends_on` (start date + the plan's trial days), then anchored on that day.
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
            if any(s.status in LIVE_STATUSES for s in earlier):
                raise Conflict(f"customer {request.customer_id} already subscribes to {plan.code}")
            trial_ends_on = None if earlier else _trial_end(plan, request.start_date)
            subscription_id = subscriptions.add(
                request.customer_id, plan, request.start_date, trial_ends_on
            )
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
            return existing_subscription(subscriptions, subscription_id)


def _trial_end(plan: Plan, start_date: date) -> date | None:
    """When a first subscription's free trial ends; None if the plan has no trial."""
    return start_date + timedelta(days=plan.trial_days) if plan.trial_days else None


def existing_subscription(
    subscriptions: SubscriptionRepository, subscription_id: int
) -> Subscription:
    subscription = subscriptions.get(subscription_id)
    if subscription is None:
        raise NotFound(f"subscription {subscription_id} not found")
    return subscription
