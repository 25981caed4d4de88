"""Public leaderboard endpoints of the game's API."""

from __future__ import annotations

import sqlite3
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from pydantic import BaseModel

from arena.leaderboard import CachedLeaderboard
from arena.standings import BOARD_SIZE, Standing, StandingsQuery
from arena.store import KeyValueStore

router = APIRouter()


class StandingOut(BaseModel):
    rank: int
    player_id: int
    handle: str
    wins: int
    losses: int
    win_rate: float

    @classmethod
    def of(cls, standing: Standing) -> StandingOut:
        return cls(
            rank=standing.rank,
            player_id=standing.player_id,
            handle=standing.handle,
            wins=standing.wins,
            losses=standing.losses,
            win_rate=round(standing.win_rate, 3),
        )


def leaderboard(request: Request) -> CachedLeaderboard:
    board: CachedLeaderboard = request.app.state.leaderboard
    return board


@router.get("/seasons/{season_id}/leaderboard")
def read_leaderboard(
    season_id: int,
    board: Annotated[CachedLeaderboard, Depends(leaderboard)],
    limit: Annotated[int, Query(ge=1, le=BOARD_SIZE)] = 25,
    offset: Annotated[int, Query(ge=0, le=BOARD_SIZE)] = 0,
) -> list[StandingOut]:
    standings = board.top(season_id)
    return [StandingOut.of(s) for s in standings[offset : offset + limit]]


@router.get("/seasons/{season_id}/leaderboard/players/{player_id}")
def read_player_rank(
    season_id: int,
    player_id: int,
    board: Annotated[CachedLeaderboard, Depends(leaderboard)],
) -> StandingOut | None:
    """The player's line on the board; null when they are not in the top 100."""
    for standing in board.top(season_id):
        if standing.player_id == player_id:
            return StandingOut.of(standing)
    return None


def install(app: FastAPI, store: KeyValueStore, database_path: str) -> None:
    def connect() -> sqlite3.Connection:
        return sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)

    app.state.leaderboard = CachedLeaderboard(store, StandingsQuery(connect))
    app.include_router(router)
