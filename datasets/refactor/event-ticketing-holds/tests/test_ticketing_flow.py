"""Public behaviour of the ticketing API and the cron job, as callers see it today."""

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta

import pytest
from ticketing_fixtures import NOW, SEATS, SHOW
from tickets.api import (
    create_event,
    event_summary,
    hold_seats,
    hold_status,
    join_waitlist,
    purchase,
    release,
)
from tickets.cron import expire_holds, main
from tickets.db import init_db
from tickets.errors import HoldExpired, InvalidRequest, NotFound, SeatUnavailable, TicketError
from tickets.mailer import Outbox

EXPIRY = NOW + timedelta(minutes=15)


@pytest.fixture
def conn():
    connection = sqlite3.connect(":memory:")
    init_db(connection)
    yield connection
    connection.close()


@pytest.fixture
def event_id(conn):
    return create_event(conn, " Jazz night ", SHOW, 4001, SEATS)


def test_hold_prices_each_tier_and_emails_the_customer(conn, event_id):
    outbox = Outbox()
    hold = hold_seats(conn, event_id, ["C1", "B1", "A1"], "ann@example.com", NOW, outbox)
    assert hold == {"hold_id": 1, "seats": ["A1", "B1", "C1"], "total_cents": 10002 + 6001 + 4001,
                    "expires_at": "2026-05-01T18:15:00"}
    assert outbox.sent == [("ann@example.com", "Seats held: A1, B1, C1",
                            "We are holding seats A1, B1, C1 for you until 18:15 UTC. "
                            "Total: $200.04.")]


def test_purchase_sells_at_the_held_price_and_sends_a_receipt(conn, event_id):
    outbox = Outbox()
    hold = hold_seats(conn, event_id, ["C2", "C1"], "ann@example.com", NOW, outbox)
    order = purchase(conn, hold["hold_id"], EXPIRY - timedelta(seconds=1), outbox)
    assert order == {"order_id": 1, "seats": ["C1", "C2"], "total_cents": 8002}
    assert outbox.sent[-1] == ("ann@example.com", "Your tickets for Jazz night",
                               "Order 1: seats C1, C2 for 2026-05-20 20:00 UTC. Paid: $80.02.")
    assert conn.execute("SELECT hold_id, email, total_cents, created_at FROM orders").fetchall() \
        == [(1, "ann@example.com", 8002, "2026-05-01T18:14:59")]
    with pytest.raises(HoldExpired, match="^hold 1 is purchased$"):
        purchase(conn, hold["hold_id"], NOW, outbox)


def test_purchase_at_fifteen_minutes_is_too_late_and_frees_the_seats(conn, event_id):
    outbox = Outbox()
    hold = hold_seats(conn, event_id, ["C1"], "ann@example.com", NOW, outbox)
    join_waitlist(conn, event_id, "zed@example.com")
    join_waitlist(conn, event_id, "bob@example.com")
    with pytest.raises(HoldExpired, match="^hold 1 expired at 2026-05-01T18:15:00$"):
        purchase(conn, hold["hold_id"], EXPIRY, outbox)
    assert [(to, subject) for to, subject, _ in outbox.sent[1:]] == [
        ("bob@example.com", "Seats available: Jazz night"),
        ("zed@example.com", "Seats available: Jazz night")]
    assert hold_status(conn, hold["hold_id"], NOW)["status"] == "expired"
    assert event_summary(conn, event_id, NOW)["free_seats"] == 10
    hold_seats(conn, event_id, ["C1"], "cy@example.com", EXPIRY, outbox)


