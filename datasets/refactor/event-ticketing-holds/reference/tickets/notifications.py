"""Every email the ticketing code sends, worded in one place."""

from collections.abc import Sequence
from datetime import datetime

from .mailer import Mailer
from .models import Event, Hold


def format_cents(cents: int) -> str:
    return f"${cents // 100}.{cents % 100:02d}"


def hold_confirmation(mailer: Mailer, hold: Hold, seats: Sequence[str],
                      expires_at: datetime) -> None:
    listed = ", ".join(seats)
    mailer.send(
        hold.email,
        f"Seats held: {listed}",
        f"We are holding seats {listed} for you until {expires_at:%H:%M} UTC. "
        f"Total: {format_cents(hold.total_cents)}.",
    )


def receipt(mailer: Mailer, hold: Hold, event: Event, order_id: int,
            seats: Sequence[str]) -> None:
    mailer.send(
        hold.email,
        f"Your tickets for {event.name}",
        f"Order {order_id}: seats {', '.join(seats)} for "
        f"{event.starts_at:%Y-%m-%d %H:%M} UTC. Paid: {format_cents(hold.total_cents)}.",
    )


def hold_expired(mailer: Mailer, email: str, seats: Sequence[str]) -> None:
    mailer.send(email, "Your seat hold expired",
                f"Seats {', '.join(seats)} were released because the hold ran out.")


def seats_available(mailer: Mailer, email: str, event: Event) -> None:
    mailer.send(email, f"Seats available: {event.name}",
                "Seats you were waiting for are back on sale.")
