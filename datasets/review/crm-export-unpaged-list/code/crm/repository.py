"""SQL access to the customer book. Every query is scoped to one tenant."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from crm.models import Customer, NewCustomer, Segment

_COLUMNS = "id, tenant_id, name, email, segment, lifetime_value_cents, created_at"


class DuplicateEmail(Exception):
    pass


def _customer(row: tuple[Any, ...]) -> Customer:
    id_, tenant_id, name, email, segment, lifetime_value_cents, created_at = row
    return Customer(
        id=id_,
        tenant_id=tenant_id,
        name=name,
        email=email,
        segment=Segment(segment),
        lifetime_value_cents=lifetime_value_cents,
        created_at=datetime.fromisoformat(created_at),
    )


class CustomerRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def get(self, tenant_id: int, customer_id: int) -> Customer | None:
        row = self._connection.execute(
            f"SELECT {_COLUMNS} FROM customers WHERE tenant_id = ? AND id = ?",
            (tenant_id, customer_id),
        ).fetchone()
        return None if row is None else _customer(row)

    def list(
        self,
        tenant_id: int,
        *,
        segment: Segment | None = None,
        after_id: int | None = None,
        limit: int | None = None,
    ) -> list[Customer]:
        """The tenant's customers in id order, starting after `after_id` (keyset pagination).

        Returns at most `limit` customers, or every matching customer when `limit` is None.
        """
        clauses = ["tenant_id = ?"]
        params: list[Any] = [tenant_id]
        if segment is not None:
            clauses.append("segment = ?")
            params.append(segment.value)
        if after_id is not None:
            clauses.append("id > ?")
            params.append(after_id)
        sql = f"SELECT {_COLUMNS} FROM customers WHERE {' AND '.join(clauses)} ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_customer(row) for row in self._connection.execute(sql, params).fetchall()]

    def count(self, tenant_id: int, segment: Segment | None = None) -> int:
        if segment is None:
            row = self._connection.execute(
                "SELECT COUNT(*) FROM customers WHERE tenant_id = ?", (tenant_id,)
            ).fetchone()
        else:
            row = self._connection.execute(
                "SELECT COUNT(*) FROM customers WHERE tenant_id = ? AND segment = ?",
                (tenant_id, segment.value),
            ).fetchone()
        return int(row[0])

    def add(self, tenant_id: int, customer: NewCustomer, created_at: datetime) -> Customer:
        try:
            cursor = self._connection.execute(
                "INSERT INTO customers (tenant_id, name, email, segment, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    tenant_id,
                    customer.name,
                    customer.email,
                    customer.segment.value,
                    created_at.isoformat(),
                ),
            )
        except sqlite3.IntegrityError as exc:
            raise DuplicateEmail(customer.email) from exc
        return Customer(
            id=int(cursor.lastrowid or 0),
            tenant_id=tenant_id,
            name=customer.name,
            email=customer.email,
            segment=customer.segment,
            lifetime_value_cents=0,
            created_at=created_at,
        )

    def set_segment(self, tenant_id: int, customer_id: int, segment: Segment) -> bool:
        cursor = self._connection.execute(
            "UPDATE customers SET segment = ? WHERE tenant_id = ? AND id = ?",
            (segment.value, tenant_id, customer_id),
        )
        return cursor.rowcount == 1
