"""The team's own tests of the ticketing flow (an in-memory database, an outbox mailer)."""

import sqlite3
from datetime import datetime, timedelta

import pytest
from tickets.api import create_event, event_summary, hold_seats, join_waitlist, purchase, release
from tickets.cron import expire_holds
from tickets.db import init_db
from tickets.errors import HoldExpired, SeatUnavailable
from tickets.mailer import Outbox

NOW = datetime(2026, 5, 1, 18, 0)
SHOW = datetime(2026, 5, 20, 20, 0)


@pytest.fixture
def conn():
    connection = sqlite3.connect(":memory:")
    init_db(connection)
    yield connection
    connection.close()


def new_event(conn):
    seats = {"A1": "vip", "A2": "vip", "B1": "premium", "B2": "standard", "B3": "standard"}
    return create_event(conn, "Jazz night", SHOW, 4000, seats)


def test_hold_then_buy(conn):
    outbox = Outbox()
    event_id = new_event(conn)
    hold = hold_seats(conn, event_id, ["B1", "A1"], "ann@example.com", NOW, outbox)
    assert hold["total_cents"] == 6000 + 10000
    order = purchase(conn, hold["hold_id"], NOW + timedelta(minutes=14), outbox)
    assert order["seats"] == ["A1", "B1"]
    assert [subject for _to, subject, _body in outbox.sent] == [
        "Seats held: A1, B1", "Your tickets for Jazz night"]
    assert event_summary(conn, event_id, NOW)["sold_seats"] == 2


def test_a_held_seat_cannot_be_held_twice(conn):
    event_id = new_event(conn)
    hold_seats(conn, event_id, ["B2"], "ann@example.com", NOW, Outbox())
    with pytest.raises(SeatUnavailable):
        hold_seats(conn, event_id, ["B2"], "bob@example.com", NOW, Outbox())


def test_cron_expires_old_holds_and_tells_the_waitlist(conn):
    outbox = Outbox()
    event_id = new_event(conn)
    hold = hold_seats(conn, event_id, ["B2"], "ann@example.com", NOW, outbox)
    join_waitlist(conn, event_id, "cy@example.com")
    assert expire_holds(conn, NOW + timedelta(minutes=15), outbox) == 1
    assert outbox.sent[-1][:2] == ("cy@example.com", "Seats available: Jazz night")
    with pytest.raises(HoldExpired):
        release(conn, hold["hold_id"], outbox)
