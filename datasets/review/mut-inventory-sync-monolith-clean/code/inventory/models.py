from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Feed:
    supplier: str
    generated_at: datetime
    entries: list[Any]


@dataclass(frozen=True)
class FeedItem:
    sku: str
    quantity: int
    price_cents: int
    discontinued: bool


@dataclass(frozen=True)
class StockItem:
    sku: str
    supplier: str
    quantity: int
    reserved: int
    price_cents: int
    status: str
    manual_override: bool


@dataclass(frozen=True)
class Issue:
    """A feed item that was rejected, or that conflicts with our own data."""

    sku: str | None
    reason: str


@dataclass
class SyncReport:
    supplier: str
    dry_run: bool
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    deactivated: list[str] = field(default_factory=list)
    conflicts: list[Issue] = field(default_factory=list)
    rejected: list[Issue] = field(default_factory=list)
