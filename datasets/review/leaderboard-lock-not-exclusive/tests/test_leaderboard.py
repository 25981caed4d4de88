import sqlite3
import threading
from pathlib import Path

from arena.leaderboard import CachedLeaderboard
from arena.matches import MatchLog
from arena.standings import SCHEMA, Standing, StandingsQuery
from arena.store import MemoryStore

BOARD = [Standing(1, 7, "zed", 12, 3), Standing(2, 4, "ann", 10, 1)]
SAFETY = 10.0  # seconds; only reached if the code under test deadlocks


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class SlowQuery:
    """The standings query; the first run blocks until the test releases it."""

    def __init__(self) -> None:
        self.runs = 0
        self.changed = threading.Condition()
        self.release = threading.Event()

    def __call__(self, season_id: int) -> list[Standing]:
        with self.changed:
            self.runs += 1
            first = self.runs == 1
            self.changed.notify_all()
        if first:
            self.release.wait(SAFETY)
        return BOARD


def test_board_is_computed_once_and_then_served_from_the_store() -> None:
    store = MemoryStore(Clock())
    runs: list[int] = []

    def query(season_id: int) -> list[Standing]:
        runs.append(season_id)
        return BOARD

    board = CachedLeaderboard(store, query, worker_id="w1")
    assert board.top(3) == BOARD
    assert CachedLeaderboard(store, query, worker_id="w2").top(3) == BOARD
    assert runs == [3]


def test_expired_board_is_recomputed() -> None:
    clock = Clock()
    store = MemoryStore(clock)
    runs: list[int] = []

    def query(season_id: int) -> list[Standing]:
        runs.append(season_id)
        return BOARD

    board = CachedLeaderboard(store, query, ttl_seconds=30)
    board.top(3)
    clock.now += 31
    board.top(3)
    assert runs == [3, 3]


def test_workers_wait_for_the_rebuild_instead_of_running_the_query_again() -> None:
    store = MemoryStore(Clock())
    query = SlowQuery()
    first_done = threading.Event()
    waiting = threading.Event()

    def sleep(seconds: float) -> None:
        with query.changed:
            waiting.set()
            query.changed.notify_all()
        first_done.wait(SAFETY)

    results: dict[str, list[Standing]] = {}

    def serve(worker: str) -> None:
        board = CachedLeaderboard(store, query, sleep=sleep, worker_id=worker)
        results[worker] = board.top(9)
        if worker == "w1":
            first_done.set()

    first = threading.Thread(target=serve, args=("w1",))
    first.start()
    with query.changed:
        assert query.changed.wait_for(lambda: query.runs == 1, SAFETY)
    second = threading.Thread(target=serve, args=("w2",))
    second.start()
    with query.changed:
        query.changed.wait_for(lambda: query.runs == 2 or waiting.is_set(), SAFETY)
    query.release.set()
    first.join(SAFETY)
    second.join(SAFETY)
    assert results == {"w1": BOARD, "w2": BOARD}
    assert query.runs == 1, "a second worker ran the standings query while it was being rebuilt"


def test_standings_rank_by_wins_then_losses(tmp_path: Path) -> None:
    path = tmp_path / "arena.db"
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA)
    connection.executemany(
        "INSERT INTO players (id, handle) VALUES (?, ?)", [(1, "ann"), (2, "bob"), (3, "cy")]
    )
    connection.commit()
    store = MemoryStore(Clock())
    board = CachedLeaderboard(store, StandingsQuery(lambda: sqlite3.connect(path)))
    matches = MatchLog(connection, board, clock=lambda: 1_700_000_000.0)
    for winner, loser in [(1, 2), (1, 3), (2, 3), (3, 2)]:
        matches.record(5, winner, loser)
    cheated = matches.record(5, 3, 1)
    assert [(s.handle, s.wins, s.losses) for s in board.top(5)] == [
        ("ann", 2, 1), ("cy", 2, 2), ("bob", 1, 2)
    ]  # fmt: skip
    matches.void(cheated.id)
    assert [(s.rank, s.handle, s.wins, s.losses) for s in board.top(5)] == [
        (1, "ann", 2, 0), (2, "bob", 1, 2), (3, "cy", 1, 2)
    ]  # fmt: skip
    connection.close()
