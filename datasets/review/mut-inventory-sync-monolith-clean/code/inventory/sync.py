"""Supplier stock sync. The code lives in the modules re-exported here."""

from inventory.errors import FeedError, StaleFeedError, SyncError
from inventory.service import (
    add_item,
    get_item,
    init_db,
    list_audit,
    set_manual_override,
    sync_inventory,
)

__all__ = [
    "FeedError",
    "StaleFeedError",
    "SyncError",
    "add_item",
    "get_item",
    "init_db",
    "list_audit",
    "set_manual_override",
    "sync_inventory",
]
