"""The ticketing endpoints: create events, hold seats, buy a hold, release it, list an event."""

import sqlite3
from datetime import datetime, timedelta

from .errors import HoldExpired, InvalidRequest, SeatUnavailable
from .mailer import Mailer
from .models import (
    EARLY_BIRD_DAYS,
    EARLY_BIRD_PERCENT,
    HOLD_MINUTES,
    SURGE_PERCENT,
    SURGE_SOLD_SHARE_PERCENT,
    TIER_PERCENT,
    Event,
    Hold,
    format_cents,
)

MAX_SEATS_PER_HOLD = 8


def create_event(conn: sqlite3.Connection, name: str, starts_at: datetime, base_cents: int,
                 seats: dict[str, str]) -> int:
    """A new event with its seat map (`seat id -> tier`); returns the event id."""
    if not name.strip():
        raise InvalidRequest("event name is empty")
    if not isinstance(base_cents, int) or isinstance(base_cents, bool) or base_cents <= 0:
        raise InvalidRequest("base price must be a positive number of cents")
    unknown = sorted({tier for tier in seats.values() if tier not in TIER_PERCENT})
    if unknown:
        raise InvalidRequest(f"unknown tier {unknown[0]!r}")
    cursor = conn.execute(
        "INSERT INTO events (name, starts_at, base_cents) VALUES (?, ?, ?)",
        (name.strip(), starts_at.isoformat(), base_cents),
    )
    event_id = cursor.lastrowid
    conn.executemany(
        "INSERT INTO seats (event_id, seat_id, tier) VALUES (?, ?, ?)",
        [(event_id, seat_id, tier) for seat_id, tier in sorted(seats.items())],
    )
    conn.commit()
    return event_id


def hold_seats(conn: sqlite3.Connection, event_id: int, seat_ids: list[str], email: str,
               now: datetime, mailer: Mailer) -> dict[str, object]:
    """Hold free seats for HOLD_MINUTES at today's prices and email the customer."""
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise InvalidRequest(f"bad email {email!r}")
    if not seat_ids:
        raise InvalidRequest("no seats requested")
    if len(seat_ids) > MAX_SEATS_PER_HOLD:
        raise InvalidRequest(f"at most {MAX_SEATS_PER_HOLD} seats per hold")
    if len(set(seat_ids)) != len(seat_ids):
        raise InvalidRequest("a seat is requested twice")
    event = Event.load(conn, event_id)
    if now >= event.starts_at:
        raise InvalidRequest("the event has started")
    total = 0
    for seat_id in seat_ids:
        row = conn.execute(
            "SELECT tier, status FROM seats WHERE event_id = ? AND seat_id = ?",
            (event_id, seat_id),
        ).fetchone()
        if row is None:
            raise SeatUnavailable(f"seat {seat_id} does not exist")
        if row[1] != "free":
            raise SeatUnavailable(f"seat {seat_id} is {row[1]}")
        total += event.price_for(conn, row[0], now)
    cursor = conn.execute(
        "INSERT INTO holds (event_id, email, created_at, total_cents) VALUES (?, ?, ?, ?)",
        (event_id, email, now.isoformat(), total),
    )
    hold_id = cursor.lastrowid
    conn.executemany(
        "UPDATE seats SET status = 'held', hold_id = ? WHERE event_id = ? AND seat_id = ?",
        [(hold_id, event_id, seat_id) for seat_id in seat_ids],
    )
    conn.commit()
    hold = Hold.load(conn, hold_id)
    hold.send_confirmation(conn, mailer)
    return {"hold_id": hold_id, "seats": sorted(seat_ids), "total_cents": total,
            "expires_at": (now + timedelta(minutes=HOLD_MINUTES)).isoformat()}


