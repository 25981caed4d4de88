"""The production lease store, on Redis.

A lease is a key holding the holder's random token with a TTL. Renewing and releasing must only
touch the key while it still holds our token (it may have expired and been taken by another
worker in between), so both run as Lua scripts that compare the token and act atomically.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from typing import Protocol

from jobs.leases import Lease

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


class RedisClient(Protocol):
    """The subset of redis.asyncio.Redis this store uses."""

    async def set(self, name: str, value: str, *, nx: bool, px: int) -> bool | None: ...

    async def eval(self, script: str, numkeys: int, *keys_and_args: str) -> int: ...


class RedisLeaseStore:
    def __init__(
        self,
        redis: RedisClient,
        prefix: str = "lease:",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._redis = redis
        self._prefix = prefix
        self._clock = clock

    def _key(self, name: str) -> str:
        return f"{self._prefix}{name}"

    async def acquire(self, name: str, holder: str, ttl_seconds: float) -> Lease | None:
        token = json.dumps({"holder": holder, "nonce": secrets.token_hex(16)})
        taken = await self._redis.set(self._key(name), token, nx=True, px=_ms(ttl_seconds))
        if not taken:
            return None
        return Lease(name, holder, token, self._clock() + ttl_seconds)

    async def renew(self, lease: Lease, ttl_seconds: float) -> Lease | None:
        renewed = await self._redis.eval(
            _RENEW, 1, self._key(lease.name), lease.token, str(_ms(ttl_seconds))
        )
        if not renewed:
            return None
        return Lease(lease.name, lease.holder, lease.token, self._clock() + ttl_seconds)

    async def release(self, lease: Lease) -> None:
        await self._redis.eval(_RELEASE, 1, self._key(lease.name), lease.token)


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))
