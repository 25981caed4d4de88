"""Differential tests: the refactored ticketing behaves exactly like the original code.

`original/tickets/` beside this file is a byte copy of the package before the refactor, loaded
under a private name. A seeded generator plays the same random sessions (events, holds,
purchases, releases, waitlists, cron runs, a moving clock) against both, and compares every
return value, every raised error, every email sent and every database row after each step.
"""

import random
from datetime import timedelta

from ticketing_fixtures import NOW, dump, load_original, new_database
from tickets import api, cron, db, mailer

ORIGINAL = {"api": load_original("api"), "cron": load_original("cron"),
            "db": load_original("db"), "mailer": load_original("mailer")}
ANSWER = {"api": api, "cron": cron, "db": db, "mailer": mailer}
SEEN = []
SESSIONS = 60
STEPS = 30
TIERS = ["standard", "standard", "premium", "vip"]
EMAILS = ["ann@example.com", "bob@example.com", "cy@example.com", "x@y"]
BAD_EMAILS = ["nope", "@a.b", "a@"]
STEPS_IN_TIME = [timedelta(0), timedelta(0), timedelta(seconds=1), timedelta(minutes=1),
                 timedelta(minutes=5), timedelta(minutes=14, seconds=59), timedelta(minutes=15),
                 timedelta(microseconds=500), timedelta(hours=2)]


def random_event(rng):
    name = rng.choice(["Jazz night", " Opera ", "Gig"]) if rng.random() < 0.9 else rng.choice(
        ["", "  "])
    base = rng.choice([4000, 4001, 999, 1, 12345]) if rng.random() < 0.85 else rng.choice(
        [0, -5, True, 10.5])
    count = rng.randint(0, 10) if rng.random() < 0.1 else rng.randint(5, 10)
    seats = {f"S{index}": rng.choice(TIERS) for index in range(count)}
    if rng.random() < 0.05:
        seats["Z"] = rng.choice(["gold", "box"])
    starts = NOW + rng.choice([timedelta(days=29, hours=23), timedelta(days=30),
                               timedelta(days=31), timedelta(hours=1), timedelta(days=2),
                               timedelta(days=2), timedelta(days=45),
                               timedelta(minutes=20), -timedelta(hours=1)])
    return name, starts, base, seats


def random_seat_ids(rng):
    roll = rng.random()
    if roll < 0.05:
        return []
    if roll < 0.08:
        return [f"S{index}" for index in range(9)]
    seats = [f"S{rng.randint(0, 10)}" for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    return seats if rng.random() < 0.9 else seats + seats[:1]


def email(rng):
    return rng.choice(BAD_EMAILS) if rng.random() < 0.05 else rng.choice(EMAILS)


def random_step(rng, counts):
    """One call as (module, function, arguments); `counts` bounds the ids drawn."""
    # Mostly ids that exist (the newest most often), now and then one that does not.
    event_id = max(1, counts["events"] - rng.choice([0, 0, 0, 1, 2]))
    hold_id = max(1, counts["holds"] - rng.choice([0, 0, 1, 2, 3]))
    if rng.random() < 0.05:
        event_id, hold_id = counts["events"] + 1, counts["holds"] + 1
    roll = rng.random()
    if roll < 0.12 or counts["events"] == 0:
        return "api", "create_event", random_event(rng)
    if roll < 0.45:
        return "api", "hold_seats", (event_id, random_seat_ids(rng), email(rng))
    if roll < 0.6:
        return "api", "purchase", (hold_id,)
    if roll < 0.67:
        return "api", "release", (hold_id,)
    if roll < 0.75:
        return "api", "join_waitlist", (event_id, email(rng))
    if roll < 0.82:
        return "api", "event_summary", (event_id,)
    if roll < 0.9:
        return "api", "hold_status", (hold_id,)
    return "cron", "expire_holds", ()


def call(side, conn, outbox, now, step):
    module, function, args = step
    target = getattr(side[module], function)
    if function == "create_event":
        name, starts, base, seats = args
        return target(conn, name, starts, base, seats)
    if function in ("hold_seats", "purchase"):
        return target(conn, *args, now, outbox)
    if function == "release":
        return target(conn, *args, outbox)
    if function == "join_waitlist":
        return target(conn, *args)
    if function == "expire_holds":
        return target(conn, now, outbox)
    return target(conn, *args, now)


def outcome(side, conn, outbox, now, step):
    try:
        return ("returned", call(side, conn, outbox, now, step))
    except Exception as error:  # a raised error is behaviour to compare
        return ("raised", type(error).__name__, str(error))


def test_sessions_match_the_original():
    rng = random.Random(19_2)
    seen = []
    for _ in range(SESSIONS):
        sides = []
        for side in (ORIGINAL, ANSWER):
            sides.append((side, new_database(side["db"]), side["mailer"].Outbox()))
        now = NOW
        counts = {"events": 0, "holds": 0}
        for _step in range(STEPS):
            now += rng.choice(STEPS_IN_TIME)
            step = random_step(rng, counts)
            results = [outcome(side, conn, outbox, now, step) for side, conn, outbox in sides]
            assert results[1] == results[0], step
            (_, old_conn, old_box), (_, new_conn, new_box) = sides
            assert new_box.sent == old_box.sent, step
            assert dump(new_conn) == dump(old_conn), step
            counts["events"] = old_conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            counts["holds"] = old_conn.execute("SELECT COUNT(*) FROM holds").fetchone()[0]
            seen.append((step[1], results[0][0]))
            SEEN.append(results[0])
        for _side, conn, _outbox in sides:
            conn.close()
    # The generator must reach both outcomes of the main calls, or the comparison proves little.
    for function in ("hold_seats", "purchase", "release", "create_event"):
        for kind in ("returned", "raised"):
            assert seen.count((function, kind)) > 10, (function, kind)
