from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Segment(StrEnum):
    LEAD = "lead"
    ACTIVE = "active"
    CHURNED = "churned"
    VIP = "vip"


@dataclass(frozen=True)
class Customer:
    id: int
    tenant_id: int
    name: str
    email: str
    segment: Segment
    lifetime_value_cents: int
    created_at: datetime


@dataclass(frozen=True)
class NewCustomer:
    name: str
    email: str
    segment: Segment = Segment.LEAD
