"""The two entry points the request asks for: feed parsing and the conflict rules, each
callable without a database.

The modules are imported when a test runs, so on code without them each test fails by name
(a missing boundary) rather than the whole file failing to collect.
"""

import importlib
import importlib.util
import json
import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from inventory.sync import FeedError

GENERATED = "2026-05-04T10:00:00+00:00"
NOW = datetime(2026, 5, 4, 10, 5, tzinfo=UTC)


def _load_original():
    path = Path(__file__).with_name("original_sync.py")
    spec = importlib.util.spec_from_file_location("_archbench_original_sync_boundaries", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ORIGINAL = _load_original()


def parse_feed(raw, supplier):
    return importlib.import_module("inventory.feed").parse_feed(raw, supplier)


def reconcile(item, current, supplier):
    """The answer's decision: the three keys the request names, each change as a tuple (a
    list per change, or more keys, do no harm)."""
    decision = importlib.import_module("inventory.rules").reconcile(item, current, supplier)
    changes = [tuple(change) for change in decision["changes"]]
    return {"changes": changes, "conflict": decision["conflict"], "held": decision["held"]}


def feed_text(items, supplier="acme", generated_at=GENERATED):
    return json.dumps({"supplier": supplier, "generated_at": generated_at, "items": items})


def stock(quantity=10, reserved=0, supplier="acme", status="active", override=False, price=100):
    return {"sku": "A1", "supplier": supplier, "quantity": quantity, "reserved": reserved,
            "price_cents": price, "status": status, "manual_override": override}


def feed_item(quantity=10, price_cents=100, discontinued=False):
    return {"sku": "A1", "quantity": quantity, "price_cents": price_cents,
            "discontinued": discontinued}


def test_feed_boundary_parse_feed_returns_accepted_items_and_rejections():
    good = [{"sku": f"G{i}", "quantity": i, "price": "1.25"} for i in range(8)]
    bad = [{"sku": "X1", "quantity": -1, "price": "1.00"}, {"sku": "G0", "quantity": 1}]
    parsed = parse_feed(feed_text(good + bad), "acme")
    assert parsed["supplier"] == "acme"
    assert parsed["generated_at"] == datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    assert parsed["items"][:2] == [
        {"sku": "G0", "quantity": 0, "price_cents": 125, "discontinued": False},
        {"sku": "G1", "quantity": 1, "price_cents": 125, "discontinued": False},
    ]
    assert len(parsed["items"]) == 8
    assert parsed["rejected"] == [
        {"sku": "X1", "reason": "invalid quantity"},
        {"sku": "G0", "reason": "duplicate sku"},
    ]


def test_feed_boundary_parse_feed_keeps_the_quantity_of_discontinued_items():
    parsed = parse_feed(feed_text([{"sku": "D1", "quantity": 8, "price": "2",
                                    "discontinued": True}]), "acme")
    assert parsed["items"] == [
        {"sku": "D1", "quantity": 8, "price_cents": 200, "discontinued": True}
    ]


@pytest.mark.parametrize(
    "raw, message",
    [
        ("{not json", "feed from acme is not valid JSON"),
        (json.dumps(["A1"]), "feed from acme has no item list"),
        (feed_text([{"sku": "A1", "quantity": 1, "price": "1"}], supplier="globex"),
         "feed is for supplier 'globex', expected 'acme'"),
        (feed_text([{"sku": "A1", "quantity": 1, "price": "1"}], generated_at="yesterday"),
         "feed from acme has no valid generated_at"),
        (feed_text([]), "feed from acme has no items"),
        (feed_text([{"sku": "A1", "quantity": 1, "price": "1"}, {"sku": ""}]),
         "too many invalid items in feed from acme: 1 of 2"),
    ],
)
def test_feed_boundary_parse_feed_raises_the_sync_feed_errors(raw, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(raw, "acme")


def test_rules_boundary_reconcile_updates_quantity_and_price_in_audit_order():
    decision = reconcile(feed_item(quantity=12, price_cents=1300), stock(price=1250), "acme")
    assert decision == {"changes": [("quantity", 10, 12), ("price_cents", 1250, 1300)],
                        "conflict": None, "held": False}


def test_rules_boundary_reconcile_holds_items_of_another_supplier():
    decision = reconcile(feed_item(quantity=3), stock(supplier="globex"), "acme")
    assert decision == {"changes": [], "conflict": "owned by supplier globex", "held": True}


def test_rules_boundary_reconcile_holds_suspicious_drops():
    decision = reconcile(feed_item(quantity=100, price_cents=999), stock(quantity=500), "acme")
    assert decision == {"changes": [], "conflict": "suspicious drop from 500 to 100",
                        "held": True}


def test_rules_boundary_reconcile_keeps_overridden_and_reserved_quantities():
    overridden = reconcile(feed_item(quantity=12, price_cents=200), stock(quantity=40,
                                                                          override=True), "acme")
    assert overridden == {"changes": [("price_cents", 100, 200)],
                          "conflict": "manual override", "held": False}
    reserved = reconcile(feed_item(quantity=2), stock(quantity=5, reserved=4), "acme")
    assert reserved == {"changes": [("quantity", 5, 4)], "conflict": "below reserved (4)",
                        "held": False}


def test_rules_boundary_reconcile_discontinues_down_to_the_reserved_units():
    decision = reconcile(feed_item(quantity=50, discontinued=True), stock(quantity=5,
                                                                         reserved=4), "acme")
    assert decision == {"changes": [("status", "active", "discontinued"), ("quantity", 5, 4)],
                        "conflict": None, "held": False}
    again = reconcile(feed_item(discontinued=True), stock(status="discontinued"), "acme")
    assert again == {"changes": [], "conflict": None, "held": False}


def test_rules_boundary_reconcile_reactivates_an_unchanged_item():
    decision = reconcile(feed_item(), stock(status="inactive"), "acme")
    assert decision == {"changes": [("status", "inactive", "active")], "conflict": None,
                        "held": False}


def original_outcome(current, entry):
    """What the original sync did to the one item `current`, fed `entry`: the field changes
    from its audit log, the conflict reason, and whether it was held."""
    conn = sqlite3.connect(":memory:")
    ORIGINAL.init_db(conn)
    ORIGINAL.add_item(conn, "A1", current["supplier"], current["quantity"],
                      current["price_cents"], reserved=current["reserved"])
    conn.execute("UPDATE items SET status = ?, manual_override = ? WHERE sku = 'A1'",
                 (current["status"], int(current["manual_override"])))
    summary = ORIGINAL.sync_inventory(conn, lambda: feed_text([entry]), "acme", NOW)
    changes = [(e["field"], e["old"], e["new"]) for e in ORIGINAL.list_audit(conn, "A1")]
    conn.close()
    conflicts = [c["reason"] for c in summary["conflicts"]]
    held = "A1" not in summary["updated"] and summary["unchanged"] == 0
    return {"changes": changes, "conflict": conflicts[0] if conflicts else None, "held": held}


def random_stock(rng):
    return stock(quantity=rng.choice([0, 4, 5, 50, 150, 151, 200, 300, 500]),
                 reserved=rng.choice([0, 0, 2, 4, 50]), supplier=rng.choice(["acme", "globex"]),
                 status=rng.choice(["active", "inactive", "discontinued"]),
                 override=rng.random() < 0.2, price=rng.choice([100, 250]))


def test_rules_boundary_reconcile_matches_the_original_sync():
    rng = random.Random(1803)
    for _ in range(250):
        current = random_stock(rng)
        entry = {"sku": "A1", "quantity": rng.choice([0, 2, 4, 5, 49, 50, 51, 100, 150, 200,
                                                      300, 500]),
                 "price": rng.choice(["1.00", "2.50"]),
                 "discontinued": rng.random() < 0.25}
        item = parse_feed(feed_text([entry]), "acme")["items"][0]
        decision = reconcile(item, current, "acme")
        as_audited = [(field, str(old), str(new)) for field, old, new in decision["changes"]]
        assert {**decision, "changes": as_audited} == original_outcome(current, entry), (
            current, entry
        )
