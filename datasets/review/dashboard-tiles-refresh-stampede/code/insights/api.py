"""HTTP endpoints of the merchant dashboard."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel

from insights.cache import TileCache
from insights.service import DashboardService, TileKey, TileView, UnknownTile
from insights.tiles import Tile, TileQueries

FRESH_SECONDS = 5 * 60
KEEP_SECONDS = 60 * 60

router = APIRouter()


@dataclass(frozen=True)
class Principal:
    """The authenticated dashboard user; set on `request.state` by the auth middleware."""

    user_id: str
    merchant_id: str


class TileResponse(BaseModel):
    name: str
    title: str
    stale: bool
    data: dict[str, object]


def current_principal(request: Request) -> Principal:
    principal = getattr(request.state, "principal", None)
    if not isinstance(principal, Principal):
        raise HTTPException(status_code=401)
    return principal


def dashboard(request: Request) -> DashboardService:
    service: DashboardService = request.app.state.dashboard
    return service


@router.get("/merchants/{merchant_id}/tiles")
def list_tiles(
    merchant_id: str,
    principal: Annotated[Principal, Depends(current_principal)],
    service: Annotated[DashboardService, Depends(dashboard)],
) -> list[str]:
    if principal.merchant_id != merchant_id:
        raise HTTPException(status_code=404)
    return service.tile_names()


@router.get("/merchants/{merchant_id}/dashboard")
def read_dashboard(
    merchant_id: str,
    principal: Annotated[Principal, Depends(current_principal)],
    service: Annotated[DashboardService, Depends(dashboard)],
) -> list[TileResponse]:
    if principal.merchant_id != merchant_id:
        raise HTTPException(status_code=404)
    return [_response(view) for view in service.dashboard(merchant_id).values()]


@router.get("/merchants/{merchant_id}/tiles/{name}")
def read_tile(
    merchant_id: str,
    name: str,
    principal: Annotated[Principal, Depends(current_principal)],
    service: Annotated[DashboardService, Depends(dashboard)],
) -> TileResponse:
    if principal.merchant_id != merchant_id:
        raise HTTPException(status_code=404)
    try:
        view = service.tile(merchant_id, name)
    except UnknownTile:
        raise HTTPException(status_code=404, detail=f"no tile {name!r}") from None
    return _response(view)


def _response(view: TileView) -> TileResponse:
    tile = view.tile
    return TileResponse(name=tile.name, title=tile.title, stale=view.stale, data=dict(tile.data))


def install(app: FastAPI, database_path: str) -> ThreadPoolExecutor:
    """Wire the dashboard into the app at startup.

    Returns the executor that runs background tile refreshes; the app's lifespan shuts it down.
    """

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(database_path)

    cache: TileCache[TileKey, Tile] = TileCache(FRESH_SECONDS, KEEP_SECONDS)
    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="tile-refresh")
    app.state.dashboard = DashboardService(cache, TileQueries(connect).computers(), executor)
    app.include_router(router)
    return executor
