"""Events and holds, loaded from the database, with the rules that grew around them."""

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import NotFound
from .mailer import Mailer

HOLD_MINUTES = 15
TIER_PERCENT = {"standard": 100, "premium": 150, "vip": 250}
SURGE_SOLD_SHARE_PERCENT = 80
SURGE_PERCENT = 120
EARLY_BIRD_DAYS = 30
EARLY_BIRD_PERCENT = 90


@dataclass
class Event:
    id: int
    name: str
    starts_at: datetime
    base_cents: int

    @classmethod
    def load(cls, conn: sqlite3.Connection, event_id: int) -> "Event":
        row = conn.execute(
            "SELECT id, name, starts_at, base_cents FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"event {event_id} not found")
        return cls(row[0], row[1], datetime.fromisoformat(row[2]), row[3])

    def price_for(self, conn: sqlite3.Connection, tier: str, now: datetime) -> int:
        """Today's price of one seat of `tier`, in cents."""
        capacity, sold = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(status = 'sold'), 0) FROM seats WHERE event_id = ?",
            (self.id,),
        ).fetchone()
        price = self.base_cents * TIER_PERCENT[tier] // 100
        # Surge once 80% of the house is sold.
        if capacity and sold * 100 >= capacity * SURGE_SOLD_SHARE_PERCENT:
            price = price * SURGE_PERCENT // 100
        if (self.starts_at - now).days >= EARLY_BIRD_DAYS:
            price = price * EARLY_BIRD_PERCENT // 100
        return price


@dataclass
class Hold:
    id: int
    event_id: int
    email: str
    created_at: datetime
    total_cents: int
    status: str

    @classmethod
    def load(cls, conn: sqlite3.Connection, hold_id: int) -> "Hold":
        row = conn.execute(
            "SELECT id, event_id, email, created_at, total_cents, status FROM holds WHERE id = ?",
            (hold_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"hold {hold_id} not found")
        return cls(row[0], row[1], row[2], datetime.fromisoformat(row[3]), row[4], row[5])

    @property
    def expires_at(self) -> datetime:
        return self.created_at + timedelta(minutes=HOLD_MINUTES)

    def is_expired(self, now: datetime) -> bool:
        return now >= self.created_at + timedelta(minutes=HOLD_MINUTES)

    def seat_ids(self, conn: sqlite3.Connection) -> list[str]:
        rows = conn.execute(
            "SELECT seat_id FROM seats WHERE hold_id = ? ORDER BY seat_id", (self.id,)
        ).fetchall()
        return [row[0] for row in rows]

    def free_seats(self, conn: sqlite3.Connection, status: str) -> None:
        """End the hold with `status` and put its seats back on sale."""
        conn.execute("UPDATE seats SET status = 'free', hold_id = NULL WHERE hold_id = ?",
                     (self.id,))
        conn.execute("UPDATE holds SET status = ? WHERE id = ?", (status, self.id))
        self.status = status

    def send_confirmation(self, conn: sqlite3.Connection, mailer: Mailer) -> None:
        seats = ", ".join(self.seat_ids(conn))
        mailer.send(
            self.email,
            f"Seats held: {seats}",
            f"We are holding seats {seats} for you until {self.expires_at:%H:%M} UTC. "
            f"Total: {format_cents(self.total_cents)}.",
        )


def format_cents(cents: int) -> str:
    return f"${cents // 100}.{cents % 100:02d}"
