"""Hidden tests for the single-flight read-through cache.

Interleavings are forced with events: the loader blocks until the test releases it. To know
that the other callers have really arrived before the load is released, the test watches
their stacks: a caller counts as arrived once it is parked in a `threading` wait somewhere
inside `catalog.cache`, or has called the loader itself. A cache that parks its callers some
other way (a bare lock) is released after a hang guard instead, so no outcome depends on
how fast this machine is.
"""

import sys
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

import catalog.cache
from catalog.cache import ReadThroughCache
from catalog.pricing import price_cache

HANG_GUARD = 5.0
PARK_GUARD = 2.0
CACHE_FILE = Path(catalog.cache.__file__).resolve()
THREADING_FILE = Path(threading.__file__).resolve()


class PricingDown(Exception):
    pass


@dataclass
class BlockingLoader:
    """Counts loads per key; loads of the keys in `blocked` wait for `release`."""

    blocked: set[str] = field(default_factory=set)
    failure: Exception | None = None
    release: threading.Event = field(default_factory=threading.Event)
    entered: threading.Event = field(default_factory=threading.Event)
    calls: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, key: str) -> object:
        with self.lock:
            self.calls.append(key)
            number = len(self.calls)
        if key in self.blocked:
            self.entered.set()
            assert self.release.wait(HANG_GUARD), "the test never released the load"
        if self.failure is not None:
            raise self.failure
        return (key, number)

    def calls_for(self, key: str) -> int:
        with self.lock:
            return self.calls.count(key)


@dataclass
class Caller:
    """A thread calling `cache.get(key)`, keeping what it returned or raised."""

    cache: ReadThroughCache[str, object]
    key: str
    result: object = None
    error: BaseException | None = None
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.result = self.cache.get(self.key)
        except BaseException as error:  # handed to the test thread
            self.error = error

    def join(self) -> None:
        self.thread.join(HANG_GUARD)
        assert not self.thread.is_alive(), f"get({self.key!r}) never returned"


def parked_in_cache(thread: threading.Thread) -> bool:
    frame = sys._current_frames().get(thread.ident or -1)
    if frame is None or Path(frame.f_code.co_filename).resolve() != THREADING_FILE:
        return False
    while frame is not None:
        if Path(frame.f_code.co_filename).resolve() == CACHE_FILE:
            return True
        frame = frame.f_back
    return False


def wait_until_arrived(callers: list[Caller], loader: BlockingLoader, key: str) -> None:
    """Until every caller waits inside the cache, or has started a load of its own."""
    deadline = time.monotonic() + PARK_GUARD
    while time.monotonic() < deadline:
        parked = sum(parked_in_cache(caller.thread) for caller in callers)
        if parked + loader.calls_for(key) - 1 >= len(callers):
            return
        time.sleep(0.001)


def start_flight(
    cache: ReadThroughCache[str, object], loader: BlockingLoader, key: str, waiters: int
) -> list[Caller]:
    """A first caller whose load of `key` blocks, then `waiters` more callers of `key`."""
    first = Caller(cache, key)
    assert loader.entered.wait(HANG_GUARD), "the first get never called the loader"
    others = [Caller(cache, key) for _ in range(waiters)]
    wait_until_arrived(others, loader, key)
    return [first, *others]


def finish(callers: list[Caller]) -> None:
    for caller in callers:
        caller.join()


# --- Existing behaviour ----------------------------------------------------------------------


def test_hit_does_not_call_the_loader_again() -> None:
    loader = BlockingLoader()
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)

    first = cache.get("sku-1")

    assert cache.get("sku-1") == first == ("sku-1", 1)
    assert loader.calls == ["sku-1"]


def test_each_key_is_loaded_separately() -> None:
    loader = BlockingLoader()
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)

    assert cache.get("sku-1") == ("sku-1", 1)
    assert cache.get("sku-2") == ("sku-2", 2)
    assert loader.calls == ["sku-1", "sku-2"]


def test_invalidate_makes_the_next_get_load_again() -> None:
    loader = BlockingLoader()
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    cache.get("sku-1")
    cache.get("sku-2")

    cache.invalidate("sku-1")
    cache.invalidate("never-loaded")

    assert cache.get("sku-1") == ("sku-1", 3)
    assert cache.get("sku-2") == ("sku-2", 2)


def test_failed_load_propagates_and_is_not_cached() -> None:
    loader = BlockingLoader(failure=PricingDown("pricing is down"))
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)

    with pytest.raises(PricingDown):
        cache.get("sku-1")
    loader.failure = None

    assert cache.get("sku-1") == ("sku-1", 2)


def test_a_slow_load_does_not_block_other_keys() -> None:
    loader = BlockingLoader(blocked={"slow"})
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    cached = cache.get("cached")
    slow = Caller(cache, "slow")
    assert loader.entered.wait(HANG_GUARD)

    other = Caller(cache, "other")
    other.join()
    hit = Caller(cache, "cached")
    hit.join()

    assert (other.result, hit.result) == (("other", 3), cached)
    assert slow.thread.is_alive()
    loader.release.set()
    slow.join()
    assert slow.result == ("slow", 2)


