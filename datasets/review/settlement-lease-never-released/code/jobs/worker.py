"""The settlement worker: every replica runs this loop, and the lease makes sure only one of
them settles at a time (two concurrent passes could both see a day as unsettled)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from datetime import date

from jobs.leases import LeaseStore
from jobs.runner import ExclusiveRunner, RunResult
from jobs.settlement import SettlementJob

PASS_INTERVAL_SECONDS = 600.0
SETTLEMENT_LEASE = "settlement"
log = logging.getLogger(__name__)


def worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


class SettlementWorker:
    def __init__(
        self,
        leases: LeaseStore,
        job: SettlementJob,
        holder: str | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._runner = ExclusiveRunner(leases, holder or worker_id(), sleep=sleep)
        self._job = job
        self._sleep = sleep

    async def run_pass(self) -> RunResult[list[date]]:
        result = await self._runner.run(SETTLEMENT_LEASE, self._job.settle_pending)
        if result.ran:
            settled = ", ".join(day.isoformat() for day in result.value or []) or "nothing"
            log.info("settlement pass done, settled %s", settled)
        return result

    async def run_forever(self) -> None:
        while True:
            try:
                await self.run_pass()
            except Exception:
                log.exception("settlement pass failed; retrying next interval")
            await self._sleep(PASS_INTERVAL_SECONDS)
