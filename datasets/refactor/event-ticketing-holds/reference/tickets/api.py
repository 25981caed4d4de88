"""The ticketing endpoints: create events, hold seats, buy a hold, release it, list an event.

Handlers check the request and order the steps; prices come from `pricing`, the hold rule
from `holds`, the SQL from `repository` and every email from `notifications`.
"""

import sqlite3
from datetime import datetime

from . import notifications, repository
from .errors import HoldExpired, InvalidRequest, SeatUnavailable
from .holds import expires_at, is_expired
from .mailer import Mailer
from .models import Event
from .pricing import TIER_PERCENT, seat_price
from .waitlist import tell_waitlist

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
    event_id = repository.insert_event(conn, name.strip(), starts_at, base_cents, seats)
    conn.commit()
    return event_id


def _check_email(email: str) -> None:
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise InvalidRequest(f"bad email {email!r}")


def _check_seat_request(seat_ids: list[str]) -> None:
    if not seat_ids:
        raise InvalidRequest("no seats requested")
    if len(seat_ids) > MAX_SEATS_PER_HOLD:
        raise InvalidRequest(f"at most {MAX_SEATS_PER_HOLD} seats per hold")
    if len(set(seat_ids)) != len(seat_ids):
        raise InvalidRequest("a seat is requested twice")


def _current_price(conn: sqlite3.Connection, event: Event, tier: str, now: datetime) -> int:
    seats = repository.event_seats(conn, event.id)
    sold = sum(1 for _tier, status in seats if status == "sold")
    return seat_price(event.base_cents, tier, sold, len(seats), (event.starts_at - now).days)


def _held_total(conn: sqlite3.Connection, event: Event, seat_ids: list[str],
                now: datetime) -> int:
    """The price of the requested seats, once each is known to be free."""
    total = 0
    for seat_id in seat_ids:
        found = repository.seat(conn, event.id, seat_id)
        if found is None:
            raise SeatUnavailable(f"seat {seat_id} does not exist")
        tier, status = found
        if status != "free":
            raise SeatUnavailable(f"seat {seat_id} is {status}")
        total += _current_price(conn, event, tier, now)
    return total


def hold_seats(conn: sqlite3.Connection, event_id: int, seat_ids: list[str], email: str,
               now: datetime, mailer: Mailer) -> dict[str, object]:
    """Hold free seats for HOLD_MINUTES at today's prices and email the customer."""
    _check_email(email)
    _check_seat_request(seat_ids)
    event = repository.load_event(conn, event_id)
    if now >= event.starts_at:
        raise InvalidRequest("the event has started")
    total = _held_total(conn, event, seat_ids, now)
    hold_id = repository.insert_hold(conn, event_id, email, now, total, seat_ids)
    conn.commit()
    hold = repository.load_hold(conn, hold_id)
    notifications.hold_confirmation(mailer, hold, repository.hold_seat_ids(conn, hold_id),
                                    expires_at(hold.created_at))
    return {"hold_id": hold_id, "seats": sorted(seat_ids), "total_cents": total,
            "expires_at": expires_at(now).isoformat()}


def purchase(conn: sqlite3.Connection, hold_id: int, now: datetime,
             mailer: Mailer) -> dict[str, object]:
    """Turn an active hold into an order at the held price and email the receipt."""
    hold = repository.load_hold(conn, hold_id)
    if hold.status != "active":
        raise HoldExpired(f"hold {hold_id} is {hold.status}")
    if is_expired(hold.created_at, now):
        repository.end_hold(conn, hold_id, "expired")
        conn.commit()
        tell_waitlist(conn, hold.event_id, mailer)
        raise HoldExpired(f"hold {hold_id} expired at {expires_at(hold.created_at).isoformat()}")
    seats = repository.hold_seat_ids(conn, hold_id)
    order_id = repository.sell_hold(conn, hold, now)
    conn.commit()
    event = repository.load_event(conn, hold.event_id)
    notifications.receipt(mailer, hold, event, order_id, seats)
    return {"order_id": order_id, "seats": seats, "total_cents": hold.total_cents}


def release(conn: sqlite3.Connection, hold_id: int, mailer: Mailer) -> None:
    """The customer gives the seats back before the hold runs out."""
    hold = repository.load_hold(conn, hold_id)
    if hold.status != "active":
        raise HoldExpired(f"hold {hold_id} is {hold.status}")
    repository.end_hold(conn, hold_id, "released")
    conn.commit()
    tell_waitlist(conn, hold.event_id, mailer)


def join_waitlist(conn: sqlite3.Connection, event_id: int, email: str) -> bool:
    """Ask to be told once when seats free up; False if already on the list."""
    _check_email(email)
    repository.load_event(conn, event_id)
    added = repository.add_to_waitlist(conn, event_id, email)
    conn.commit()
    return added


def event_summary(conn: sqlite3.Connection, event_id: int, now: datetime) -> dict[str, object]:
    """Free seats and today's price per tier (only tiers the event has)."""
    event = repository.load_event(conn, event_id)
    seats = repository.event_seats(conn, event_id)
    sold = sum(1 for _tier, status in seats if status == "sold")
    days_left = (event.starts_at - now).days
    prices = {tier: seat_price(event.base_cents, tier, sold, len(seats), days_left)
              for tier in sorted({tier for tier, _status in seats})}
    free = sum(1 for _tier, status in seats if status == "free")
    return {"event_id": event.id, "name": event.name, "free_seats": free, "sold_seats": sold,
            "prices": prices}


def hold_status(conn: sqlite3.Connection, hold_id: int, now: datetime) -> dict[str, object]:
    """What the checkout page polls: the hold's status and the whole seconds it has left.

    A hold past its time that the cron job has not reached yet already reads as expired.
    """
    hold = repository.load_hold(conn, hold_id)
    ends = expires_at(hold.created_at)
    status = hold.status
    if status == "active" and is_expired(hold.created_at, now):
        status = "expired"
    seconds_left = int((ends - now).total_seconds()) if status == "active" else 0
    return {"hold_id": hold.id, "status": status, "seats": repository.hold_seat_ids(conn, hold.id),
            "expires_at": ends.isoformat(), "seconds_left": seconds_left}
