"""Events and holds as plain values: the rules live in pricing, holds and notifications."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Event:
    id: int
    name: str
    starts_at: datetime
    base_cents: int


@dataclass(frozen=True)
class Hold:
    id: int
    event_id: int
    email: str
    created_at: datetime
    total_cents: int
    status: str
