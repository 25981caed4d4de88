"""Telling waiting customers, once each, that seats of an event are back on sale."""

import sqlite3

from . import notifications, repository
from .mailer import Mailer


def tell_waitlist(conn: sqlite3.Connection, event_id: int, mailer: Mailer) -> None:
    event = repository.load_event(conn, event_id)
    for email in repository.waiting_emails(conn, event_id):
        # Marked (and committed) before sending: a crash mid-list must not email anyone twice.
        repository.mark_notified(conn, event_id, email)
        conn.commit()
        notifications.seats_available(mailer, email, event)
