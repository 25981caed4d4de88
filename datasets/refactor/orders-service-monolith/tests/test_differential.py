"""The refactored service against the original monolith (original_orders.py, a byte copy of the
starter), on seeded random operations: same return values, same exceptions (type and message),
same database rows (as the caller's connection sees them and as committed), and the caller's
items left untouched."""

import copy
import importlib.util
import random
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import shop.orders as answer


def _load_original() -> ModuleType:
    # A private module name, so the copy never collides with the answer's `shop` package.
    path = Path(__file__).with_name("original_orders.py")
    spec = importlib.util.spec_from_file_location("_original_orders_monolith", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


original = _load_original()

SKUS = ["W-1", "G-2", "B-3", "Z-9"]
GOOD_EMAILS = ["alice@example.com", "  Bob@Example.COM ", "carol@shop.co.uk", "D@X.IO"]
BAD_EMAILS = ["not-an-email", "a@localhost", "@example.com", "x@.com", "x@example.", "", None, 42]
GOOD_QUANTITIES = [1, 2, 3, 5, 9, 10, 11, 12, 25]
BAD_QUANTITIES = [0, -1, 1.5, True, "2", None]
COUPONS = [
    None, None, None, "SAVE10", " save10 ", "FLAT500", "flat500", "SUMMER15", "BOGUS", " Bogus ", ""
]
TIMES = [
    datetime(2026, 3, 1, 10, 30, tzinfo=UTC),
    datetime(2026, 8, 31, 23, 59, tzinfo=UTC),
    datetime(2026, 9, 1, 0, 0, tzinfo=UTC),
    datetime(2099, 12, 31, 12, 0, tzinfo=UTC),
    datetime(2100, 1, 1, 0, 0, tzinfo=UTC),
]
GOOD_PRICES = [0, 1, 99, 100, 399, 1250, 2000, 4999, 5000, 5263]
BAD_PRICES = [-1, 1.5, None, "100"]
GOOD_STOCKS = [0, 1, 5, 20, 50, 200]
BAD_STOCKS = [-1, 2.0, None]


def pick(rng: random.Random, good: list[Any], bad: list[Any], bad_rate: float = 0.06) -> Any:
    return rng.choice(bad if rng.random() < bad_rate else good)


def outcome(order_error: type, function: Callable[..., Any], *args: Any) -> tuple[Any, ...]:
    try:
        return ("returned", function(*args))
    except Exception as error:  # every exception is part of the behaviour being compared
        return ("raised", type(error).__name__, str(error), isinstance(error, order_error))


def table_rows(conn: sqlite3.Connection) -> tuple[Any, ...]:
    tables = ("products", "orders", "order_lines")
    return tuple(conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables)


def database_state(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """The rows as the caller's connection sees them, and as committed for everyone else."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    committed = sqlite3.connect(path)
    try:
        return table_rows(conn), table_rows(committed)
    finally:
        committed.close()


def random_items(rng: random.Random) -> Any:
    if rng.random() < 0.05:
        return rng.choice([[], None])
    items = []
    for _ in range(rng.randint(1, 4)):
        sku = pick(rng, SKUS, ["NOPE", "w-1"])
        item: dict[str, Any] = {"sku": sku, "quantity": pick(rng, GOOD_QUANTITIES, BAD_QUANTITIES)}
        if rng.random() < 0.04:
            del item[rng.choice(["sku", "quantity"])]
        items.append(item)
    return items


def random_operation(rng: random.Random, order_count: int) -> tuple[str, tuple[Any, ...]]:
    order_id = rng.randint(1, order_count + 1)
    kind = rng.choices(
        ["place", "add", "cancel", "get", "receipt", "stock"], weights=[8, 3, 2, 2, 2, 1]
    )[0]
    if kind == "place":
        email = pick(rng, GOOD_EMAILS, BAD_EMAILS)
        args = (email, random_items(rng), rng.choice(COUPONS), rng.choice(TIMES))
        return "place_order", args
    if kind == "add":
        sku = pick(rng, SKUS, ["", "  ", None, 7])
        name = pick(rng, ["Widget", "Gadget", "Bolt", "Zip"], [None], bad_rate=0.02)
        price, stock = pick(rng, GOOD_PRICES, BAD_PRICES), pick(rng, GOOD_STOCKS, BAD_STOCKS)
        return "add_product", (sku, name, price, stock)
    if kind == "stock":
        return "get_stock", (rng.choice(SKUS),)
    names = {"cancel": "cancel_order", "get": "get_order", "receipt": "format_receipt"}
    return names[kind], (order_id,)


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")  # no fsync per commit: the test needs no durability
    return conn


def stocked(module: ModuleType, conn: sqlite3.Connection) -> sqlite3.Connection:
    module.init_db(conn)
    module.add_product(conn, "W-1", "Widget", 1250, 20)
    module.add_product(conn, "G-2", "Gadget", 399, 60)
    module.add_product(conn, "B-3", "Bolt", 100, 5)
    return conn


def run_both(
    rng: random.Random, ours: sqlite3.Connection, theirs: sqlite3.Connection, steps: int
) -> None:
    for step in range(steps):
        name, args = random_operation(rng, order_count(theirs))
        args_for_answer, args_for_original = copy.deepcopy(args), copy.deepcopy(args)
        got = outcome(answer.OrderError, getattr(answer, name), ours, *args_for_answer)
        want = outcome(original.OrderError, getattr(original, name), theirs, *args_for_original)
        context = f"step {step}: {name}{args!r}"
        assert got == want, context
        assert args_for_answer == args, f"{context} changed its arguments"
        assert database_state(ours) == database_state(theirs), context


def order_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0]


def run_original(rng: random.Random, conn: sqlite3.Connection, steps: int) -> None:
    for _ in range(steps):
        name, args = random_operation(rng, order_count(conn))
        outcome(original.OrderError, getattr(original, name), conn, *args)


@pytest.mark.parametrize("seed", [11, 2026, 90210])
def test_random_operations_behave_like_the_original(tmp_path, seed):
    ours = stocked(answer, connect(tmp_path / "ours.db"))
    theirs = stocked(original, connect(tmp_path / "theirs.db"))
    try:
        run_both(random.Random(seed), ours, theirs, steps=300)
    finally:
        ours.close()
        theirs.close()


def test_schema_is_the_original_schema():
    ours, theirs = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    try:
        answer.init_db(ours)
        original.init_db(theirs)
        for table in ("products", "orders", "order_lines"):
            pragma = f"PRAGMA table_info({table})"
            assert ours.execute(pragma).fetchall() == theirs.execute(pragma).fetchall(), table
    finally:
        ours.close()
        theirs.close()


def test_databases_written_by_the_original_keep_working(tmp_path):
    legacy = tmp_path / "legacy.db"
    rng = random.Random(77)
    writer = stocked(original, connect(legacy))
    try:
        run_original(rng, writer, steps=60)
    finally:
        writer.close()
    shutil.copy(legacy, tmp_path / "copy.db")
    ours, theirs = connect(legacy), connect(tmp_path / "copy.db")
    try:
        answer.init_db(ours)
        original.init_db(theirs)
        run_both(rng, ours, theirs, steps=120)
    finally:
        ours.close()
        theirs.close()


# A trigger makes one write fail, as a full disk or a lost lock would: the original rolls back
# the whole order (or cancellation), so stock, orders and lines are as they were before.
FAILING_WRITES = {
    "order lines": "BEFORE INSERT ON order_lines BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    "order": "BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    "status": "BEFORE UPDATE ON orders BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    "stock": "BEFORE UPDATE ON products BEGIN SELECT RAISE(IGNORE); END",
}


@pytest.mark.parametrize("failing", sorted(FAILING_WRITES))
def test_a_failing_write_leaves_the_database_as_the_original_does(tmp_path, failing):
    ours = stocked(answer, connect(tmp_path / "ours.db"))
    theirs = stocked(original, connect(tmp_path / "theirs.db"))
    try:
        for module, conn in ((answer, ours), (original, theirs)):
            module.place_order(conn, "a@example.com", [{"sku": "B-3", "quantity": 2}],
                               now=datetime(2026, 3, 1, tzinfo=UTC))
            conn.execute(f"CREATE TRIGGER fail_write {FAILING_WRITES[failing]}")
            conn.commit()
        for name, args in (
            ("place_order", ("b@example.com", [{"sku": "W-1", "quantity": 2},
                                               {"sku": "G-2", "quantity": 3}], "SAVE10",
                             datetime(2026, 3, 2, tzinfo=UTC))),
            ("cancel_order", (1,)),
        ):
            got = outcome(answer.OrderError, getattr(answer, name), ours, *args)
            want = outcome(original.OrderError, getattr(original, name), theirs, *args)
            assert got == want, name
            assert database_state(ours) == database_state(theirs), name
    finally:
        ours.close()
        theirs.close()
