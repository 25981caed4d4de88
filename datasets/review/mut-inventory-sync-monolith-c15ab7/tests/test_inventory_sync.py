import json
import sqlite3
from datetime import UTC, datetime

import pytest
from inventory.sync import (
    FeedError,
    StaleFeedError,
    SyncError,
    add_item,
    get_item,
    init_db,
    list_audit,
    set_manual_override,
    sync_inventory,
)

NOW = datetime(2026, 5, 4, 10, 5, tzinfo=UTC)
GENERATED = "2026-05-04T10:00:00+00:00"
LATER = "2026-05-04T11:00:00+00:00"


def feed(items, generated_at=GENERATED, supplier="acme"):
    text = json.dumps({"supplier": supplier, "generated_at": generated_at, "items": items})
    return lambda: text


def item(sku, quantity, price, **extra):
    return {"sku": sku, "quantity": quantity, "price": price, **extra}


@pytest.fixture
def conn():
    connection = sqlite3.connect(":memory:")
    init_db(connection)
    add_item(connection, "A1", "acme", 10, 1250)
    add_item(connection, "A2", "acme", 500, 300)
    add_item(connection, "A3", "acme", 5, 999, reserved=4)
    add_item(connection, "A4", "acme", 7, 100)
    add_item(connection, "B1", "globex", 1, 100)
    yield connection
    connection.close()


STANDARD_FEED = [
    item("A1", 12, "12.50"),
    item("A2", 480, "3.25"),
    item("N1", 3, "1.00"),
    item("A3", 2, "9.99"),
    item("B1", 9, "1.00"),
]


def test_sync_summary(conn):
    summary = sync_inventory(conn, feed(STANDARD_FEED), "acme", NOW)
    assert summary == {
        "supplier": "acme",
        "dry_run": False,
        "created": ["N1"],
        "updated": ["A1", "A2", "A3"],
        "unchanged": 0,
        "deactivated": ["A4"],
        "conflicts": [
            {"sku": "A3", "reason": "below reserved (4)"},
            {"sku": "B1", "reason": "owned by supplier globex"},
        ],
        "rejected": [],
    }


def test_sync_applies_changes(conn):
    sync_inventory(conn, feed(STANDARD_FEED), "acme", NOW)
    assert get_item(conn, "A1") == {
        "sku": "A1", "supplier": "acme", "quantity": 12, "reserved": 0,
        "price_cents": 1250, "status": "active", "manual_override": False,
    }
    assert (get_item(conn, "A2")["quantity"], get_item(conn, "A2")["price_cents"]) == (480, 325)
    assert get_item(conn, "A3")["quantity"] == 4
    assert get_item(conn, "A4")["status"] == "inactive"
    assert get_item(conn, "N1")["supplier"] == "acme"
    assert get_item(conn, "B1")["quantity"] == 1
    assert get_item(conn, "ZZ") is None


def test_audit_log_records_each_field_change(conn):
    sync_inventory(conn, feed(STANDARD_FEED), "acme", NOW)
    stamp = NOW.isoformat()
    assert list_audit(conn, "A2") == [
        {"sku": "A2", "field": "quantity", "old": "500", "new": "480", "supplier": "acme",
         "at": stamp},
        {"sku": "A2", "field": "price_cents", "old": "300", "new": "325", "supplier": "acme",
         "at": stamp},
    ]
    assert [(e["sku"], e["field"], e["old"], e["new"]) for e in list_audit(conn)] == [
        ("A1", "quantity", "10", "12"),
        ("A2", "quantity", "500", "480"),
        ("A2", "price_cents", "300", "325"),
        ("N1", "created", None, "3"),
        ("A3", "quantity", "5", "4"),
        ("A4", "status", "active", "inactive"),
    ]


def test_unchanged_items_and_reactivation(conn):
    first = sync_inventory(
        conn, feed([item("A1", 10, "12.50"), item("A2", 500, "3.00")]), "acme", NOW
    )
    assert first["deactivated"] == ["A3", "A4"]
    assert get_item(conn, "A4")["status"] == "inactive"
    summary = sync_inventory(
        conn,
        feed([item("A1", 10, "12.50"), item("A2", 500, "3"), item("A4", 7, "1.00")], LATER),
        "acme",
        NOW,
    )
    assert summary["unchanged"] == 2
    assert summary["updated"] == ["A4"]
    assert summary["deactivated"] == []
    assert get_item(conn, "A4")["status"] == "active"
    assert get_item(conn, "A3")["status"] == "inactive"


def test_manual_override_keeps_quantity_but_takes_price(conn):
    set_manual_override(conn, "A1", 40)
    summary = sync_inventory(conn, feed([item("A1", 12, "13.00")]), "acme", NOW)
    assert {"sku": "A1", "reason": "manual override"} in summary["conflicts"]
    assert summary["updated"] == ["A1"]
    assert get_item(conn, "A1")["quantity"] == 40
    assert get_item(conn, "A1")["price_cents"] == 1300
    set_manual_override(conn, "A1", None)
    assert get_item(conn, "A1")["manual_override"] is False
    sync_inventory(conn, feed([item("A1", 12, "13.00")], LATER), "acme", NOW)
    assert get_item(conn, "A1")["quantity"] == 12


