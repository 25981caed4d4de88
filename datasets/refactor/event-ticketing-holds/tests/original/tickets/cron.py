"""Run every minute by cron: expire holds that ran out and tell the customers.

    python -m tickets.cron tickets.db
"""

import sqlite3
import sys
from datetime import datetime, timedelta

from .mailer import Mailer, Outbox
from .models import HOLD_MINUTES


def expire_holds(conn: sqlite3.Connection, now: datetime, mailer: Mailer) -> int:
    """Expire every active hold created HOLD_MINUTES or more ago; returns how many."""
    cutoff = (now - timedelta(minutes=HOLD_MINUTES)).isoformat()
    rows = conn.execute(
        "SELECT id, email, event_id FROM holds WHERE status = 'active' AND created_at <= ?"
        " ORDER BY id",
        (cutoff,),
    ).fetchall()
    events = []
    for hold_id, email, event_id in rows:
        seats = [row[0] for row in conn.execute(
            "SELECT seat_id FROM seats WHERE hold_id = ? ORDER BY seat_id", (hold_id,))]
        conn.execute("UPDATE seats SET status = 'free', hold_id = NULL WHERE hold_id = ?",
                     (hold_id,))
        conn.execute("UPDATE holds SET status = 'expired' WHERE id = ?", (hold_id,))
        conn.commit()
        mailer.send(email, "Your seat hold expired",
                    f"Seats {', '.join(seats)} were released because the hold ran out.")
        if event_id not in events:
            events.append(event_id)
    for event_id in events:
        _notify_waitlist(conn, event_id, mailer)
    return len(rows)


def _notify_waitlist(conn: sqlite3.Connection, event_id: int, mailer: Mailer) -> None:
    (name,) = conn.execute("SELECT name FROM events WHERE id = ?", (event_id,)).fetchone()
    waiting = conn.execute(
        "SELECT email FROM waitlist WHERE event_id = ? AND notified = 0 ORDER BY email",
        (event_id,),
    ).fetchall()
    for (email,) in waiting:
        conn.execute("UPDATE waitlist SET notified = 1 WHERE event_id = ? AND email = ?",
                     (event_id, email))
        conn.commit()
        mailer.send(email, f"Seats available: {name}",
                    "Seats you were waiting for are back on sale.")


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
