"""Supplier stock sync: pulls a supplier's JSON feed and applies it to our sqlite inventory."""
import json
from datetime import datetime
from decimal import Decimal, InvalidOperation


class SyncError(Exception):
    pass


class FeedError(SyncError):
    pass


class StaleFeedError(SyncError):
    pass


MAX_INVALID_RATIO = 0.2
SUSPICIOUS_DROP_UNITS = 100


def init_db(conn):
    conn.execute(
        "CREATE TABLE IF NOT EXISTS items (sku TEXT PRIMARY KEY, supplier TEXT NOT NULL, "
        "quantity INTEGER NOT NULL, reserved INTEGER NOT NULL DEFAULT 0, "
        "price_cents INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'active', "
        "manual_override INTEGER NOT NULL DEFAULT 0)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "sku TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT, supplier TEXT NOT NULL, "
        "at TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS sync_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "supplier TEXT NOT NULL, generated_at TEXT NOT NULL, ran_at TEXT NOT NULL)"
    )
    conn.commit()


def add_item(conn, sku, supplier, quantity, price_cents, reserved=0):
    if not sku or not supplier:
        raise SyncError("sku and supplier are required")
    if quantity < 0 or price_cents < 0 or reserved < 0:
        raise SyncError("quantity, price_cents and reserved must not be negative")
    try:
        conn.execute(
            "INSERT INTO items (sku, supplier, quantity, reserved, price_cents) "
            "VALUES (?, ?, ?, ?, ?)",
            (sku, supplier, quantity, reserved, price_cents),
        )
    except Exception as e:
        conn.rollback()
        raise SyncError("cannot add %s: %s" % (sku, e))
    conn.commit()


def get_item(conn, sku):
    row = conn.execute(
        "SELECT sku, supplier, quantity, reserved, price_cents, status, manual_override "
        "FROM items WHERE sku = ?",
        (sku,),
    ).fetchone()
    if row is None:
        return None
    return {
        "sku": row[0],
        "supplier": row[1],
        "quantity": row[2],
        "reserved": row[3],
        "price_cents": row[4],
        "status": row[5],
        "manual_override": bool(row[6]),
    }


def set_manual_override(conn, sku, quantity):
    row = conn.execute("SELECT quantity FROM items WHERE sku = ?", (sku,)).fetchone()
    if row is None:
        raise SyncError("unknown sku %s" % sku)
    if quantity is None:
        conn.execute("UPDATE items SET manual_override = 0 WHERE sku = ?", (sku,))
    else:
        if quantity < 0:
            raise SyncError("quantity must not be negative")
        conn.execute(
            "UPDATE items SET manual_override = 1, quantity = ? WHERE sku = ?", (quantity, sku)
        )
    conn.commit()


def list_audit(conn, sku=None):
    if sku is None:
        rows = conn.execute(
            "SELECT sku, field, old, new, supplier, at FROM audit ORDER BY id"
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT sku, field, old, new, supplier, at FROM audit WHERE sku = ? ORDER BY id",
            (sku,),
        ).fetchall()
    return [
        {"sku": r[0], "field": r[1], "old": r[2], "new": r[3], "supplier": r[4], "at": r[5]}
        for r in rows
    ]


