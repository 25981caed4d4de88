"""SQL for the billing tables; every method runs on the caller's connection (and transaction)."""

import sqlite3
from datetime import date

from billing.errors import Conflict
from billing.models import (
    Customer,
    CustomerCreate,
    Invoice,
    InvoiceStatus,
    Plan,
    PlanCreate,
    Subscription,
    SubscriptionStatus,
)
from billing.periods import period_bounds

PLAN_COLUMNS = "code, name, price_cents, interval, archived, trial_days"
INVOICE_COLUMNS = "id, subscription_id, customer_id, amount_cents, period_start, period_end, status"


class PlanRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(self, data: PlanCreate) -> Plan:
        try:
            self.connection.execute(
                "INSERT INTO plans (code, name, price_cents, interval, trial_days)"
                " VALUES (?, ?, ?, ?, ?)",
                (data.code, data.name, data.price_cents, data.interval, data.trial_days),
            )
        except sqlite3.IntegrityError as error:
            raise Conflict(f"plan {data.code} already exists") from error
        return Plan(**data.model_dump())

    def get(self, code: str) -> Plan | None:
        row = self.connection.execute(
            f"SELECT {PLAN_COLUMNS} FROM plans WHERE code = ?",
            (code,),
        ).fetchone()
        return None if row is None else _plan(row)

    def list_all(self) -> list[Plan]:
        rows = self.connection.execute(f"SELECT {PLAN_COLUMNS} FROM plans ORDER BY code").fetchall()
        return [_plan(row) for row in rows]

    def archive(self, code: str) -> None:
        self.connection.execute("UPDATE plans SET archived = 1 WHERE code = ?", (code,))


class CustomerRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(self, data: CustomerCreate) -> Customer:
        try:
            cursor = self.connection.execute(
                "INSERT INTO customers (email, name) VALUES (?, ?)", (data.email, data.name)
            )
        except sqlite3.IntegrityError as error:
            raise Conflict(f"a customer with email {data.email} already exists") from error
        return Customer(id=_inserted_id(cursor), email=data.email, name=data.name)

    def get(self, customer_id: int) -> Customer | None:
        row = self.connection.execute(
            "SELECT id, email, name FROM customers WHERE id = ?", (customer_id,)
        ).fetchone()
        return None if row is None else Customer(**dict(row))


class SubscriptionRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(
        self, customer_id: int, plan: Plan, start_date: date, trial_ends_on: date | None
    ) -> int:
        """A new subscription; with a trial it is trialing and anchored on the trial's end."""
        status: SubscriptionStatus = "active" if trial_ends_on is None else "trialing"
        anchor_date = start_date if trial_ends_on is None else trial_ends_on
        cursor = self.connection.execute(
            "INSERT INTO subscriptions"
            " (customer_id, plan_code, status, anchor_date, start_date, trial_ends_on)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                customer_id,
                plan.code,
                status,
                anchor_date.isoformat(),
                start_date.isoformat(),
                None if trial_ends_on is None else trial_ends_on.isoformat(),
            ),
        )
        return _inserted_id(cursor)

    def get(self, subscription_id: int) -> Subscription | None:
        row = self._subscriptions("WHERE s.id = ?", (subscription_id,))
        return row[0] if row else None

    def for_customer(self, customer_id: int) -> list[Subscription]:
        return self._subscriptions("WHERE s.customer_id = ? ORDER BY s.id", (customer_id,))

    def active(self) -> list[Subscription]:
        return self._subscriptions("WHERE s.status = 'active' ORDER BY s.id", ())

    def end_trials(self, as_of: date) -> None:
        """Trials that have ended by `as_of` become active (paid) subscriptions."""
        self.connection.execute(
            "UPDATE subscriptions SET status = 'active'"
            " WHERE status = 'trialing' AND trial_ends_on <= ?",
            (as_of.isoformat(),),
        )

    def set_status(self, subscription_id: int, status: SubscriptionStatus) -> None:
        self.connection.execute(
            "UPDATE subscriptions SET status = ? WHERE id = ?", (status, subscription_id)
        )

    def set_periods_billed(self, subscription_id: int, periods_billed: int) -> None:
        self.connection.execute(
            "UPDATE subscriptions SET periods_billed = ? WHERE id = ?",
            (periods_billed, subscription_id),
        )

    def _subscriptions(self, where: str, parameters: tuple[object, ...]) -> list[Subscription]:
        rows = self.connection.execute(
            f"SELECT s.id, s.customer_id, s.plan_code, s.status, s.anchor_date,"
            f" s.periods_billed, s.start_date, s.trial_ends_on, p.interval FROM subscriptions s"
            f" JOIN plans p ON p.code = s.plan_code {where}",
            parameters,
        ).fetchall()
        return [_subscription(row) for row in rows]


class InvoiceRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def add(self, subscription: Subscription, amount_cents: int, period: tuple[date, date]) -> int:
        cursor = self.connection.execute(
            "INSERT INTO invoices"
            " (subscription_id, customer_id, amount_cents, period_start, period_end)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                subscription.id,
                subscription.customer_id,
                amount_cents,
                period[0].isoformat(),
                period[1].isoformat(),
            ),
        )
        return _inserted_id(cursor)

    def get(self, invoice_id: int) -> Invoice | None:
        row = self.connection.execute(
            f"SELECT {INVOICE_COLUMNS} FROM invoices WHERE id = ?", (invoice_id,)
        ).fetchone()
        return None if row is None else Invoice(**dict(row))

    def for_customer(self, customer_id: int, status: InvoiceStatus | None) -> list[Invoice]:
        status_filter = "" if status is None else " AND status = ?"
        parameters: tuple[object, ...] = (customer_id,) if status is None else (customer_id, status)
        rows = self.connection.execute(
            f"SELECT {INVOICE_COLUMNS} FROM invoices WHERE customer_id = ?{status_filter}"
            " ORDER BY period_start, id",
            parameters,
        ).fetchall()
        return [Invoice(**dict(row)) for row in rows]

    def mark_paid(self, invoice_id: int) -> None:
        self.connection.execute("UPDATE invoices SET status = 'paid' WHERE id = ?", (invoice_id,))


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None  # always set after a successful INSERT
    return cursor.lastrowid


def _plan(row: sqlite3.Row) -> Plan:
    return Plan(
        code=row["code"],
        name=row["name"],
        price_cents=row["price_cents"],
        interval=row["interval"],
        archived=bool(row["archived"]),
        trial_days=row["trial_days"],
    )


def _subscription(row: sqlite3.Row) -> Subscription:
    anchor = date.fromisoformat(row["anchor_date"])
    trial_ends_on = (
        None if row["trial_ends_on"] is None else date.fromisoformat(row["trial_ends_on"])
    )
    if row["status"] == "trialing" and trial_ends_on is not None:
        # The free trial is the period in progress; paid periods count from its end.
        start, end = date.fromisoformat(row["start_date"]), trial_ends_on
    else:
        start, end = period_bounds(anchor, row["interval"], row["periods_billed"])
    return Subscription(
        id=row["id"],
        customer_id=row["customer_id"],
        plan_code=row["plan_code"],
        status=row["status"],
        anchor_date=anchor,
        periods_billed=row["periods_billed"],
        current_period_start=start,
        current_period_end=end,
        trial_ends_on=trial_ends_on,
    )
