"""Fetching, parsing and validating a supplier feed. No database access."""

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from inventory.errors import FeedError
from inventory.models import Feed, FeedItem, Issue

MAX_INVALID_RATIO = 0.2


class _Rejected(Exception):
    def __init__(self, sku: str | None, reason: str) -> None:
        super().__init__(reason)
        self.issue = Issue(sku, reason)


@dataclass
class ValidatedItems:
    items: list[FeedItem] = field(default_factory=list)
    rejected: list[Issue] = field(default_factory=list)
    listed_skus: set[str] = field(default_factory=set)  # every named sku, valid or not


def fetch_feed(fetch: Callable[[], str], supplier: str) -> Feed:
    try:
        raw = fetch()
    except Exception as error:  # the fetcher is injected; any failure means no feed
        raise FeedError(f"could not fetch feed from {supplier}: {error}") from error
    return read_feed(raw, supplier)


def parse_feed(raw: str, supplier: str) -> dict[str, Any]:
    """A feed's text parsed and its items validated, as plain data (no database needed)."""
    feed = read_feed(raw, supplier)
    validated = validate_items(feed)
    return {
        "supplier": feed.supplier,
        "generated_at": feed.generated_at,
        "items": [asdict(item) for item in validated.items],
        "rejected": [asdict(issue) for issue in validated.rejected],
    }


def read_feed(raw: str, supplier: str) -> Feed:
    try:
        document = json.loads(raw)
    except ValueError as error:
        raise FeedError(f"feed from {supplier} is not valid JSON: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise FeedError(f"feed from {supplier} has no item list")
    if document.get("supplier") != supplier:
        raise FeedError(f"feed is for supplier {document.get('supplier')!r}, expected {supplier!r}")
    generated_at = _parse_timestamp(document.get("generated_at"), supplier)
    if not document["items"]:
        raise FeedError(f"feed from {supplier} has no items")
    return Feed(supplier, generated_at, document["items"])


def _parse_timestamp(value: object, supplier: str) -> datetime:
    error = FeedError(f"feed from {supplier} has no valid generated_at")
    if not isinstance(value, str):
        raise error
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise error from None


def validate_items(feed: Feed) -> ValidatedItems:
    result = ValidatedItems()
    for entry in feed.entries:
        try:
            result.items.append(_validate_entry(entry, result.listed_skus))
        except _Rejected as rejection:
            result.rejected.append(rejection.issue)
    if len(result.rejected) > MAX_INVALID_RATIO * len(feed.entries):
        raise FeedError(
            f"too many invalid items in feed from {feed.supplier}: "
            f"{len(result.rejected)} of {len(feed.entries)}"
        )
    return result


def _validate_entry(entry: Any, listed_skus: set[str]) -> FeedItem:
    sku = entry.get("sku") if isinstance(entry, dict) else None
    if not isinstance(sku, str) or not sku.strip():
        raise _Rejected(None, "missing sku")
    if sku in listed_skus:
        raise _Rejected(sku, "duplicate sku")
    listed_skus.add(sku)
    return FeedItem(
        sku=sku,
        quantity=_quantity(sku, entry.get("quantity")),
        price_cents=_price_cents(sku, entry.get("price")),
        discontinued=bool(entry.get("discontinued", False)),
    )


def _quantity(sku: str, value: object) -> int:
    # bool is an int subclass, but true is not a stock level.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Rejected(sku, "invalid quantity")
    return value


def _price_cents(sku: str, value: object) -> int:
    try:
        price = Decimal(str(value))
    except InvalidOperation:
        raise _Rejected(sku, "invalid price") from None
    if not price.is_finite() or price < 0 or _has_fraction_of_a_cent(price):
        raise _Rejected(sku, "invalid price")
    return int(price * 100)


def _has_fraction_of_a_cent(price: Decimal) -> bool:
    exponent = price.as_tuple().exponent
    return isinstance(exponent, int) and exponent < -2