def sync_inventory(conn, fetch, supplier, now, dry_run=False):
    # 1. fetch and parse the feed
    try:
        raw = fetch()
    except Exception as e:
        raise FeedError("could not fetch feed from %s: %s" % (supplier, e))
    try:
        feed = json.loads(raw)
    except ValueError as e:
        raise FeedError("feed from %s is not valid JSON: %s" % (supplier, e))
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise FeedError("feed from %s has no item list" % supplier)
    if feed.get("supplier") != supplier:
        raise FeedError("feed is for supplier %r, expected %r" % (feed.get("supplier"), supplier))
    try:
        generated_at = datetime.fromisoformat(feed["generated_at"])
    except (KeyError, TypeError, ValueError):
        raise FeedError("feed from %s has no valid generated_at" % supplier)
    if len(feed["items"]) == 0:
        raise FeedError("feed from %s has no items" % supplier)
    last = conn.execute(
        "SELECT generated_at FROM sync_runs WHERE supplier = ? ORDER BY id DESC LIMIT 1",
        (supplier,),
    ).fetchone()
    if last is not None and generated_at <= datetime.fromisoformat(last[0]):
        raise StaleFeedError(
            "feed generated at %s is not newer than the last sync (%s)"
            % (generated_at.isoformat(), last[0])
        )
    # 2. validate items
    valid = []
    rejected = []
    seen = set()
    feed_skus = set()
    for entry in feed["items"]:
        sku = entry.get("sku") if isinstance(entry, dict) else None
        if not isinstance(sku, str) or sku.strip() == "":
            rejected.append({"sku": None, "reason": "missing sku"})
            continue
        feed_skus.add(sku)
        if sku in seen:
            rejected.append({"sku": sku, "reason": "duplicate sku"})
            continue
        seen.add(sku)
        qty = entry.get("quantity")
        if not isinstance(qty, int) or isinstance(qty, bool) or qty < 0:
            rejected.append({"sku": sku, "reason": "invalid quantity"})
            continue
        try:
            price = Decimal(str(entry.get("price")))
        except InvalidOperation:
            rejected.append({"sku": sku, "reason": "invalid price"})
            continue
        if not price.is_finite() or price < 0 or price.as_tuple().exponent < -2:
            rejected.append({"sku": sku, "reason": "invalid price"})
            continue
        valid.append(
            {
                "sku": sku,
                "quantity": qty,
                "price_cents": int(price * 100),
                "discontinued": bool(entry.get("discontinued", False)),
            }
        )
    if len(rejected) > MAX_INVALID_RATIO * len(feed["items"]):
        raise FeedError(
            "too many invalid items in feed from %s: %d of %d"
            % (supplier, len(rejected), len(feed["items"]))
        )
    # 3. diff and apply
    stamp = now.isoformat()
    created = []
    updated = []
    unchanged = 0
    deactivated = []
    conflicts = []
    try:
        for item in valid:
            sku = item["sku"]
            row = conn.execute(
                "SELECT supplier, quantity, reserved, price_cents, status, manual_override "
                "FROM items WHERE sku = ?",
                (sku,),
            ).fetchone()
            if row is None:
                status = "discontinued" if item["discontinued"] else "active"
                quantity = 0 if item["discontinued"] else item["quantity"]
                conn.execute(
                    "INSERT INTO items (sku, supplier, quantity, price_cents, status) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (sku, supplier, quantity, item["price_cents"], status),
                )
                conn.execute(
                    "INSERT INTO audit (sku, field, old, new, supplier, at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (sku, "created", None, str(quantity), supplier, stamp),
                )
                created.append(sku)
                continue
            owner, old_qty, reserved, old_price, old_status, override = row
            if owner != supplier:
                conflicts.append({"sku": sku, "reason": "owned by supplier %s" % owner})
                continue
            changes = {}
            if item["discontinued"]:
                if old_status != "discontinued":
                    changes["status"] = (old_status, "discontinued")
                    if old_qty != reserved:
                        changes["quantity"] = (old_qty, reserved)
            else:
                new_qty = item["quantity"]
                if override:
                    conflicts.append({"sku": sku, "reason": "manual override"})
                    new_qty = old_qty
                elif (
                    old_qty - new_qty > SUSPICIOUS_DROP_UNITS and new_qty * 2 < old_qty
                ):
                    conflicts.append(
                        {
                            "sku": sku,
                            "reason": "suspicious drop from %d to %d" % (old_qty, new_qty),
                        }
                    )
                    continue
                elif new_qty < reserved:
                    conflicts.append({"sku": sku, "reason": "below reserved (%d)" % reserved})
                    new_qty = reserved
                if new_qty != old_qty:
                    changes["quantity"] = (old_qty, new_qty)
                if item["price_cents"] != old_price:
                    changes["price_cents"] = (old_price, item["price_cents"])
                if old_status != "active":
                    changes["status"] = (old_status, "active")
            if not changes:
                unchanged += 1
                continue
            for field, (old, new) in changes.items():
                conn.execute(
                    "UPDATE items SET %s = ? WHERE sku = ?" % field, (new, sku)
                )
                conn.execute(
                    "INSERT INTO audit (sku, field, old, new, supplier, at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (sku, field, str(old), str(new), supplier, stamp),
                )
            updated.append(sku)
        # items we hold for this supplier that the feed no longer lists
        rows = conn.execute(
            "SELECT sku FROM items WHERE supplier = ? AND status = 'active' ORDER BY sku",
            (supplier,),
        ).fetchall()
        for (sku,) in rows:
            if sku in feed_skus:
                continue
            conn.execute("UPDATE items SET status = 'inactive' WHERE sku = ?", (sku,))
            conn.execute(
                "INSERT INTO audit (sku, field, old, new, supplier, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (sku, "status", "active", "inactive", supplier, stamp),
            )
            deactivated.append(sku)
        conn.execute(
            "INSERT INTO sync_runs (supplier, generated_at, ran_at) VALUES (?, ?, ?)",
            (supplier, generated_at.isoformat(), stamp),
        )
        if dry_run:
            conn.rollback()
        else:
            conn.commit()
    except Exception:
        conn.rollback()
        raise
    return {
        "supplier": supplier,
        "dry_run": dry_run,
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "deactivated": deactivated,
        "conflicts": conflicts,
        "rejected": rejected,
    }