def test_surge_at_eighty_percent_sold_and_early_bird_thirty_days_out(conn, event_id):
    outbox = Outbox()
    hold = hold_seats(conn, event_id, ["C1", "C2", "C3", "C4", "C5", "C6", "B1"],
                      "ann@example.com", NOW, outbox)
    purchase(conn, hold["hold_id"], NOW, outbox)
    assert event_summary(conn, event_id, NOW)["prices"] == {
        "premium": 6001, "standard": 4001, "vip": 10002}
    hold = hold_seats(conn, event_id, ["B2"], "bob@example.com", NOW, outbox)
    purchase(conn, hold["hold_id"], NOW, outbox)  # 8 of 10 sold
    summary = event_summary(conn, event_id, NOW)
    assert summary == {"event_id": event_id, "name": "Jazz night", "free_seats": 2,
                       "sold_seats": 8,
                       "prices": {"premium": 7201, "standard": 4801, "vip": 12002}}
    assert hold_seats(conn, event_id, ["A1"], "cy@example.com", NOW, outbox)["total_cents"] \
        == 12002
    early = SHOW - timedelta(days=30)
    assert event_summary(conn, event_id, early)["prices"]["vip"] == 10801
    assert event_summary(conn, event_id, early + timedelta(seconds=1))["prices"]["vip"] == 12002


def test_early_bird_discount_without_surge(conn):
    event_id = create_event(conn, "Opera", datetime(2026, 9, 1), 999, {"X": "standard"})
    assert event_summary(conn, event_id, NOW)["prices"] == {"standard": 899}


def test_release_frees_seats_once_and_tells_the_waitlist_once(conn, event_id):
    outbox = Outbox()
    assert join_waitlist(conn, event_id, "zed@example.com") is True
    assert join_waitlist(conn, event_id, "zed@example.com") is False
    first = hold_seats(conn, event_id, ["A1"], "ann@example.com", NOW, outbox)
    second = hold_seats(conn, event_id, ["A2"], "bob@example.com", NOW, outbox)
    release(conn, first["hold_id"], outbox)
    release(conn, second["hold_id"], outbox)
    assert [to for to, _subject, _body in outbox.sent].count("zed@example.com") == 1
    with pytest.raises(HoldExpired, match="^hold 1 is released$"):
        release(conn, first["hold_id"], outbox)
    assert hold_status(conn, first["hold_id"], NOW)["status"] == "released"


def test_cron_expires_holds_at_fifteen_minutes_and_emails_each_customer(conn, event_id):
    outbox = Outbox()
    hold_seats(conn, event_id, ["C1", "C2"], "ann@example.com", NOW, outbox)
    hold_seats(conn, event_id, ["C3"], "bob@example.com", NOW + timedelta(minutes=1), outbox)
    join_waitlist(conn, event_id, "cy@example.com")
    outbox.sent.clear()
    assert expire_holds(conn, EXPIRY - timedelta(microseconds=1), outbox) == 0
    assert expire_holds(conn, EXPIRY, outbox) == 1
    assert outbox.sent == [
        ("ann@example.com", "Your seat hold expired",
         "Seats C1, C2 were released because the hold ran out."),
        ("cy@example.com", "Seats available: Jazz night",
         "Seats you were waiting for are back on sale."),
    ]
    assert expire_holds(conn, EXPIRY + timedelta(hours=1), outbox) == 1
    assert len(outbox.sent) == 3
    assert event_summary(conn, event_id, NOW)["free_seats"] == 10


def test_hold_status_counts_down_whole_seconds(conn, event_id):
    hold = hold_seats(conn, event_id, ["C1"], "ann@example.com", NOW, Outbox())
    status = hold_status(conn, hold["hold_id"], NOW + timedelta(seconds=60.5))
    assert status == {"hold_id": 1, "status": "active", "seats": ["C1"],
                      "expires_at": "2026-05-01T18:15:00", "seconds_left": 839}
    late = hold_status(conn, hold["hold_id"], EXPIRY)
    assert (late["status"], late["seconds_left"]) == ("expired", 0)


@pytest.mark.parametrize("seats, email, error", [
    (["C1"], "ann.example.com", InvalidRequest("bad email 'ann.example.com'")),
    (["C1"], "@example.com", InvalidRequest("bad email '@example.com'")),
    (["C1"], "ann@", InvalidRequest("bad email 'ann@'")),
    ([], "ann@example.com", InvalidRequest("no seats requested")),
    (["C1"] * 9, "ann@example.com", InvalidRequest("at most 8 seats per hold")),
    (["C1", "C2", "C1"], "ann@example.com", InvalidRequest("a seat is requested twice")),
    (["C1", "Z9"], "ann@example.com", SeatUnavailable("seat Z9 does not exist")),
])
def test_bad_hold_requests(conn, event_id, seats, email, error):
    with pytest.raises(type(error)) as raised:
        hold_seats(conn, event_id, seats, email, NOW, Outbox())
    assert str(raised.value) == str(error)
    assert conn.execute("SELECT COUNT(*) FROM holds").fetchone() == (0,)