def test_loads_of_different_keys_run_at_the_same_time() -> None:
    both_loading = threading.Barrier(2, timeout=HANG_GUARD)

    def load(key: str) -> str:
        both_loading.wait()  # breaks (and fails the test) unless both loads overlap
        return key.upper()

    cache: ReadThroughCache[str, str] = ReadThroughCache(load)
    callers = [Caller(cache, "a"), Caller(cache, "b")]  # type: ignore[arg-type]
    finish(callers)

    assert [(c.result, c.error) for c in callers] == [("A", None), ("B", None)]


def test_price_cache_reads_through_the_pricing_client() -> None:
    @dataclass
    class FakePricing:
        asked: list[str] = field(default_factory=list)

        def fetch_price(self, sku: str) -> Decimal:
            self.asked.append(sku)
            return Decimal("9.99")

    client = FakePricing()
    cache = price_cache(client)

    assert (cache.get("sku-1"), cache.get("sku-1")) == (Decimal("9.99"), Decimal("9.99"))
    assert client.asked == ["sku-1"]


# --- Single flight ---------------------------------------------------------------------------


def test_concurrent_misses_for_one_key_run_one_load() -> None:
    loader = BlockingLoader(blocked={"hot"})
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    callers = start_flight(cache, loader, "hot", waiters=7)

    loader.release.set()
    finish(callers)

    assert loader.calls == ["hot"]
    assert [(c.result, c.error) for c in callers] == [(("hot", 1), None)] * 8


def test_every_waiter_gets_the_very_value_loaded() -> None:
    loader = BlockingLoader(blocked={"hot"})
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    callers = start_flight(cache, loader, "hot", waiters=3)

    loader.release.set()
    finish(callers)

    assert all(caller.result is callers[0].result for caller in callers)
    assert cache.get("hot") is callers[0].result
    assert loader.calls == ["hot"]


def test_failed_load_wakes_every_waiter_with_its_error() -> None:
    outage = PricingDown("pricing is down")
    loader = BlockingLoader(blocked={"hot"}, failure=outage)
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    callers = start_flight(cache, loader, "hot", waiters=5)

    loader.release.set()
    finish(callers)

    assert loader.calls == ["hot"]
    assert all(caller.error is outage for caller in callers)


def test_failed_shared_load_is_not_cached() -> None:
    loader = BlockingLoader(blocked={"hot"}, failure=PricingDown("pricing is down"))
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    callers = start_flight(cache, loader, "hot", waiters=3)
    loader.release.set()
    finish(callers)

    loader.failure = None
    retry = Caller(cache, "hot")
    retry.join()

    assert (retry.result, retry.error) == (("hot", 2), None)
    assert cache.get("hot") == ("hot", 2)


def test_waiters_of_one_key_do_not_block_other_keys() -> None:
    loader = BlockingLoader(blocked={"hot"})
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    callers = start_flight(cache, loader, "hot", waiters=3)

    other = Caller(cache, "cold")
    other.join()

    assert other.result == ("cold", 2)
    assert all(caller.thread.is_alive() for caller in callers)
    loader.release.set()
    finish(callers)
    assert loader.calls == ["hot", "cold"]


def test_load_overtaken_by_invalidation_is_handed_out_but_not_cached() -> None:
    loader = BlockingLoader(blocked={"hot"})
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    callers = start_flight(cache, loader, "hot", waiters=2)

    cache.invalidate("hot")
    loader.release.set()
    finish(callers)

    assert [c.result for c in callers] == [("hot", 1)] * 3
    assert cache.get("hot") == ("hot", 2)
    assert cache.get("hot") == ("hot", 2)


def test_caller_after_invalidation_starts_a_fresh_load() -> None:
    loader = BlockingLoader(blocked={"hot"})
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    stale = start_flight(cache, loader, "hot", waiters=1)

    cache.invalidate("hot")
    loader.blocked.clear()
    fresh = Caller(cache, "hot")
    fresh.join()
    loader.release.set()
    finish(stale)

    assert fresh.result == ("hot", 2)
    assert [c.result for c in stale] == [("hot", 1)] * 2
    assert cache.get("hot") == ("hot", 2)
    assert loader.calls == ["hot", "hot"]


def test_new_flight_after_a_shared_one_settles_is_a_hit() -> None:
    loader = BlockingLoader(blocked={"hot"})
    cache: ReadThroughCache[str, object] = ReadThroughCache(loader)
    callers = start_flight(cache, loader, "hot", waiters=2)
    loader.release.set()
    finish(callers)

    later = [Caller(cache, "hot") for _ in range(3)]
    finish(later)

    assert [c.result for c in later] == [("hot", 1)] * 3
    assert loader.calls == ["hot"]
