"""Hidden tests for the concurrent, retrying stock client.

The warehouse is an httpx.MockTransport whose handler counts the requests in flight and can
hold a request on an asyncio.Event, so the concurrency limit is checked on the event loop's
own schedule. Time is a fake clock that only the injected sleep (and a "slow" response)
moves: no test waits for real.
"""

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import pytest

import warehouse.stock_client as stock_module
from warehouse.stock_client import StockClient

T = TypeVar("T")
HANG_GUARD = 5.0
Outcome = int | Exception  # a status code to answer with, or an error to raise


@dataclass
class FakeClock:
    # Starts at 0.0 so a deadline of 0.1 s is the same float whether a client compares
    # `now + delay` with `start + deadline` or the elapsed time with the deadline.
    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@dataclass
class FakeWarehouse:
    """Answers `GET /stock/{sku}` with `available` = len(sku), or as `scripts` say."""

    clock: FakeClock = field(default_factory=FakeClock)
    scripts: dict[str, list[Outcome]] = field(default_factory=dict)
    holds: dict[str, asyncio.Event] = field(default_factory=dict)
    takes_seconds: dict[str, float] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    in_flight: int = 0
    peak: int = 0

    async def handle(self, request: httpx.Request) -> httpx.Response:
        sku = request.url.path.removeprefix("/stock/")
        self.requests.append(sku)
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await self._respond_slowly(sku)
        except asyncio.CancelledError:
            for _ in range(3):  # closing a real connection takes a few loop turns
                await asyncio.sleep(0)
            self.cancelled.append(sku)
            raise
        finally:
            self.in_flight -= 1
        outcome = self.scripts[sku].pop(0) if self.scripts.get(sku) else 200
        if isinstance(outcome, Exception):
            raise outcome
        return httpx.Response(outcome, json={"sku": sku, "available": len(sku)})

    async def _respond_slowly(self, sku: str) -> None:
        if sku in self.holds:
            await self.holds[sku].wait()
        for _ in range(5):  # let every other ready task run: an unlimited client piles up
            await asyncio.sleep(0)
        self.clock.now += self.takes_seconds.get(sku, 0.0)

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.MockTransport(self.handle), base_url="http://warehouse.test"
        )


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    async def guarded() -> T:
        return await asyncio.wait_for(coroutine, HANG_GUARD)  # a hang guard only

    return asyncio.run(guarded())


def fetch(warehouse: FakeWarehouse, skus: list[str], **options: Any) -> dict[str, int]:
    async def go() -> dict[str, int]:
        async with warehouse.client() as http:
            client = StockClient(
                http, sleep=warehouse.clock.sleep, clock=warehouse.clock, **options
            )
            return await client.fetch_levels(skus)

    return run(go())


def fetch_with_defaults(warehouse: FakeWarehouse, skus: list[str]) -> dict[str, int]:
    async def go() -> dict[str, int]:
        async with warehouse.client() as http:
            return await StockClient(http).fetch_levels(skus)

    return run(go())


def connect_error() -> httpx.ConnectError:
    return httpx.ConnectError("connection refused")


# --- Existing behaviour ----------------------------------------------------------------------


def test_levels_come_back_for_every_sku() -> None:
    warehouse = FakeWarehouse()

    levels = fetch_with_defaults(warehouse, ["a", "bb", "ccc"])

    assert levels == {"a": 1, "bb": 2, "ccc": 3}
    assert sorted(warehouse.requests) == ["a", "bb", "ccc"]


def test_no_skus_means_no_requests() -> None:
    warehouse = FakeWarehouse()

    assert fetch_with_defaults(warehouse, []) == {}
    assert warehouse.requests == []


def test_not_found_raises_without_retrying() -> None:
    warehouse = FakeWarehouse(scripts={"gone": [404]})

    with pytest.raises(httpx.HTTPStatusError) as raised:
        fetch_with_defaults(warehouse, ["gone"])

    assert raised.value.response.status_code == 404
    assert warehouse.requests == ["gone"]


# --- Concurrency limit -----------------------------------------------------------------------


def test_requests_overlap_up_to_the_limit_and_never_beyond() -> None:
    warehouse = FakeWarehouse()
    skus = [f"sku-{n:02}" for n in range(20)]

    levels = fetch(warehouse, skus, max_concurrency=3)

    assert levels == {sku: 6 for sku in skus}
    assert warehouse.peak == 3
    assert sorted(warehouse.requests) == skus


def test_default_limit_is_eight() -> None:
    warehouse = FakeWarehouse()
    skus = [f"sku-{n:02}" for n in range(20)]

    fetch(warehouse, skus)

    assert warehouse.peak == 8


def test_a_held_request_does_not_stop_the_others() -> None:
    warehouse = FakeWarehouse()
    held = asyncio.Event()
    warehouse.holds["held"] = held

    async def release_when_others_done() -> None:
        while sorted(set(warehouse.requests) - {"held"}) != ["x", "y"] or warehouse.in_flight > 1:
            await asyncio.sleep(0)
        held.set()

    async def go() -> dict[str, int]:
        async with warehouse.client() as http:
            client = StockClient(http, max_concurrency=2, sleep=warehouse.clock.sleep,
                                 clock=warehouse.clock)
            releaser = asyncio.ensure_future(release_when_others_done())
            levels = await client.fetch_levels(["held", "x", "y"])
            await releaser
            return levels

    assert run(go()) == {"held": 4, "x": 1, "y": 1}
    assert warehouse.requests[0] == "held"


