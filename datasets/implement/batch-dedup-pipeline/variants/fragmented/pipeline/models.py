"""The records the dedup step produces and reports."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Customer:
    customer_id: str
    email: str
    updated_at: datetime


@dataclass(frozen=True)
class RejectedRow:
    row: Mapping[str, object]
    reason: str
