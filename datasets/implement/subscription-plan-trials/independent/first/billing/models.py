"""Request and response models of the HTTP API."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from billing.periods import Interval

# "trialing": in the free trial of a plan; it becomes "active" at the first billing run on or
# after trial_ends_on.
SubscriptionStatus = Literal["trialing", "active", "cancelled"]
LIVE_STATUSES: tuple[SubscriptionStatus, ...] = ("trialing", "active")
MAX_TRIAL_DAYS = 90
InvoiceStatus = Literal["open", "paid"]


class PlanCreate(BaseModel):
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")
    name: str = Field(min_length=1, max_length=100)
    price_cents: int = Field(ge=0)
    interval: Interval
    # Days of free trial for a customer's first subscription to the plan; 0 is no trial.
    trial_days: int = Field(default=0, ge=0, le=MAX_TRIAL_DAYS)


class Plan(PlanCreate):
    archived: bool = False


class CustomerCreate(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    name: str = Field(min_length=1, max_length=100)


class Customer(CustomerCreate):
    id: int


class SubscriptionCreate(BaseModel):
    customer_id: int
    plan_code: str
    start_date: date


class Subscription(BaseModel):
    id: int
    customer_id: int
    plan_code: str
    status: SubscriptionStatus
    anchor_date: date
    periods_billed: int
    current_period_start: date
    current_period_end: date
    # The day the free trial ends and paid billing starts (so also the anchor date); None
    # without a trial, and kept after the trial has ended.
    trial_ends_on: date | None = None


class Invoice(BaseModel):
    id: int
    subscription_id: int
    customer_id: int
    amount_cents: int
    period_start: date
    period_end: date
    status: InvoiceStatus


class BillingRunRequest(BaseModel):
    as_of: date


class BillingRunResult(BaseModel):
    invoices_created: int
    invoice_ids: list[int]