def test_suspicious_drops_are_held(conn):
    summary = sync_inventory(
        conn,
        feed([item("A1", 1, "12.50"), item("A2", 100, "9.99"), item("A4", 7, "1.00")]),
        "acme",
        NOW,
    )
    assert summary["conflicts"] == [{"sku": "A2", "reason": "suspicious drop from 500 to 100"}]
    assert summary["updated"] == ["A1"]
    assert get_item(conn, "A2")["quantity"] == 500
    assert get_item(conn, "A2")["price_cents"] == 300
    later = sync_inventory(conn, feed([item("A2", 250, "3.00")], LATER), "acme", NOW)
    assert later["conflicts"] == []
    assert get_item(conn, "A2")["quantity"] == 250


def test_discontinued_items(conn):
    add_item(conn, "A5", "acme", 3, 100, reserved=3)
    summary = sync_inventory(
        conn,
        feed([
            item("A3", 50, "9.99", discontinued=True),
            item("N2", 8, "2.00", discontinued=True),
            item("A5", 3, "1.00", discontinued=True),
        ]),
        "acme",
        NOW,
    )
    assert summary["created"] == ["N2"]
    assert summary["updated"] == ["A3", "A5"]
    assert [(e["field"], e["new"]) for e in list_audit(conn, "A5")] == [("status", "discontinued")]
    assert (get_item(conn, "A3")["status"], get_item(conn, "A3")["quantity"]) == (
        "discontinued", 4
    )
    assert (get_item(conn, "N2")["status"], get_item(conn, "N2")["quantity"]) == (
        "discontinued", 0
    )
    assert [(e["field"], e["old"], e["new"]) for e in list_audit(conn, "A3")] == [
        ("status", "active", "discontinued"),
        ("quantity", "5", "4"),
    ]


def test_invalid_items_are_rejected_up_to_twenty_percent(conn):
    good = [item(f"G{i}", i, "1.00") for i in range(8)]
    bad = [item("X1", -1, "1.00"), item("X2", 1, "1.234")]
    summary = sync_inventory(conn, feed(good + bad), "acme", NOW)
    assert summary["rejected"] == [
        {"sku": "X1", "reason": "invalid quantity"},
        {"sku": "X2", "reason": "invalid price"},
    ]
    assert get_item(conn, "X1") is None
    assert len(summary["created"]) == 8
    too_many = good + bad + [{"quantity": 1, "price": "1.00"}]
    with pytest.raises(FeedError, match="too many invalid items"):
        sync_inventory(conn, feed(too_many, LATER), "acme", NOW)


def test_duplicate_and_missing_skus(conn):
    items = [item(f"G{i}", 1, "1.00") for i in range(8)]
    items += [item("G0", 5, "1.00"), {"sku": "  ", "quantity": 1, "price": "1"}]
    summary = sync_inventory(conn, feed(items), "acme", NOW)
    assert summary["rejected"] == [
        {"sku": "G0", "reason": "duplicate sku"},
        {"sku": None, "reason": "missing sku"},
    ]
    assert get_item(conn, "G0")["quantity"] == 1


def test_stale_feeds_are_refused(conn):
    sync_inventory(conn, feed([item("A1", 11, "12.50")]), "acme", NOW)
    for generated_at in (GENERATED, "2026-05-04T09:00:00+00:00"):
        with pytest.raises(StaleFeedError):
            sync_inventory(conn, feed([item("A1", 99, "12.50")], generated_at), "acme", NOW)
    assert get_item(conn, "A1")["quantity"] == 11
    assert issubclass(StaleFeedError, SyncError)
    other_supplier = feed([item("B1", 2, "1.00")], GENERATED, supplier="globex")
    assert sync_inventory(conn, other_supplier, "globex", NOW)["updated"] == ["B1"]


def test_dry_run_reports_without_writing(conn):
    preview = sync_inventory(conn, feed(STANDARD_FEED), "acme", NOW, dry_run=True)
    assert preview["dry_run"] is True
    assert preview["created"] == ["N1"]
    assert get_item(conn, "N1") is None
    assert get_item(conn, "A4")["status"] == "active"
    assert list_audit(conn) == []
    real = sync_inventory(conn, feed(STANDARD_FEED), "acme", NOW)
    assert {**preview, "dry_run": False} == real


@pytest.mark.parametrize(
    "fetch",
    [
        lambda: (_ for _ in ()).throw(ConnectionError("timed out")),
        lambda: "{not json",
        lambda: json.dumps(["A1"]),
        feed([item("A1", 1, "1.00")], supplier="globex"),
        feed([item("A1", 1, "1.00")], generated_at="yesterday"),
        feed([]),
    ],
)
def test_bad_feeds_raise_feed_error_and_change_nothing(conn, fetch):
    with pytest.raises(FeedError):
        sync_inventory(conn, fetch, "acme", NOW)
    assert get_item(conn, "A4")["status"] == "active"
    assert list_audit(conn) == []


def test_fetch_failure_message_names_the_supplier(conn):
    def failing_fetch():
        raise ConnectionError("timed out")

    with pytest.raises(FeedError, match="acme.*timed out"):
        sync_inventory(conn, failing_fetch, "acme", NOW)


def test_item_administration_errors(conn):
    with pytest.raises(SyncError):
        add_item(conn, "A1", "acme", 1, 1)
    with pytest.raises(SyncError):
        add_item(conn, "Z1", "acme", -1, 1)
    with pytest.raises(SyncError):
        add_item(conn, "", "acme", 1, 1)
    with pytest.raises(SyncError):
        set_manual_override(conn, "nope", 3)
    with pytest.raises(SyncError):
        set_manual_override(conn, "A1", -3)
    assert get_item(conn, "A1")["quantity"] == 10
    assert get_item(conn, "Z1") is None
