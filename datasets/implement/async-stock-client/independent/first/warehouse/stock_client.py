"""Client for the warehouse stock API, used by the nightly replenishment job.

`fetch_levels` fetches SKUs concurrently, with at most `max_concurrency` requests in flight:
a request slot is taken for each request and given back as soon as it finishes (also while a
SKU waits out a retry backoff), so one slow SKU never holds up the rest. Throttling and
transient failures (429, 502, 503, 504, transport errors) are retried with exponential
backoff, within one overall deadline for the whole call. If a SKU fails for good, every other
request of the call is cancelled, and has stopped, before its error is raised.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence

import httpx

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
FIRST_BACKOFF = 0.1  # seconds after the first failed attempt; doubles after each further one


class DeadlineExceeded(Exception):
    """`fetch_levels` ran out of its overall deadline before every SKU was fetched."""


class StockClient:
    def __init__(
        self,
        http: httpx.AsyncClient,
        max_concurrency: int = 8,
        max_attempts: int = 3,
        deadline: float = 10,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self._http = http  # base_url points at the warehouse API
        self._max_concurrency = max_concurrency
        self._max_attempts = max_attempts
        self._deadline = deadline
        self._sleep = sleep
        self._clock = clock

    async def fetch_levels(self, skus: Sequence[str]) -> dict[str, int]:
        """Units available per SKU, from `GET /stock/{sku}` (`{"available": n}`).

        An error response raises httpx.HTTPStatusError; a network failure raises the
        httpx.TransportError (after retries, for the retryable ones). Running out of the
        overall deadline raises DeadlineExceeded. When one SKU fails, the other requests are
        cancelled and have finished before the error is raised.
        """
        wanted = list(dict.fromkeys(skus))
        if not wanted:
            return {}
        deadline_at = self._clock() + self._deadline
        slots = asyncio.Semaphore(self._max_concurrency)
        levels: dict[str, int] = {}
        running: set[asyncio.Task[None]] = set()
        failures: list[BaseException] = []
        failed = asyncio.Event()

        def finished(task: asyncio.Task[None]) -> None:
            running.discard(task)
            if not task.cancelled() and (error := task.exception()) is not None:
                failures.append(error)
                failed.set()

        try:
            for sku in wanted:
                # A task is only created once a request slot is free for it, so a long SKU
                # list doesn't turn into tens of thousands of waiting tasks.
                if not await self._take_slot(slots, failed):
                    break
                task = asyncio.create_task(self._fetch_sku(sku, slots, deadline_at, levels))
                running.add(task)
                task.add_done_callback(finished)
            while running and not failed.is_set():
                await asyncio.wait(set(running), return_when=asyncio.FIRST_EXCEPTION)
        finally:
            # On a failure (or if we are cancelled ourselves) stop every request still going,
            # and wait until they have actually stopped.
            leftovers = set(running)
            for task in leftovers:
                task.cancel()
            if leftovers:
                await asyncio.gather(*leftovers, return_exceptions=True)
        if failures:
            raise failures[0]
        return {sku: levels[sku] for sku in wanted}

    async def _take_slot(self, slots: asyncio.Semaphore, failed: asyncio.Event) -> bool:
        """Takes a request slot; False (holding none) if a SKU fails for good meanwhile."""
        if failed.is_set():
            return False
        if not slots.locked():
            await slots.acquire()  # a slot is free: doesn't block
            return True
        acquire = asyncio.ensure_future(slots.acquire())
        stop = asyncio.ensure_future(failed.wait())
        try:
            await asyncio.wait({acquire, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
            if not acquire.done():
                acquire.cancel()
        if acquire.done() and not acquire.cancelled():
            if not failed.is_set():
                return True
            slots.release()
        return False

    async def _fetch_sku(
        self,
        sku: str,
        slots: asyncio.Semaphore,
        deadline_at: float,
        levels: dict[str, int],
    ) -> None:
        """Fetches one SKU into `levels`, with retries. Starts holding a request slot."""
        attempt = 1
        while True:
            try:
                try:
                    if self._clock() > deadline_at:
                        raise DeadlineExceeded(
                            f"deadline of {self._deadline}s passed before fetching {sku!r}"
                        )
                    levels[sku] = await self._fetch_one(sku)
                    return
                finally:
                    slots.release()
            except (httpx.HTTPStatusError, httpx.TransportError) as error:
                if not _retryable(error) or attempt >= self._max_attempts:
                    raise
                delay = FIRST_BACKOFF * 2 ** (attempt - 1)
                if self._clock() + delay > deadline_at:
                    raise DeadlineExceeded(
                        f"deadline of {self._deadline}s leaves no time to retry {sku!r}"
                    ) from error
                await self._sleep(delay)
                await slots.acquire()
                attempt += 1

    async def _fetch_one(self, sku: str) -> int:
        response = await self._http.get(f"/stock/{sku}")
        response.raise_for_status()
        return int(response.json()["available"])


def _retryable(error: httpx.HTTPError) -> bool:
    if isinstance(error, httpx.TransportError):
        return True
    return isinstance(error, httpx.HTTPStatusError) and (
        error.response.status_code in RETRYABLE_STATUSES
    )
