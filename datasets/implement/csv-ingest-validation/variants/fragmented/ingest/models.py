"""The typed records the ingest produces."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class Transaction:
    transaction_id: str
    account_id: str
    amount: Decimal
    currency: str
    booked_at: datetime


@dataclass(frozen=True)
class RowError:
    row_number: int
    field: str
    message: str


@dataclass(frozen=True)
class IngestResult:
    records: list[Transaction]
    errors: list[RowError]
