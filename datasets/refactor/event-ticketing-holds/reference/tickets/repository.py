"""All of the SQL. Functions take the caller's connection; callers decide when to commit."""

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from .errors import NotFound
from .models import Event, Hold


def load_event(conn: sqlite3.Connection, event_id: int) -> Event:
    row = conn.execute(
        "SELECT id, name, starts_at, base_cents FROM events WHERE id = ?", (event_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"event {event_id} not found")
    return Event(row[0], row[1], datetime.fromisoformat(row[2]), row[3])


def load_hold(conn: sqlite3.Connection, hold_id: int) -> Hold:
    row = conn.execute(
        "SELECT id, event_id, email, created_at, total_cents, status FROM holds WHERE id = ?",
        (hold_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"hold {hold_id} not found")
    return _hold(row)


def _hold(row: tuple[int, int, str, str, int, str]) -> Hold:
    return Hold(row[0], row[1], row[2], datetime.fromisoformat(row[3]), row[4], row[5])


def active_holds(conn: sqlite3.Connection) -> list[Hold]:
    rows = conn.execute(
        "SELECT id, event_id, email, created_at, total_cents, status FROM holds"
        " WHERE status = 'active' ORDER BY id"
    ).fetchall()
    return [_hold(row) for row in rows]


def insert_event(conn: sqlite3.Connection, name: str, starts_at: datetime, base_cents: int,
                 seats: dict[str, str]) -> int:
    cursor = conn.execute(
        "INSERT INTO events (name, starts_at, base_cents) VALUES (?, ?, ?)",
        (name, starts_at.isoformat(), base_cents),
    )
    event_id = cursor.lastrowid
    assert event_id is not None
    conn.executemany(
        "INSERT INTO seats (event_id, seat_id, tier) VALUES (?, ?, ?)",
        [(event_id, seat_id, tier) for seat_id, tier in sorted(seats.items())],
    )
    return event_id


def event_seats(conn: sqlite3.Connection, event_id: int) -> list[tuple[str, str]]:
    """(tier, status) of every seat of the event."""
    rows = conn.execute("SELECT tier, status FROM seats WHERE event_id = ?", (event_id,))
    return [(tier, status) for tier, status in rows]


def seat(conn: sqlite3.Connection, event_id: int, seat_id: str) -> tuple[str, str] | None:
    """(tier, status) of one seat, or None when the event has no such seat."""
    row = conn.execute(
        "SELECT tier, status FROM seats WHERE event_id = ? AND seat_id = ?", (event_id, seat_id)
    ).fetchone()
    return None if row is None else (row[0], row[1])


def insert_hold(conn: sqlite3.Connection, event_id: int, email: str, created_at: datetime,
                total_cents: int, seat_ids: Iterable[str]) -> int:
    cursor = conn.execute(
        "INSERT INTO holds (event_id, email, created_at, total_cents) VALUES (?, ?, ?, ?)",
        (event_id, email, created_at.isoformat(), total_cents),
    )
    hold_id = cursor.lastrowid
    assert hold_id is not None
    conn.executemany(
        "UPDATE seats SET status = 'held', hold_id = ? WHERE event_id = ? AND seat_id = ?",
        [(hold_id, event_id, seat_id) for seat_id in seat_ids],
    )
    return hold_id


def hold_seat_ids(conn: sqlite3.Connection, hold_id: int) -> list[str]:
    rows = conn.execute(
        "SELECT seat_id FROM seats WHERE hold_id = ? ORDER BY seat_id", (hold_id,)
    ).fetchall()
    return [row[0] for row in rows]


def end_hold(conn: sqlite3.Connection, hold_id: int, status: str) -> None:
    """Close the hold with `status` and put its seats back on sale."""
    conn.execute("UPDATE seats SET status = 'free', hold_id = NULL WHERE hold_id = ?",
                 (hold_id,))
    conn.execute("UPDATE holds SET status = ? WHERE id = ?", (status, hold_id))


def sell_hold(conn: sqlite3.Connection, hold: Hold, now: datetime) -> int:
    """Mark the hold's seats sold and record the order; returns the order id."""
    conn.execute("UPDATE seats SET status = 'sold' WHERE hold_id = ?", (hold.id,))
    conn.execute("UPDATE holds SET status = 'purchased' WHERE id = ?", (hold.id,))
    cursor = conn.execute(
        "INSERT INTO orders (hold_id, email, total_cents, created_at) VALUES (?, ?, ?, ?)",
        (hold.id, hold.email, hold.total_cents, now.isoformat()),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def add_to_waitlist(conn: sqlite3.Connection, event_id: int, email: str) -> bool:
    cursor = conn.execute(
        "INSERT OR IGNORE INTO waitlist (event_id, email) VALUES (?, ?)", (event_id, email)
    )
    return cursor.rowcount == 1


def waiting_emails(conn: sqlite3.Connection, event_id: int) -> list[str]:
    rows = conn.execute(
        "SELECT email FROM waitlist WHERE event_id = ? AND notified = 0 ORDER BY email",
        (event_id,),
    ).fetchall()
    return [row[0] for row in rows]


def mark_notified(conn: sqlite3.Connection, event_id: int, email: str) -> None:
    conn.execute("UPDATE waitlist SET notified = 1 WHERE event_id = ? AND email = ?",
                 (event_id, email))
