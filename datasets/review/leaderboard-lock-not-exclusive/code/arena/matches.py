"""Match results, as reported by the game servers and corrected by moderators."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from arena.leaderboard import CachedLeaderboard


class InvalidMatch(ValueError):
    pass


class UnknownMatch(LookupError):
    pass


@dataclass(frozen=True)
class Match:
    id: int
    season_id: int
    winner_id: int
    loser_id: int
    played_at: int


class MatchLog:
    def __init__(
        self,
        connection: sqlite3.Connection,
        board: CachedLeaderboard,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._connection = connection
        self._board = board
        self._clock = clock

    def record(self, season_id: int, winner_id: int, loser_id: int) -> Match:
        """Store a finished match; the board picks it up when it is next rebuilt."""
        if winner_id == loser_id:
            raise InvalidMatch("a player cannot beat themselves")
        played_at = int(self._clock())
        with self._connection:
            cursor = self._connection.execute(
                "INSERT INTO matches (season_id, winner_id, loser_id, played_at) "
                "VALUES (?, ?, ?, ?)",
                (season_id, winner_id, loser_id, played_at),
            )
        if cursor.lastrowid is None:
            raise RuntimeError("insert returned no row id")
        return Match(cursor.lastrowid, season_id, winner_id, loser_id, played_at)

    def void(self, match_id: int) -> Match:
        """Remove a match a moderator found to be cheated, and drop the cached board."""
        row = self._connection.execute(
            "SELECT id, season_id, winner_id, loser_id, played_at FROM matches WHERE id = ?",
            (match_id,),
        ).fetchone()
        if row is None:
            raise UnknownMatch(match_id)
        match = Match(*row)
        with self._connection:
            self._connection.execute("DELETE FROM matches WHERE id = ?", (match_id,))
        self._board.invalidate(match.season_id)
        return match
