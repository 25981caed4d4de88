"""Season standings, computed from the match results database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass

SCHEMA = """
CREATE TABLE IF NOT EXISTS players (
    id INTEGER PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS matches (
    id INTEGER PRIMARY KEY,
    season_id INTEGER NOT NULL,
    winner_id INTEGER NOT NULL REFERENCES players (id),
    loser_id INTEGER NOT NULL REFERENCES players (id),
    played_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS matches_by_season ON matches (season_id);
"""

BOARD_SIZE = 100


@dataclass(frozen=True)
class Standing:
    rank: int
    player_id: int
    handle: str
    wins: int
    losses: int

    @property
    def win_rate(self) -> float:
        played = self.wins + self.losses
        return self.wins / played if played else 0.0


def encode(standings: list[Standing]) -> bytes:
    return json.dumps([asdict(s) for s in standings]).encode()


def decode(payload: bytes) -> list[Standing]:
    return [Standing(**item) for item in json.loads(payload)]


Connect = Callable[[], sqlite3.Connection]


class StandingsQuery:
    """Top players of a season: most wins first, then fewest losses, then longest-registered.

    This scans every match of the season; late in a season that is millions of rows.
    """

    def __init__(self, connect: Connect) -> None:
        self._connect = connect

    def __call__(self, season_id: int) -> list[Standing]:
        with closing(self._connect()) as connection:
            rows = connection.execute(
                """
                WITH results AS (
                    SELECT winner_id AS player_id, 1 AS won FROM matches WHERE season_id = ?
                    UNION ALL
                    SELECT loser_id AS player_id, 0 AS won FROM matches WHERE season_id = ?
                )
                SELECT p.id, p.handle, SUM(r.won) AS wins, SUM(1 - r.won) AS losses
                FROM results r JOIN players p ON p.id = r.player_id
                GROUP BY p.id, p.handle
                ORDER BY wins DESC, losses ASC, p.id ASC
                LIMIT ?
                """,
                (season_id, season_id, BOARD_SIZE),
            ).fetchall()
        return [
            Standing(rank, player_id, handle, int(wins), int(losses))
            for rank, (player_id, handle, wins, losses) in enumerate(rows, start=1)
        ]
