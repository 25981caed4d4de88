"""Named leases: a lock with an expiry, held by one worker at a time across the whole fleet.

Production stores leases in Redis (`SET name token NX PX ttl`, released with a compare-and-delete
script); `InMemoryLeaseStore` has the same semantics for a single process and for tests.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Lease:
    name: str
    holder: str
    token: str
    expires_at: float


class LeaseStore(Protocol):
    async def acquire(self, name: str, holder: str, ttl_seconds: float) -> Lease | None:
        """Take the lease unless someone else holds an unexpired one; None if taken."""

    async def renew(self, lease: Lease, ttl_seconds: float) -> Lease | None:
        """Extend a lease we still hold; None if it expired and was taken by someone else."""

    async def release(self, lease: Lease) -> None:
        """Give the lease up at once, if we still hold it, so the next worker need not wait
        for it to expire."""


class InMemoryLeaseStore:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._leases: dict[str, Lease] = {}
        self._lock = asyncio.Lock()

    async def acquire(self, name: str, holder: str, ttl_seconds: float) -> Lease | None:
        async with self._lock:
            current = self._leases.get(name)
            if current is not None and current.expires_at > self._clock():
                return None
            lease = Lease(name, holder, secrets.token_hex(16), self._clock() + ttl_seconds)
            self._leases[name] = lease
            return lease

    async def renew(self, lease: Lease, ttl_seconds: float) -> Lease | None:
        async with self._lock:
            current = self._leases.get(lease.name)
            if current is None or current.token != lease.token:
                return None
            if current.expires_at <= self._clock():
                del self._leases[lease.name]
                return None
            renewed = Lease(lease.name, lease.holder, lease.token, self._clock() + ttl_seconds)
            self._leases[lease.name] = renewed
            return renewed

    async def release(self, lease: Lease) -> None:
        async with self._lock:
            current = self._leases.get(lease.name)
            if current is not None and current.token == lease.token:
                del self._leases[lease.name]

    def holder_of(self, name: str) -> str | None:
        current = self._leases.get(name)
        if current is None or current.expires_at <= self._clock():
            return None
        return current.holder