def purchase(conn: sqlite3.Connection, hold_id: int, now: datetime,
             mailer: Mailer) -> dict[str, object]:
    """Turn an active hold into an order at the held price and email the receipt."""
    hold = Hold.load(conn, hold_id)
    if hold.status != "active":
        raise HoldExpired(f"hold {hold_id} is {hold.status}")
    if now >= hold.created_at + timedelta(minutes=HOLD_MINUTES):
        hold.free_seats(conn, "expired")
        conn.commit()
        _tell_waitlist(conn, hold.event_id, mailer)
        raise HoldExpired(f"hold {hold_id} expired at {hold.expires_at.isoformat()}")
    seats = hold.seat_ids(conn)
    conn.execute("UPDATE seats SET status = 'sold' WHERE hold_id = ?", (hold_id,))
    conn.execute("UPDATE holds SET status = 'purchased' WHERE id = ?", (hold_id,))
    cursor = conn.execute(
        "INSERT INTO orders (hold_id, email, total_cents, created_at) VALUES (?, ?, ?, ?)",
        (hold_id, hold.email, hold.total_cents, now.isoformat()),
    )
    conn.commit()
    event = Event.load(conn, hold.event_id)
    mailer.send(
        hold.email,
        f"Your tickets for {event.name}",
        f"Order {cursor.lastrowid}: seats {', '.join(seats)} for "
        f"{event.starts_at:%Y-%m-%d %H:%M} UTC. Paid: {format_cents(hold.total_cents)}.",
    )
    return {"order_id": cursor.lastrowid, "seats": seats, "total_cents": hold.total_cents}


def release(conn: sqlite3.Connection, hold_id: int, mailer: Mailer) -> None:
    """The customer gives the seats back before the hold runs out."""
    hold = Hold.load(conn, hold_id)
    if hold.status != "active":
        raise HoldExpired(f"hold {hold_id} is {hold.status}")
    hold.free_seats(conn, "released")
    conn.commit()
    _tell_waitlist(conn, hold.event_id, mailer)


def join_waitlist(conn: sqlite3.Connection, event_id: int, email: str) -> bool:
    """Ask to be told once when seats free up; False if already on the list."""
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise InvalidRequest(f"bad email {email!r}")
    Event.load(conn, event_id)
    cursor = conn.execute(
        "INSERT OR IGNORE INTO waitlist (event_id, email) VALUES (?, ?)", (event_id, email)
    )
    conn.commit()
    return cursor.rowcount == 1


def _tell_waitlist(conn: sqlite3.Connection, event_id: int, mailer: Mailer) -> None:
    event = Event.load(conn, event_id)
    rows = conn.execute(
        "SELECT email FROM waitlist WHERE event_id = ? AND notified = 0 ORDER BY email",
        (event_id,),
    ).fetchall()
    for (email,) in rows:
        conn.execute("UPDATE waitlist SET notified = 1 WHERE event_id = ? AND email = ?",
                     (event_id, email))
        conn.commit()
        mailer.send(email, f"Seats available: {event.name}",
                    "Seats you were waiting for are back on sale.")


def event_summary(conn: sqlite3.Connection, event_id: int, now: datetime) -> dict[str, object]:
    """Free seats and today's price per tier (only tiers the event has)."""
    event = Event.load(conn, event_id)
    rows = conn.execute(
        "SELECT tier, status FROM seats WHERE event_id = ?", (event_id,)
    ).fetchall()
    capacity = len(rows)
    sold = sum(1 for _tier, status in rows if status == "sold")
    prices = {}
    for tier in sorted({tier for tier, _status in rows}):
        price = event.base_cents * TIER_PERCENT[tier] // 100
        if capacity and sold * 100 >= capacity * SURGE_SOLD_SHARE_PERCENT:
            price = price * SURGE_PERCENT // 100
        if (event.starts_at - now).days >= EARLY_BIRD_DAYS:
            price = price * EARLY_BIRD_PERCENT // 100
        prices[tier] = price
    free = sum(1 for _tier, status in rows if status == "free")
    return {"event_id": event.id, "name": event.name, "free_seats": free, "sold_seats": sold,
            "prices": prices}


def hold_status(conn: sqlite3.Connection, hold_id: int, now: datetime) -> dict[str, object]:
    """What the checkout page polls: the hold's status and the whole seconds it has left.

    A hold past its time that the cron job has not reached yet already reads as expired.
    """
    hold = Hold.load(conn, hold_id)
    expires_at = hold.created_at + timedelta(minutes=HOLD_MINUTES)
    status = hold.status
    if status == "active" and now >= expires_at:
        status = "expired"
    seconds_left = 0
    if status == "active":
        seconds_left = int((expires_at - now).total_seconds())
    return {"hold_id": hold.id, "status": status, "seats": hold.seat_ids(conn),
            "expires_at": expires_at.isoformat(), "seconds_left": seconds_left}
