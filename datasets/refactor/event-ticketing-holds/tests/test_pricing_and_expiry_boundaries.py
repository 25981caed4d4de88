"""The two boundaries the request asks for: prices without a database, one expiry rule.

The modules are imported when a test runs, so on code without them each test fails by name
(a missing boundary) rather than the whole file failing to collect.
"""

import importlib
import random
import sqlite3
from datetime import datetime, timedelta

import pytest
from ticketing_fixtures import NOW, load_original

ORIGINAL_MODELS = load_original("models")


def seat_price(base_cents, tier, seats_sold, capacity, days_until_event):
    module = importlib.import_module("tickets.pricing")
    return module.seat_price(base_cents, tier, seats_sold, capacity, days_until_event)


def is_expired(created_at, now):
    return importlib.import_module("tickets.holds").is_expired(created_at, now)


@pytest.mark.parametrize("tier, sold, capacity, days, price", [
    ("standard", 0, 10, 5, 4001), ("premium", 0, 10, 5, 6001), ("vip", 0, 10, 5, 10002),
    ("vip", 7, 10, 5, 10002), ("vip", 8, 10, 5, 12002), ("premium", 4, 5, 29, 7201),
    ("standard", 0, 10, 30, 3600), ("vip", 10, 10, 45, 10801), ("standard", 0, 0, 1, 4001),
    ("standard", 19, 24, 5, 4001), ("standard", 79, 99, 5, 4001), ("standard", 80, 100, 5, 4801),
])
def test_pricing_boundary_seat_price(tier, sold, capacity, days, price):
    assert seat_price(4001, tier, sold, capacity, days) == price


def test_pricing_boundary_seat_price_matches_the_original_pricing():
    rng = random.Random(11)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE seats (event_id INTEGER, status TEXT)")
    for _ in range(200):
        base = rng.choice([1, 99, 999, 4001, 12345])
        tier = rng.choice(["standard", "premium", "vip"])
        capacity = rng.randint(0, 12)
        sold = rng.randint(0, capacity)
        starts = NOW + timedelta(days=rng.randint(0, 40), hours=rng.choice([0, 1, 23]))
        conn.execute("DELETE FROM seats")
        conn.executemany("INSERT INTO seats VALUES (1, ?)",
                         [("sold" if i < sold else "free",) for i in range(capacity)])
        event = ORIGINAL_MODELS.Event(1, "E", starts, base)
        expected = event.price_for(conn, tier, NOW)
        assert seat_price(base, tier, sold, capacity, (starts - NOW).days) == expected
    conn.close()


def test_expiry_boundary_is_expired_from_fifteen_minutes_on():
    created = datetime(2026, 5, 1, 18, 0)
    assert is_expired(created, created) is False
    assert is_expired(created, created + timedelta(minutes=15, microseconds=-1)) is False
    assert is_expired(created, created + timedelta(minutes=15)) is True
    assert is_expired(created, created + timedelta(days=1)) is True
    assert is_expired(created, created - timedelta(minutes=1)) is False
