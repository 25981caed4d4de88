import sqlite3
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest

from insights.cache import TileCache
from insights.service import DashboardService, TileKey, UnknownTile
from insights.tiles import SCHEMA, Tile, TileQueries

FRESH, KEEP = 300.0, 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class QueuedExecutor(Executor):
    """Holds submitted work until the test runs it, as a busy refresh pool would."""

    def __init__(self) -> None:
        self.pending: list[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.pending.append((future, fn, args))
        return future

    def run_pending(self) -> None:
        while self.pending:
            future, fn, args = self.pending.pop(0)
            try:
                future.set_result(fn(*args))
            except Exception as error:
                future.set_exception(error)


class CountingTile:
    """A tile computation that counts its runs; each run yields a new version."""

    def __init__(self, fail_on: frozenset[int] = frozenset()) -> None:
        self.runs = 0
        self.fail_on = fail_on

    def __call__(self, merchant_id: str) -> Tile:
        self.runs += 1
        if self.runs in self.fail_on:
            raise sqlite3.OperationalError("canceling statement due to statement timeout")
        return Tile("revenue", "Revenue", {"merchant": merchant_id, "version": self.runs})


def make_service(
    compute: CountingTile,
) -> tuple[DashboardService, Clock, QueuedExecutor]:
    clock, executor = Clock(), QueuedExecutor()
    cache: TileCache[TileKey, Tile] = TileCache(FRESH, KEEP, clock)
    return DashboardService(cache, {"revenue": compute}, executor), clock, executor


def test_first_request_computes_the_tile_in_line() -> None:
    compute = CountingTile()
    service, _, executor = make_service(compute)
    view = service.tile("m1", "revenue")
    assert (view.tile.data["version"], view.stale) == (1, False)
    assert service.tile("m1", "revenue").tile.data["version"] == 1
    assert compute.runs == 1 and executor.pending == []


def test_stale_tile_is_served_while_a_single_refresh_recomputes_it() -> None:
    compute = CountingTile()
    service, clock, executor = make_service(compute)
    service.tile("m1", "revenue")
    clock.now += FRESH + 1
    views = [service.tile("m1", "revenue") for _ in range(8)]  # a dashboard's worth of requests
    assert all(v.stale and v.tile.data["version"] == 1 for v in views)
    executor.run_pending()
    assert compute.runs == 2, "every request that saw the stale tile recomputed it"
    fresh = service.tile("m1", "revenue")
    assert (fresh.tile.data["version"], fresh.stale) == (2, False)


def test_failed_refresh_keeps_the_stale_tile_and_a_later_request_retries() -> None:
    compute = CountingTile(fail_on=frozenset({2}))
    service, clock, executor = make_service(compute)
    service.tile("m1", "revenue")
    clock.now += FRESH + 1
    service.tile("m1", "revenue")
    executor.run_pending()
    view = service.tile("m1", "revenue")
    assert (view.tile.data["version"], view.stale) == (1, True)
    executor.run_pending()
    assert service.tile("m1", "revenue").tile.data["version"] == 3


def test_expired_tile_is_recomputed_in_line_and_merchants_are_separate() -> None:
    compute = CountingTile()
    service, clock, executor = make_service(compute)
    service.tile("m1", "revenue")
    clock.now += KEEP + 1
    view = service.tile("m1", "revenue")
    assert (view.tile.data["version"], view.stale) == (2, False)
    assert service.tile("m2", "revenue").tile.data["merchant"] == "m2"
    assert executor.pending == []
    with pytest.raises(UnknownTile):
        service.tile("m1", "churn")


def test_revenue_tile_counts_the_window_without_refunds(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as connection:
        connection.executescript(SCHEMA)
        connection.executemany(
            "INSERT INTO orders (merchant_id, customer_id, created_at, total_cents, refunded) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                ("m1", "c1", 9_000_000, 2_500, 0),
                ("m1", "c2", 9_000_500, 1_500, 0),
                ("m1", "c3", 9_000_900, 9_900, 1),
                ("m1", "c1", 1_000, 7_000, 0),
                ("m2", "c4", 9_000_000, 4_000, 0),
            ],
        )
    queries = TileQueries(lambda: sqlite3.connect(path), now=lambda: 9_001_000.0)
    tile = queries.revenue("m1")
    assert tile.data == {"orders": 2, "revenue_cents": 4_000, "average_order_cents": 2_000}
    assert queries.repeat_customers("m1").data["returning"] == 1
