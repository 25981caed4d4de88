"""The pipeline's record types: a validated customer, and a row turned away with its reason."""

from __future__ import annotations

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
