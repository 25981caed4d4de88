"""Run every minute by cron: expire holds that ran out and tell the customers.

    python -m tickets.cron tickets.db
"""

import sqlite3
import sys
from datetime import datetime

from . import notifications, repository
from .holds import is_expired
from .mailer import Mailer, Outbox
from .waitlist import tell_waitlist


def expire_holds(conn: sqlite3.Connection, now: datetime, mailer: Mailer) -> int:
    """Expire every active hold that has run out; returns how many."""
    expired = [hold for hold in repository.active_holds(conn)
               if is_expired(hold.created_at, now)]
    events: list[int] = []
    for hold in expired:
        seats = repository.hold_seat_ids(conn, hold.id)
        repository.end_hold(conn, hold.id, "expired")
        conn.commit()
        notifications.hold_expired(mailer, hold.email, seats)
        if hold.event_id not in events:
            events.append(hold.event_id)
    # The waitlists are told once per event, after all of its holds are released.
    for event_id in events:
        tell_waitlist(conn, event_id, mailer)
    return len(expired)


def main(argv: list[str]) -> int:
    conn = sqlite3.connect(argv[0])
    try:
        outbox = Outbox()
        count = expire_holds(conn, datetime.utcnow(), outbox)
    finally:
        conn.close()
    print(f"expired {count} holds, {len(outbox.sent)} emails queued")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
