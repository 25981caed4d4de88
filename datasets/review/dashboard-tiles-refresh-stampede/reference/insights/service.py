"""What the dashboard endpoints call to get a tile."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass

from insights.cache import TileCache
from insights.tiles import Tile, TileComputer

log = logging.getLogger(__name__)

TileKey = tuple[str, str]  # (merchant id, tile name)


class UnknownTile(LookupError):
    pass


@dataclass(frozen=True)
class TileView:
    tile: Tile
    computed_at: float | None
    stale: bool


class DashboardService:
    def __init__(
        self,
        cache: TileCache[TileKey, Tile],
        computers: Mapping[str, TileComputer],
        executor: Executor,
    ) -> None:
        self._cache = cache
        self._computers = dict(computers)
        self._executor = executor

    def tile_names(self) -> list[str]:
        return sorted(self._computers)

    def dashboard(self, merchant_id: str) -> dict[str, TileView]:
        """Every tile of the merchant's dashboard page, by name."""
        return {name: self.tile(merchant_id, name) for name in self.tile_names()}

    def tile(self, merchant_id: str, name: str) -> TileView:
        compute = self._computers.get(name)
        if compute is None:
            raise UnknownTile(name)
        key = (merchant_id, name)
        cached = self._cache.lookup(key)
        if cached is None:
            tile = self._cache.load(key, lambda: compute(merchant_id))
            return TileView(tile, computed_at=None, stale=False)
        if cached.stale and self._cache.begin_refresh(key):
            self._executor.submit(self._refresh, key, compute)
        return TileView(cached.value, cached.computed_at, cached.stale)

    def _refresh(self, key: TileKey, compute: TileComputer) -> None:
        merchant_id, name = key
        try:
            tile = compute(merchant_id)
        except Exception:
            log.exception("refreshing tile %s of merchant %s failed", name, merchant_id)
            self._cache.abandon_refresh(key)
            return
        self._cache.store(key, tile)
