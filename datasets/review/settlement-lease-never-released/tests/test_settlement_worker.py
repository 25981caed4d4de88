import asyncio
import warnings
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TypeVar

import pytest

from jobs.leases import InMemoryLeaseStore
from jobs.memory import InMemoryLedger, InMemoryPayoutBook
from jobs.runner import ExclusiveRunner
from jobs.settlement import Capture, Payout, Refund, SettlementJob
from jobs.worker import SETTLEMENT_LEASE, SettlementWorker

T = TypeVar("T")
TODAY = date(2025, 3, 14)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_741_900_000.0

    def __call__(self) -> float:
        return self.now


async def heartbeat_never_fires(seconds: float) -> None:
    await asyncio.Event().wait()  # a heartbeat that never fires during the test


def run(coroutine_fn: Callable[[], Awaitable[T]]) -> T:
    async def main() -> T:
        return await coroutine_fn()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an un-awaited coroutine must not abort
        return asyncio.run(main())


def ledger() -> InMemoryLedger:
    ledger = InMemoryLedger()
    ledger.add_capture(date(2025, 3, 13), Capture("p1", "m-coffee", 12_50, 40))
    ledger.add_capture(date(2025, 3, 13), Capture("p2", "m-coffee", 7_00, 25))
    ledger.add_capture(date(2025, 3, 13), Capture("p3", "m-books", 30_00, 90))
    ledger.add_refund(date(2025, 3, 13), Refund("r1", "m-books", 30_00))
    ledger.add_capture(date(2025, 3, 12), Capture("p4", "m-books", 5_00, 15))
    return ledger


def test_a_pass_settles_each_closed_day_once() -> None:
    book = InMemoryPayoutBook()
    job = SettlementJob(ledger(), book, today=lambda: TODAY, lookback_days=3)
    assert run(job.settle_pending) == [date(2025, 3, 11), date(2025, 3, 12), date(2025, 3, 13)]
    assert book.payouts[date(2025, 3, 13)] == [
        Payout("m-books", date(2025, 3, 13), 30_00, 90, 30_00),
        Payout("m-coffee", date(2025, 3, 13), 19_50, 65, 0),
    ]
    assert book.payouts[date(2025, 3, 13)][0].net_cents == -90
    assert book.payouts[date(2025, 3, 11)] == []
    assert run(job.settle_pending) == []


def test_only_one_worker_runs_while_the_lease_is_held() -> None:
    leases = InMemoryLeaseStore(FakeClock())

    async def scenario() -> tuple[bool, bool]:
        started, finish = asyncio.Event(), asyncio.Event()

        async def slow_job() -> None:
            started.set()
            await finish.wait()

        first = ExclusiveRunner(leases, "worker-a", sleep=heartbeat_never_fires)
        second = ExclusiveRunner(leases, "worker-b", sleep=heartbeat_never_fires)
        running = asyncio.create_task(first.run(SETTLEMENT_LEASE, slow_job))
        await started.wait()
        skipped = await second.run(SETTLEMENT_LEASE, slow_job)
        finish.set()
        return (await running).ran, skipped.ran

    assert run(scenario) == (True, False)


def test_the_next_pass_runs_as_soon_as_the_previous_one_finished() -> None:
    clock = FakeClock()
    leases = InMemoryLeaseStore(clock)
    book = InMemoryPayoutBook()
    job = SettlementJob(ledger(), book, today=lambda: TODAY, lookback_days=2)
    worker_a = SettlementWorker(leases, job, holder="worker-a", sleep=heartbeat_never_fires)
    worker_b = SettlementWorker(leases, job, holder="worker-b", sleep=heartbeat_never_fires)

    first = run(worker_a.run_pass)
    clock.now += 600  # the next pass, ten minutes later, on another replica
    second = run(worker_b.run_pass)
    assert first.ran and first.value == [date(2025, 3, 12), date(2025, 3, 13)]
    assert second.ran, "the finished pass still holds the settlement lease"
    assert leases.holder_of(SETTLEMENT_LEASE) is None


def test_a_failed_pass_gives_the_lease_up() -> None:
    leases = InMemoryLeaseStore(FakeClock())
    runner = ExclusiveRunner(leases, "worker-a", sleep=heartbeat_never_fires)

    async def broken() -> None:
        raise ConnectionError("ledger database unavailable")

    with pytest.raises(ConnectionError):
        run(lambda: runner.run(SETTLEMENT_LEASE, broken))
    assert leases.holder_of(SETTLEMENT_LEASE) is None, "a failed pass kept the lease"
