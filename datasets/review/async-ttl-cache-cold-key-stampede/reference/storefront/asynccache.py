"""`@ttl_cache`: memoise an async function's results for a while.

The storefront's request handlers call the catalogue, pricing and stock services for every
product tile on a page; their answers change slowly, so we keep them for a minute or so:

    @ttl_cache(ttl=60.0, maxsize=10_000)
    async def product(sku: str) -> Product:
        ...

Results are keyed by the call's arguments (which must be hashable) and evicted least recently
used first once `maxsize` keys are cached. Exceptions are not cached: the next call tries again.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

Key = tuple[Hashable, ...]


@dataclass(frozen=True)
class CacheInfo:
    hits: int
    misses: int
    size: int


@dataclass(frozen=True)
class _Entry(Generic[R]):
    value: R
    expires_at: float


class _TtlCache(Generic[P, R]):
    def __init__(
        self,
        fn: Callable[P, Awaitable[R]],
        ttl: float,
        maxsize: int,
        clock: Callable[[], float],
    ) -> None:
        self._fn = fn
        self._ttl = ttl
        self._maxsize = maxsize
        self._clock = clock
        self._entries: OrderedDict[Key, _Entry[R]] = OrderedDict()
        self._loading: dict[Key, asyncio.Future[R]] = {}
        self._hits = 0
        self._misses = 0
        functools.update_wrapper(self, fn)

    async def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        key = _key(args, kwargs)
        entry = self._entries.get(key)
        if entry is not None and entry.expires_at > self._clock():
            self._entries.move_to_end(key)
            self._hits += 1
            return entry.value
        self._misses += 1
        loading = self._loading.get(key)
        if loading is None:
            loading = asyncio.ensure_future(self._fn(*args, **kwargs))
            self._loading[key] = loading
            loading.add_done_callback(functools.partial(self._loaded, key))
        return await asyncio.shield(loading)

    def _loaded(self, key: Key, loading: asyncio.Future[R]) -> None:
        if self._loading.get(key) is loading:
            del self._loading[key]
        if not loading.cancelled() and loading.exception() is None:
            self._store(key, loading.result())

    def cache_info(self) -> CacheInfo:
        return CacheInfo(self._hits, self._misses, len(self._entries))

    def invalidate(self, *args: Hashable, **kwargs: Hashable) -> None:
        """Forget the result cached for these arguments, e.g. after a price change event."""
        self._entries.pop(_key(args, kwargs), None)

    def clear(self) -> None:
        self._entries.clear()

    def _store(self, key: Key, value: R) -> None:
        self._entries[key] = _Entry(value, self._clock() + self._ttl)
        self._entries.move_to_end(key)
        while len(self._entries) > self._maxsize:
            self._entries.popitem(last=False)


def _key(args: tuple[object, ...], kwargs: dict[str, object]) -> Key:
    key: tuple[Hashable, ...] = tuple(args)
    if kwargs:
        key += (_KWARGS_MARK, *sorted(kwargs.items()))
    return key


_KWARGS_MARK = object()


def ttl_cache(
    ttl: float, maxsize: int = 1024, clock: Callable[[], float] = time.monotonic
) -> Callable[[Callable[P, Awaitable[R]]], _TtlCache[P, R]]:
    if ttl <= 0 or maxsize <= 0:
        raise ValueError("ttl and maxsize must be positive")

    def decorate(fn: Callable[P, Awaitable[R]]) -> _TtlCache[P, R]:
        return _TtlCache(fn, ttl, maxsize, clock)

    return decorate
