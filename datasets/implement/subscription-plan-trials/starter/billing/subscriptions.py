"""Subscribing and cancelling."""

from billing.catalogue import existing_customer, existing_plan
from billing.db import Database
from billing.errors import Conflict, NotFound, PlanArchived
from billing.models import Subscription, SubscriptionCreate
from billing.repository import CustomerRepository, PlanRepository, SubscriptionRepository


class SubscriptionService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def subscribe(self, request: SubscriptionCreate) -> Subscription:
        """Starts a subscription anchored on its start date; billed in arrears per period."""
        with self.database.unit_of_work() as connection:
            existing_customer(CustomerRepository(connection), request.customer_id)
            plan = existing_plan(PlanRepository(connection), request.plan_code)
            if plan.archived:
                raise PlanArchived(f"plan {plan.code} is archived")
            subscriptions = SubscriptionRepository(connection)
            if any(
                s.plan_code == plan.code and s.status == "active"
                for s in subscriptions.for_customer(request.customer_id)
            ):
                raise Conflict(f"customer {request.customer_id} already subscribes to {plan.code}")
            subscription_id = subscriptions.add(request.customer_id, plan, request.start_date)
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


def existing_subscription(
    subscriptions: SubscriptionRepository, subscription_id: int
) -> Subscription:
    subscription = subscriptions.get(subscription_id)
    if subscription is None:
        raise NotFound(f"subscription {subscription_id} not found")
    return subscription
