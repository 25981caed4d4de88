"""Admin export of a tenant's customer book as CSV (audits, migrations to other tools).

Rows are written to the file as they are produced; the biggest tenants have a few million
customers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from crm.models import Customer, Segment
from crm.service import CustomerService

EXPORT_PAGE_SIZE = 1000
EXPORT_COLUMNS = ("id", "name", "email", "segment", "lifetime_value", "created_at")
# Spreadsheet apps run cells starting with these as formulas ("CSV injection").
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_PREFIXES) else value


def _row(customer: Customer) -> list[str]:
    return [
        str(customer.id),
        _text(customer.name),
        _text(customer.email),
        customer.segment.value,
        f"{Decimal(customer.lifetime_value_cents).scaleb(-2):.2f}",
        customer.created_at.isoformat(),
    ]


class CustomerExport:
    def __init__(self, service: CustomerService) -> None:
        self._service = service

    def customers(self, tenant_id: int, segment: Segment | None = None) -> Iterator[Customer]:
        """Every customer of the tenant (optionally of one segment), in id order."""
        after_id: int | None = None
        while True:
            page = self._service.list_customers(
                tenant_id, segment=segment, after_id=after_id, limit=EXPORT_PAGE_SIZE
            )
            yield from page
            if len(page) < EXPORT_PAGE_SIZE:
                return
            after_id = page[-1].id

    def write_file(self, tenant_id: int, path: Path, segment: Segment | None = None) -> int:
        """Write the export to `path`; returns the number of customers written."""
        written = 0
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(EXPORT_COLUMNS)
            for customer in self.customers(tenant_id, segment):
                writer.writerow(_row(customer))
                written += 1
        return written
