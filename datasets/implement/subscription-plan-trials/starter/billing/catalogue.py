"""Plans and customers: the catalogue the rest of billing refers to."""

from billing.db import Database
from billing.errors import NotFound
from billing.models import Customer, CustomerCreate, Plan, PlanCreate
from billing.repository import CustomerRepository, PlanRepository


class CatalogueService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def create_plan(self, data: PlanCreate) -> Plan:
        with self.database.unit_of_work() as connection:
            return PlanRepository(connection).add(data)

    def plans(self) -> list[Plan]:
        with self.database.unit_of_work() as connection:
            return PlanRepository(connection).list_all()

    def plan(self, code: str) -> Plan:
        with self.database.unit_of_work() as connection:
            return existing_plan(PlanRepository(connection), code)

    def archive_plan(self, code: str) -> Plan:
        """Archived plans take no new subscribers; existing subscriptions keep billing."""
        with self.database.unit_of_work() as connection:
            plans = PlanRepository(connection)
            plan = existing_plan(plans, code)
            plans.archive(code)
            return plan.model_copy(update={"archived": True})

    def create_customer(self, data: CustomerCreate) -> Customer:
        with self.database.unit_of_work() as connection:
            return CustomerRepository(connection).add(data)

    def customer(self, customer_id: int) -> Customer:
        with self.database.unit_of_work() as connection:
            return existing_customer(CustomerRepository(connection), customer_id)


def existing_plan(plans: PlanRepository, code: str) -> Plan:
    plan = plans.get(code)
    if plan is None:
        raise NotFound(f"plan {code} not found")
    return plan


def existing_customer(customers: CustomerRepository, customer_id: int) -> Customer:
    customer = customers.get(customer_id)
    if customer is None:
        raise NotFound(f"customer {customer_id} not found")
    return customer
