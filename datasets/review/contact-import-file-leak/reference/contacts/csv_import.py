"""Bulk import of contacts uploaded as CSV files (header: email,name,country)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

REQUIRED_COLUMNS = ("email", "name", "country")


class RowError(ValueError):
    def __init__(self, line_number: int, reason: str) -> None:
        super().__init__(f"line {line_number}: {reason}")
        self.line_number = line_number


@dataclass(frozen=True)
class Contact:
    email: str
    name: str
    country: str


class ContactRepository(Protocol):
    def add_many(self, contacts: list[Contact]) -> None: ...


def parse_contact(row: dict[str, str], line_number: int) -> Contact:
    missing = [column for column in REQUIRED_COLUMNS if not (row.get(column) or "").strip()]
    if missing:
        raise RowError(line_number, f"missing {', '.join(missing)}")
    email = row["email"].strip().lower()
    if "@" not in email:
        raise RowError(line_number, f"invalid email {email!r}")
    return Contact(email, row["name"].strip(), row["country"].strip().upper())


def read_contacts(path: Path) -> Iterator[Contact]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        for line_number, row in enumerate(reader, start=2):
            yield parse_contact(row, line_number)


def import_contacts(path: Path, repository: ContactRepository, batch_size: int = 500) -> int:
    """Import every contact in the file; returns how many were stored."""
    stored = 0
    batch: list[Contact] = []
    for contact in read_contacts(path):
        batch.append(contact)
        if len(batch) == batch_size:
            repository.add_many(batch)
            stored += len(batch)
            batch = []
    if batch:
        repository.add_many(batch)
        stored += len(batch)
    return stored