# --- Retries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_throttling_and_outages_are_retried(status: int) -> None:
    warehouse = FakeWarehouse(scripts={"flaky": [status]})

    assert fetch(warehouse, ["flaky"]) == {"flaky": 5}
    assert warehouse.requests == ["flaky", "flaky"]
    assert warehouse.clock.sleeps == [0.1]


def test_network_errors_are_retried() -> None:
    warehouse = FakeWarehouse(scripts={"flaky": [connect_error(), connect_error()]})

    assert fetch(warehouse, ["flaky"]) == {"flaky": 5}
    assert warehouse.requests == ["flaky"] * 3
    assert warehouse.clock.sleeps == [0.1, 0.2]


def test_backoff_doubles_until_attempts_run_out() -> None:
    warehouse = FakeWarehouse(scripts={"down": [503] * 10})

    with pytest.raises(httpx.HTTPStatusError) as raised:
        fetch(warehouse, ["down"], max_attempts=4)

    assert raised.value.response.status_code == 503
    assert warehouse.requests == ["down"] * 4
    assert warehouse.clock.sleeps == [0.1, 0.2, 0.4]


def test_last_network_error_is_raised_when_attempts_run_out() -> None:
    last = connect_error()
    warehouse = FakeWarehouse(scripts={"down": [connect_error(), connect_error(), last]})

    with pytest.raises(httpx.ConnectError) as raised:
        fetch(warehouse, ["down"])

    assert raised.value is last
    assert warehouse.requests == ["down"] * 3


@pytest.mark.parametrize("status", [400, 401, 500])
def test_other_errors_are_not_retried(status: int) -> None:
    warehouse = FakeWarehouse(scripts={"bad": [status]})

    with pytest.raises(httpx.HTTPStatusError) as raised:
        fetch_with_defaults(warehouse, ["bad"])

    assert raised.value.response.status_code == status
    assert warehouse.requests == ["bad"]


# --- Deadline --------------------------------------------------------------------------------


def test_backoff_that_would_end_past_the_deadline_gives_up() -> None:
    warehouse = FakeWarehouse(scripts={"down": [503] * 10})

    with pytest.raises(stock_module.DeadlineExceeded):
        fetch(warehouse, ["down"], max_attempts=5, deadline=0.25)

    assert warehouse.clock.sleeps == [0.1]
    assert warehouse.requests == ["down"] * 2


def test_retries_that_fit_in_the_deadline_go_ahead() -> None:
    warehouse = FakeWarehouse(scripts={"flaky": [503, 503]})

    assert fetch(warehouse, ["flaky"], max_attempts=5, deadline=0.35) == {"flaky": 5}
    assert warehouse.clock.sleeps == [0.1, 0.2]


def test_no_request_starts_after_the_deadline() -> None:
    warehouse = FakeWarehouse(takes_seconds={"slow": 11.0})

    with pytest.raises(stock_module.DeadlineExceeded):
        fetch(warehouse, ["slow", "next"], max_concurrency=1, deadline=10.0)

    assert warehouse.requests == ["slow"]


def test_deadline_covers_the_whole_call_not_each_sku() -> None:
    warehouse = FakeWarehouse(takes_seconds={"a": 4.0, "b": 4.0, "c": 4.0})

    with pytest.raises(stock_module.DeadlineExceeded):
        fetch(warehouse, ["a", "b", "c", "d"], max_concurrency=1, deadline=10.0)

    assert warehouse.requests == ["a", "b", "c"]


def test_backoff_ending_right_at_the_deadline_is_allowed() -> None:
    warehouse = FakeWarehouse(scripts={"flaky": [503]})

    assert fetch(warehouse, ["flaky"], deadline=0.1) == {"flaky": 5}
    assert warehouse.clock.sleeps == [0.1]


def test_default_deadline_is_ten_seconds() -> None:
    warehouse = FakeWarehouse(takes_seconds={"slow": 10.5})

    with pytest.raises(stock_module.DeadlineExceeded):
        fetch(warehouse, ["slow", "next"], max_concurrency=1)

    assert warehouse.requests == ["slow"]


def test_default_deadline_leaves_room_for_slow_requests() -> None:
    warehouse = FakeWarehouse(takes_seconds={"slow": 9.5})

    assert fetch(warehouse, ["slow", "next"], max_concurrency=1) == {"slow": 4, "next": 4}


# --- Failure cleanup -------------------------------------------------------------------------


def test_a_failure_cancels_the_requests_still_running() -> None:
    warehouse = FakeWarehouse(scripts={"broken": [404]})
    warehouse.holds["stuck"] = asyncio.Event()  # never set: only cancellation ends it

    async def go() -> tuple[int, list[str]]:
        async with warehouse.client() as http:
            client = StockClient(http, sleep=warehouse.clock.sleep, clock=warehouse.clock)
            with pytest.raises(httpx.HTTPStatusError):
                await client.fetch_levels(["stuck", "broken"])
            return warehouse.in_flight, list(warehouse.cancelled)

    assert run(go()) == (0, ["stuck"])
