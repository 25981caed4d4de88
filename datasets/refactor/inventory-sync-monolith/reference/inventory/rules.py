"""Conflict rules: how one feed item may change the stock item we hold. Pure."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from inventory.models import FeedItem, StockItem

SUSPICIOUS_DROP_UNITS = 100

Change = tuple[int | str, int | str]  # (old value, new value)


@dataclass(frozen=True)
class Reconciliation:
    changes: dict[str, Change] = field(default_factory=dict)  # in audit order
    conflict: str | None = None
    held: bool = False  # a held item is left untouched, and is neither updated nor unchanged


def reconcile(
    item: Mapping[str, Any], current: Mapping[str, Any], supplier: str
) -> dict[str, Any]:
    """The rules for one validated feed item against the stock item we hold, as plain data."""
    outcome = decide(FeedItem(**item), StockItem(**current), supplier)
    return {
        "changes": [(name, old, new) for name, (old, new) in outcome.changes.items()],
        "conflict": outcome.conflict,
        "held": outcome.held,
    }


def decide(item: FeedItem, current: StockItem, supplier: str) -> Reconciliation:
    if current.supplier != supplier:
        return Reconciliation(conflict=f"owned by supplier {current.supplier}", held=True)
    if item.discontinued:
        return _discontinue(current)
    return _restock(item, current)


def _discontinue(current: StockItem) -> Reconciliation:
    if current.status == "discontinued":
        return Reconciliation()
    changes: dict[str, Change] = {"status": (current.status, "discontinued")}
    # Only the units customers already reserved stay sellable.
    if current.quantity != current.reserved:
        changes["quantity"] = (current.quantity, current.reserved)
    return Reconciliation(changes)


def _restock(item: FeedItem, current: StockItem) -> Reconciliation:
    quantity, conflict = item.quantity, None
    if current.manual_override:
        quantity, conflict = current.quantity, "manual override"
    elif _is_suspicious_drop(current.quantity, item.quantity):
        drop = f"suspicious drop from {current.quantity} to {item.quantity}"
        return Reconciliation(conflict=drop, held=True)
    elif item.quantity < current.reserved:
        quantity, conflict = current.reserved, f"below reserved ({current.reserved})"
    candidates: dict[str, Change] = {
        "quantity": (current.quantity, quantity),
        "price_cents": (current.price_cents, item.price_cents),
        "status": (current.status, "active"),
    }
    changes = {name: change for name, change in candidates.items() if change[0] != change[1]}
    return Reconciliation(changes, conflict)


def _is_suspicious_drop(old: int, new: int) -> bool:
    """A drop of more than 100 units and more than half the stock is likely a feed glitch."""
    return old - new > SUSPICIOUS_DROP_UNITS and new * 2 < old
