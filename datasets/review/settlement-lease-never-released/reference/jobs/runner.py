"""Runs a job on at most one worker of the fleet at a time.

Every worker triggers the same jobs on the same schedule; the one that takes the job's lease
runs it and the others skip that round. While the job runs, a background task renews the lease
so a long run does not lose it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from jobs.leases import Lease, LeaseStore

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunResult(Generic[T]):
    job: str
    ran: bool
    value: T | None = None


class ExclusiveRunner:
    def __init__(
        self,
        leases: LeaseStore,
        holder: str,
        ttl_seconds: float = 1800.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._leases = leases
        self._holder = holder
        self._ttl = ttl_seconds
        self._sleep = sleep

    async def run(self, name: str, job: Callable[[], Awaitable[T]]) -> RunResult[T]:
        """Run `job` if this worker gets the lease `name`; otherwise skip it."""
        lease = await self._leases.acquire(name, self._holder, self._ttl)
        if lease is None:
            log.info("%s: another worker holds the lease, skipping", name)
            return RunResult(name, ran=False)
        keep_alive = asyncio.create_task(self._keep_alive(lease))
        try:
            value = await job()
        finally:
            keep_alive.cancel()
            await asyncio.gather(keep_alive, return_exceptions=True)
            await self._leases.release(lease)
        return RunResult(name, ran=True, value=value)

    async def _keep_alive(self, lease: Lease) -> None:
        while True:
            await self._sleep(self._ttl / 3)
            renewed = await self._leases.renew(lease, self._ttl)
            if renewed is None:
                log.error("%s: lease lost while the job was still running", lease.name)
                return
            lease = renewed