def test_held_and_sold_seats_are_unavailable(conn, event_id):
    outbox = Outbox()
    hold = hold_seats(conn, event_id, ["C1"], "ann@example.com", NOW, outbox)
    with pytest.raises(SeatUnavailable, match="^seat C1 is held$"):
        hold_seats(conn, event_id, ["C2", "C1"], "bob@example.com", NOW, outbox)
    purchase(conn, hold["hold_id"], NOW, outbox)
    with pytest.raises(SeatUnavailable, match="^seat C1 is sold$"):
        hold_seats(conn, event_id, ["C1"], "bob@example.com", NOW, outbox)


def test_unknown_ids_and_started_events(conn, event_id):
    with pytest.raises(NotFound, match="^event 99 not found$"):
        hold_seats(conn, 99, ["C1"], "ann@example.com", NOW, Outbox())
    with pytest.raises(NotFound, match="^hold 7 not found$"):
        purchase(conn, 7, NOW, Outbox())
    with pytest.raises(InvalidRequest, match="^the event has started$"):
        hold_seats(conn, event_id, ["C1"], "ann@example.com", SHOW, Outbox())
    with pytest.raises(NotFound, match="^event 5 not found$"):
        join_waitlist(conn, 5, "ann@example.com")
    assert issubclass(NotFound, TicketError) and issubclass(HoldExpired, TicketError)


@pytest.mark.parametrize("name, base, seats, error", [
    ("  ", 100, {}, "event name is empty"),
    ("Gig", 0, {}, "base price must be a positive number of cents"),
    ("Gig", True, {}, "base price must be a positive number of cents"),
    ("Gig", 10.5, {}, "base price must be a positive number of cents"),
    ("Gig", 100, {"A": "vip", "B": "gold", "C": "box"}, "unknown tier 'box'"),
])
def test_bad_events_are_rejected(conn, name, base, seats, error):
    with pytest.raises(InvalidRequest) as raised:
        create_event(conn, name, SHOW, base, seats)
    assert str(raised.value) == error
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == (0,)


def test_eight_seats_fit_in_one_hold_and_seven_sold_of_ten_is_no_surge(conn, event_id):
    outbox = Outbox()
    seven = ["A1", "A2", "B1", "B2", "C1", "C2", "C3"]
    hold = hold_seats(conn, event_id, [*seven, "C4"], "ann@example.com", NOW, outbox)
    assert len(hold["seats"]) == 8
    release(conn, hold["hold_id"], outbox)
    purchase(conn, hold_seats(conn, event_id, seven, "ann@example.com", NOW, outbox)["hold_id"],
             NOW, outbox)
    assert hold_seats(conn, event_id, ["C4"], "bob@example.com", NOW, outbox)["total_cents"] \
        == 4001


