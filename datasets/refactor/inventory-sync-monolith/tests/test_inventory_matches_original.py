"""Differential tests: the refactored sync behaves exactly like the original monolith.

`original_sync.py` beside this file is a byte copy of the code before the refactor, loaded by
file path under a private module name so it cannot be confused with the answer's `inventory`
package. Every scenario runs the same operations against two fresh in-memory databases, one
through the original and one through the answer, and compares what each call returned or
raised and everything the databases hold afterwards. Scenarios come from a seeded generator.
"""

import importlib.util
import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import inventory.sync as answer


def _load_original():
    path = Path(__file__).with_name("original_sync.py")
    spec = importlib.util.spec_from_file_location("_archbench_original_sync", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ORIGINAL = _load_original()
SCENARIOS = 150
START = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
KNOWN_SKUS = ["A1", "A2", "A3", "A4", "B1", "B2"]
NEW_SKUS = ["N1", "N2", "N3"]
SUPPLIERS = ["acme", "acme", "globex"]
STOCK_LEVELS = [0, 1, 4, 5, 10, 49, 50, 120, 150, 151, 200, 300, 500]
FEED_QUANTITIES = [0, 1, 2, 4, 5, 10, 12, 49, 50, 51, 99, 100, 101, 120, 149, 150, 151, 199,
                   200, 250, 300, 480, 500]
BAD_QUANTITIES = [-1, True, False, 1.5, "5", None]
PRICES = ["12.50", "3.25", "1", "1.00", "1.230", "0", 2, 1.5, "1e2", "0.10", 12.5]
BAD_PRICES = ["1.234", "0.001", "NaN", "Infinity", "-1", "abc", None, [1]]
# 1e17 is 1e19 cents: more than sqlite's 64-bit INTEGER holds, so the write fails mid-sync.
UNSTORABLE_PRICE = "1e17"
TABLES = {
    "items": "SELECT sku, supplier, quantity, reserved, price_cents, status, manual_override "
             "FROM items ORDER BY sku",
    "audit": "SELECT id, sku, field, old, new, supplier, at FROM audit ORDER BY id",
    "sync_runs": "SELECT id, supplier, generated_at, ran_at FROM sync_runs ORDER BY id",
}


def outcome(function, *args, **kwargs):
    """What a call did: its result, or the type (by name: the original defines its own
    exception classes) and message of what it raised."""
    try:
        return ("returned", function(*args, **kwargs))
    except Exception as error:  # any exception is behaviour to compare, not a test failure
        return ("raised", type(error).__name__, str(error))


def database_contents(conn):
    return {table: conn.execute(query).fetchall() for table, query in TABLES.items()}


class Twins:
    """The original and the answer, each with its own database, driven in lockstep."""

    def __init__(self):
        self.connections = {ORIGINAL: sqlite3.connect(":memory:"),
                            answer: sqlite3.connect(":memory:")}
        self.calls = []

    def call(self, name, *args, **kwargs):
        """Run one public function on both sides and assert they behaved the same."""
        self.calls.append((name, args, kwargs))
        results = {
            module: outcome(getattr(module, name), conn, *args, **kwargs)
            for module, conn in self.connections.items()
        }
        assert results[answer] == results[ORIGINAL], self.calls
        contents = {module: database_contents(conn) for module, conn in self.connections.items()}
        assert contents[answer] == contents[ORIGINAL], self.calls
        return results[ORIGINAL]

    def stock(self):
        """The items the original's database holds, by sku (to generate relevant feeds)."""
        conn = self.connections[ORIGINAL]
        items = (ORIGINAL.get_item(conn, sku) for sku in KNOWN_SKUS + NEW_SKUS)
        return {item["sku"]: item for item in items if item is not None}

    def close(self):
        for conn in self.connections.values():
            conn.close()


def feed_text(supplier, generated_at, items):
    return json.dumps({"supplier": supplier, "generated_at": generated_at, "items": items})


def bad_entry(rng, sku):
    """An entry the sync rejects (or, for an unstorable price, fails to write)."""
    entry = {"sku": sku, "quantity": rng.choice(FEED_QUANTITIES), "price": rng.choice(PRICES)}
    flaw = rng.choice(["not an object", "sku", "quantity", "price", "missing", "unstorable"])
    if flaw == "not an object":
        return rng.choice(["A1", 7, None, ["A1"]])
    if flaw == "sku":
        entry["sku"] = rng.choice(["", "  ", 5, None])
    elif flaw == "missing":
        del entry[rng.choice(["quantity", "price"])]
    elif flaw == "unstorable":
        entry["price"] = UNSTORABLE_PRICE
    else:
        entry[flaw] = rng.choice(BAD_QUANTITIES if flaw == "quantity" else BAD_PRICES)
    return entry


def random_entry(rng, sku, current):
    """A feed entry for `sku`; `current` is the item we hold (or None), whose quantity and
    price the entry often repeats, so that unchanged items and single-field updates occur."""
    if rng.random() < 0.06:
        return bad_entry(rng, sku)
    entry = {"sku": sku, "quantity": rng.choice(FEED_QUANTITIES), "price": rng.choice(PRICES)}
    if current is not None and rng.random() < 0.4:
        entry["quantity"] = current["quantity"]
    if current is not None and rng.random() < 0.5:
        euros, cents = divmod(current["price_cents"], 100)
        entry["price"] = f"{euros}.{cents:02d}"
    if rng.random() < 0.15:
        entry["discontinued"] = rng.choice([True, True, False, 1, "yes", 0])
    return entry


def random_feed(rng, supplier, generated_at, current):
    """Feed text: mostly well formed, sometimes broken in one of the ways the sync rejects."""
    skus = rng.sample(KNOWN_SKUS + NEW_SKUS, rng.randint(1, 9))
    if rng.random() < 0.05:
        skus.insert(rng.randrange(len(skus) + 1), rng.choice(skus))  # a duplicate sku
    items = [random_entry(rng, sku, current.get(sku)) for sku in skus]
    roll = rng.random()
    if roll < 0.02:
        return "{not json"
    if roll < 0.04:
        return json.dumps(items)
    if roll < 0.06:
        return feed_text(supplier, rng.choice([None, 20260504, "yesterday", ""]), items)
    if roll < 0.08:
        return feed_text(supplier, generated_at, [])
    if roll < 0.10:
        return feed_text(rng.choice(["globex", "ACME", None]), generated_at, items)
    if roll < 0.11:
        return json.dumps({"supplier": supplier, "generated_at": generated_at})
    return feed_text(supplier, generated_at, items)


def random_fetch(rng, text):
    roll = rng.random()
    if roll < 0.03:
        def failing_fetch():
            raise ConnectionError("timed out")
        return failing_fetch
    if roll < 0.05:
        not_text = rng.choice([None, 42])  # json.loads itself raises on these
        return lambda: not_text
    return lambda: text


def seed_items(twins, rng):
    for _ in range(rng.randint(2, 7)):
        reserved = rng.choice([0, 0, 0, 2, 4, 50, -1]) if rng.random() < 0.4 else 0
        quantity = rng.choice([*STOCK_LEVELS, -1, 2 ** 63] if rng.random() < 0.1 else STOCK_LEVELS)
        twins.call("add_item", rng.choice([*KNOWN_SKUS, ""]), rng.choice([*SUPPLIERS, ""]),
                   quantity, rng.choice([100, 300, 1250, 0, -5]), reserved=reserved)


def random_override(twins, rng):
    sku = rng.choice([*KNOWN_SKUS, "ZZ"])
    twins.call("set_manual_override", sku, rng.choice([None, 0, 3, 40, -3]))


def random_sync(twins, rng, step):
    supplier = rng.choice(SUPPLIERS)
    # Usually newer than anything before; now and then a repeat or an older feed (stale).
    offset = step if rng.random() > 0.1 else rng.choice([0, step - 1, -1])
    generated_at = (START + timedelta(hours=offset)).isoformat()
    fetch = random_fetch(rng, random_feed(rng, supplier, generated_at, twins.stock()))
    now = START + timedelta(hours=step, minutes=5)
    return twins.call("sync_inventory", fetch, supplier, now, dry_run=rng.random() < 0.2)[0]


def compare_reads(twins):
    for sku in KNOWN_SKUS + NEW_SKUS + ["ZZ"]:
        twins.call("get_item", sku)
        twins.call("list_audit", sku)
    twins.call("list_audit")


def run_scenario(rng):
    """One generated scenario; returns how each of its syncs ended ("returned"/"raised")."""
    twins = Twins()
    try:
        twins.call("init_db")
        seed_items(twins, rng)
        sync_outcomes = []
        for step in range(1, rng.randint(2, 5)):
            if rng.random() < 0.3:
                random_override(twins, rng)
            sync_outcomes.append(random_sync(twins, rng, step))
        compare_reads(twins)
        twins.call("init_db")  # on an existing database: keeps everything
        return sync_outcomes
    finally:
        twins.close()


def test_generated_scenarios_match_the_original():
    rng = random.Random(1803)
    sync_outcomes = [kind for _ in range(SCENARIOS) for kind in run_scenario(rng)]
    # The generator must reach both applied and refused feeds often, or it proves little.
    assert sync_outcomes.count("returned") > len(sync_outcomes) // 3
    assert sync_outcomes.count("raised") > len(sync_outcomes) // 10


def test_conflict_rule_boundaries_match_the_original():
    # Around the suspicious-drop rule (a drop of more than 100 units and to under half) and
    # the reserved floor, each pair on a fresh database.
    for old in (149, 150, 151, 200, 201, 300, 301):
        for new in (0, 49, 50, 51, 99, 100, 101, 149, 150, 151, 199, 200, 201):
            for reserved in (0, new, new + 1):
                twins = Twins()
                twins.call("init_db")
                twins.call("add_item", "A1", "acme", old, 100, reserved=reserved)
                items = [{"sku": "A1", "quantity": new, "price": "1.00"}]
                twins.call("sync_inventory", lambda items=items: feed_text(
                    "acme", START.isoformat(), items), "acme", START)
                twins.close()


def test_repeated_discontinuation_and_reactivation_match_the_original():
    twins = Twins()
    twins.call("init_db")
    twins.call("add_item", "A1", "acme", 10, 100, reserved=3)
    twins.call("add_item", "A2", "acme", 3, 100, reserved=3)
    twins.call("set_manual_override", "A2", 0)
    feeds = [
        [{"sku": "A1", "quantity": 10, "price": "1.00", "discontinued": True},
         {"sku": "A2", "quantity": 3, "price": "1.00", "discontinued": True}],
        [{"sku": "A1", "quantity": 8, "price": "1.50", "discontinued": True}],
        [{"sku": "A1", "quantity": 2, "price": "1.50"}, {"sku": "A2", "quantity": 5, "price": "2"}],
        [{"sku": "A2", "quantity": 5, "price": "2"}],
    ]
    for hour, items in enumerate(feeds):
        generated_at = (START + timedelta(hours=hour)).isoformat()
        twins.call("sync_inventory", lambda items=items, at=generated_at: feed_text(
            "acme", at, items), "acme", START + timedelta(hours=hour, minutes=5))
    compare_reads(twins)
    twins.close()


def test_item_administration_edges_match_the_original():
    twins = Twins()
    twins.call("init_db")
    for args in (("A1", "acme", 0, 0), ("A1", "acme", 1, 1), ("A2", "", 1, 1), ("", "acme", 1, 1),
                 ("A3", "acme", 1, -1), ("A4", "acme", 2**63, 1), ("A5", "acme", 1, 1)):
        twins.call("add_item", *args)
    twins.call("add_item", "A6", "acme", 5, 100, reserved=-1)
    twins.call("add_item", "A7", "acme", 5, 100, reserved=6)
    for sku, quantity in (("A1", 0), ("A1", None), ("A5", -1), ("A5", 7), ("ZZ", None)):
        twins.call("set_manual_override", sku, quantity)
    compare_reads(twins)
    twins.close()
