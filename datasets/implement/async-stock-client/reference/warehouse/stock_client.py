"""Client for the warehouse stock API, used by the nightly replenishment job.

SKUs are fetched concurrently, but never more than `max_concurrency` at once: the warehouse
API throttles clients that open more. Throttling and brief outages are retried with
exponential backoff, all within one deadline for the whole call.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence

import httpx

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
FIRST_BACKOFF = 0.1  # seconds; doubled after every failed attempt


class DeadlineExceeded(Exception):
    """The whole fetch could not finish within its deadline."""


class StockClient:
    def __init__(
        self,
        http: httpx.AsyncClient,
        max_concurrency: int = 8,
        max_attempts: int = 3,
        deadline: float = 10.0,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http  # base_url points at the warehouse API
        self._max_concurrency = max_concurrency
        self._max_attempts = max_attempts
        self._deadline = deadline
        self._sleep = sleep
        self._clock = clock

    async def fetch_levels(self, skus: Sequence[str]) -> dict[str, int]:
        """Units available per SKU, from `GET /stock/{sku}` (`{"available": n}`).

        An error response raises httpx.HTTPStatusError; a network failure raises the
        httpx.TransportError; running out of time raises DeadlineExceeded. When one SKU
        fails, the requests still running for the others are cancelled before it raises.
        """
        ends_at = self._clock() + self._deadline
        slots = asyncio.Semaphore(self._max_concurrency)
        fetches = [asyncio.ensure_future(self._fetch_one(sku, slots, ends_at)) for sku in skus]
        try:
            levels = await asyncio.gather(*fetches)
        except BaseException:
            await _cancel_all(fetches)
            raise
        return dict(zip(skus, levels))

    async def _fetch_one(self, sku: str, slots: asyncio.Semaphore, ends_at: float) -> int:
        attempt = 1
        while True:
            try:
                return await self._request(sku, slots, ends_at)
            except (httpx.TransportError, httpx.HTTPStatusError) as error:
                if attempt >= self._max_attempts or not _is_retryable(error):
                    raise
            await self._back_off(attempt, ends_at)
            attempt += 1

    async def _request(self, sku: str, slots: asyncio.Semaphore, ends_at: float) -> int:
        async with slots:
            if self._clock() > ends_at:
                raise DeadlineExceeded(f"deadline passed before fetching {sku}")
            response = await self._http.get(f"/stock/{sku}")
        response.raise_for_status()
        return int(response.json()["available"])

    async def _back_off(self, attempt: int, ends_at: float) -> None:
        delay = FIRST_BACKOFF * 2 ** (attempt - 1)
        if self._clock() + delay > ends_at:
            raise DeadlineExceeded(f"no time left for a retry after {delay}s")
        await self._sleep(delay)


def _is_retryable(error: httpx.HTTPError) -> bool:
    if isinstance(error, httpx.HTTPStatusError):
        return error.response.status_code in RETRYABLE_STATUSES
    return True  # a transport error: the request may not even have reached the API


async def _cancel_all(fetches: list["asyncio.Future[int]"]) -> None:
    """Cancels the fetches and waits for them, so none is left running after a failure."""
    for fetch in fetches:
        fetch.cancel()
    await asyncio.gather(*fetches, return_exceptions=True)
