"""FastAPI wiring: one token bucket per API key, 429 with Retry-After when empty."""

import math
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, status

from ratelimit.bucket import TokenBucket


class RateLimiter:
    """A FastAPI dependency holding the per-key buckets of one app."""

    def __init__(self, capacity: float, refill_rate: float, clock: Callable[[], float]) -> None:
        self._capacity = capacity
        self._refill_rate = refill_rate
        self._clock = clock
        self._buckets: dict[str, TokenBucket] = {}

    def __call__(self, x_api_key: Annotated[str | None, Header()] = None) -> None:
        if x_api_key is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="missing API key")
        bucket = self._bucket_for(x_api_key)
        if not bucket.try_acquire():
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                detail="rate limit exceeded",
                headers={"Retry-After": str(math.ceil(bucket.wait_time()))},
            )

    def _bucket_for(self, api_key: str) -> TokenBucket:
        if api_key not in self._buckets:
            self._buckets[api_key] = TokenBucket(self._capacity, self._refill_rate, self._clock)
        return self._buckets[api_key]


def create_app(
    capacity: float, refill_rate: float, clock: Callable[[], float] = time.monotonic
) -> FastAPI:
    app = FastAPI()
    rate_limited = Depends(RateLimiter(capacity, refill_rate, clock))

    @app.get("/ping", dependencies=[rate_limited])
    def ping() -> dict[str, str]:
        return {"status": "ok"}

    return app