class PeekingMailer(Outbox):
    """Records, with each email, what another connection to the database sees at that moment:
    the change an email announces must already be committed."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.seen = []

    def send(self, to, subject, body):
        super().send(to, subject, body)
        with closing(sqlite3.connect(self.path)) as other:
            self.seen.append(committed_state(other))


def committed_state(conn):
    return {
        "holds": conn.execute("SELECT id, status FROM holds ORDER BY id").fetchall(),
        "sold": conn.execute("SELECT COUNT(*) FROM seats WHERE status = 'sold'").fetchone()[0],
        "notified": conn.execute("SELECT email FROM waitlist WHERE notified = 1"
                                 " ORDER BY email").fetchall(),
        "waiting": conn.execute("SELECT COUNT(*) FROM waitlist").fetchone()[0],
    }


def test_every_change_is_committed_before_the_email_about_it(tmp_path):
    path = tmp_path / "tickets.db"
    conn = sqlite3.connect(path)
    init_db(conn)
    mailer = PeekingMailer(path)
    event_id = create_event(conn, "Gig", SHOW, 1000, {"A": "standard", "B": "standard"})
    with closing(sqlite3.connect(path)) as other:
        assert other.execute("SELECT COUNT(*) FROM seats").fetchone() == (2,)
    assert join_waitlist(conn, event_id, "w1@example.com")
    first = hold_seats(conn, event_id, ["A"], "ann@example.com", NOW, mailer)
    purchase(conn, first["hold_id"], NOW, mailer)
    second = hold_seats(conn, event_id, ["B"], "bob@example.com", NOW, mailer)
    release(conn, second["hold_id"], mailer)
    join_waitlist(conn, event_id, "w2@example.com")
    third = hold_seats(conn, event_id, ["B"], "cy@example.com", NOW, mailer)
    with pytest.raises(HoldExpired):
        purchase(conn, third["hold_id"], EXPIRY, mailer)
    join_waitlist(conn, event_id, "w3@example.com")
    hold_seats(conn, event_id, ["B"], "dee@example.com", EXPIRY, mailer)
    assert expire_holds(conn, EXPIRY + timedelta(minutes=15), mailer) == 1
    assert mailer.seen == [
        {"holds": [(1, "active")], "sold": 0, "notified": [], "waiting": 1},
        {"holds": [(1, "purchased")], "sold": 1, "notified": [], "waiting": 1},
        {"holds": [(1, "purchased"), (2, "active")], "sold": 1, "notified": [], "waiting": 1},
        {"holds": [(1, "purchased"), (2, "released")], "sold": 1,
         "notified": [("w1@example.com",)], "waiting": 1},
        {"holds": [(1, "purchased"), (2, "released"), (3, "active")], "sold": 1,
         "notified": [("w1@example.com",)], "waiting": 2},
        {"holds": [(1, "purchased"), (2, "released"), (3, "expired")], "sold": 1,
         "notified": [("w1@example.com",), ("w2@example.com",)], "waiting": 2},
        {"holds": [(1, "purchased"), (2, "released"), (3, "expired"), (4, "active")], "sold": 1,
         "notified": [("w1@example.com",), ("w2@example.com",)], "waiting": 3},
        {"holds": [(1, "purchased"), (2, "released"), (3, "expired"), (4, "expired")], "sold": 1,
         "notified": [("w1@example.com",), ("w2@example.com",)], "waiting": 3},
        {"holds": [(1, "purchased"), (2, "released"), (3, "expired"), (4, "expired")], "sold": 1,
         "notified": [("w1@example.com",), ("w2@example.com",), ("w3@example.com",)],
         "waiting": 3},
    ]
    conn.close()


def test_cron_main_runs_on_a_database_file(tmp_path, capsys):
    path = tmp_path / "tickets.db"
    with closing(sqlite3.connect(path)) as conn:
        init_db(conn)
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == "expired 0 holds, 0 emails queued\n"


def test_release_expiry_and_waitlist_joins_are_committed_with_nobody_waiting(tmp_path):
    path = tmp_path / "tickets.db"
    conn = sqlite3.connect(path)
    init_db(conn)
    outbox = Outbox()
    event_id = create_event(conn, "Gig", SHOW, 1000, {"A": "standard", "B": "standard"})
    first = hold_seats(conn, event_id, ["A"], "ann@example.com", NOW, outbox)
    second = hold_seats(conn, event_id, ["B"], "bob@example.com", NOW, outbox)
    release(conn, first["hold_id"], outbox)
    with closing(sqlite3.connect(path)) as other:
        assert committed_state(other)["holds"] == [(1, "released"), (2, "active")]
    with pytest.raises(HoldExpired):
        purchase(conn, second["hold_id"], EXPIRY, outbox)
    with closing(sqlite3.connect(path)) as other:
        assert committed_state(other)["holds"] == [(1, "released"), (2, "expired")]
    assert join_waitlist(conn, event_id, "w@example.com")
    with closing(sqlite3.connect(path)) as other:
        assert committed_state(other)["waiting"] == 1
    conn.close()
