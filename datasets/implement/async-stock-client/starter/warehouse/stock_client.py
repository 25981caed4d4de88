"""Client for the warehouse stock API, used by the nightly replenishment job."""

from collections.abc import Sequence

import httpx


class StockClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http  # base_url points at the warehouse API

    async def fetch_levels(self, skus: Sequence[str]) -> dict[str, int]:
        """Units available per SKU, from `GET /stock/{sku}` (`{"available": n}`).

        An error response raises httpx.HTTPStatusError; a network failure raises the
        httpx.TransportError.
        """
        levels: dict[str, int] = {}
        for sku in skus:
            levels[sku] = await self._fetch_one(sku)
        return levels

    async def _fetch_one(self, sku: str) -> int:
        response = await self._http.get(f"/stock/{sku}")
        response.raise_for_status()
        return int(response.json()["available"])
