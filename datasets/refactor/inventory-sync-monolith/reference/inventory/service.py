"""Inventory use cases: item administration and applying a supplier feed."""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from typing import Any

from inventory import repository
from inventory.errors import StaleFeedError, SyncError
from inventory.feed import fetch_feed, validate_items
from inventory.models import Feed, FeedItem, Issue, SyncReport
from inventory.rules import decide


@contextmanager
def _transaction(conn: sqlite3.Connection, commit: bool = True) -> Iterator[None]:
    try:
        yield
    except Exception:
        conn.rollback()
        raise
    if commit:
        conn.commit()
    else:
        conn.rollback()


def init_db(conn: sqlite3.Connection) -> None:
    with _transaction(conn):
        repository.create_schema(conn)


def add_item(
    conn: sqlite3.Connection,
    sku: str,
    supplier: str,
    quantity: int,
    price_cents: int,
    reserved: int = 0,
) -> None:
    if not sku or not supplier:
        raise SyncError("sku and supplier are required")
    if min(quantity, price_cents, reserved) < 0:
        raise SyncError("quantity, price_cents and reserved must not be negative")
    try:
        with _transaction(conn):
            repository.insert_item(conn, sku, supplier, quantity, price_cents, reserved)
    # sqlite refuses an int beyond 64 bits with OverflowError, not sqlite3.Error.
    except (sqlite3.Error, OverflowError) as error:
        raise SyncError(f"cannot add {sku}: {error}") from error


def get_item(conn: sqlite3.Connection, sku: str) -> dict[str, Any] | None:
    item = repository.find_item(conn, sku)
    return asdict(item) if item else None


def set_manual_override(conn: sqlite3.Connection, sku: str, quantity: int | None) -> None:
    """Pin an item's quantity against feed updates; None lifts the pin."""
    if repository.find_item(conn, sku) is None:
        raise SyncError(f"unknown sku {sku}")
    if quantity is not None and quantity < 0:
        raise SyncError("quantity must not be negative")
    with _transaction(conn):
        repository.update_field(conn, sku, "manual_override", int(quantity is not None))
        if quantity is not None:
            repository.update_field(conn, sku, "quantity", quantity)


def list_audit(conn: sqlite3.Connection, sku: str | None = None) -> list[dict[str, str | None]]:
    return repository.audit_entries(conn, sku)


def sync_inventory(
    conn: sqlite3.Connection,
    fetch: Callable[[], str],
    supplier: str,
    now: datetime,
    dry_run: bool = False,
) -> dict[str, Any]:
    feed = fetch_feed(fetch, supplier)
    _refuse_stale_feed(conn, feed)
    validated = validate_items(feed)
    report = SyncReport(supplier, dry_run, rejected=validated.rejected)
    # A dry run does all the work, then rolls it back, so its report matches a real run.
    with _transaction(conn, commit=not dry_run):
        for item in validated.items:
            _apply_item(conn, item, now, report)
        _deactivate_unlisted(conn, validated.listed_skus, now, report)
        repository.record_sync_run(conn, supplier, feed.generated_at, now)
    return asdict(report)


def _refuse_stale_feed(conn: sqlite3.Connection, feed: Feed) -> None:
    last = repository.last_feed_time(conn, feed.supplier)
    if last is not None and feed.generated_at <= last:
        raise StaleFeedError(
            f"feed generated at {feed.generated_at.isoformat()} is not newer than the last "
            f"sync ({last.isoformat()})"
        )


def _apply_item(
    conn: sqlite3.Connection, item: FeedItem, now: datetime, report: SyncReport
) -> None:
    current = repository.find_item(conn, item.sku)
    if current is None:
        _create_item(conn, item, report.supplier, now)
        report.created.append(item.sku)
        return
    outcome = decide(item, current, report.supplier)
    if outcome.conflict:
        report.conflicts.append(Issue(item.sku, outcome.conflict))
    if outcome.held:
        return
    if not outcome.changes:
        report.unchanged += 1
        return
    for field, (old, new) in outcome.changes.items():
        repository.update_field(conn, item.sku, field, new)
        repository.add_audit_entry(conn, item.sku, field, str(old), str(new), report.supplier, now)
    report.updated.append(item.sku)


def _create_item(conn: sqlite3.Connection, item: FeedItem, supplier: str, now: datetime) -> None:
    status = "discontinued" if item.discontinued else "active"
    quantity = 0 if item.discontinued else item.quantity
    repository.insert_item(conn, item.sku, supplier, quantity, item.price_cents, status=status)
    repository.add_audit_entry(conn, item.sku, "created", None, str(quantity), supplier, now)


def _deactivate_unlisted(
    conn: sqlite3.Connection, listed_skus: set[str], now: datetime, report: SyncReport
) -> None:
    for sku in repository.active_skus(conn, report.supplier):
        if sku in listed_skus:
            continue
        repository.update_field(conn, sku, "status", "inactive")
        repository.add_audit_entry(conn, sku, "status", "active", "inactive", report.supplier, now)
        report.deactivated.append(sku)
