"""The one rule for when a seat hold runs out, used by the API and the cron job alike."""

from datetime import datetime, timedelta

HOLD_MINUTES = 15


def expires_at(created_at: datetime) -> datetime:
    return created_at + timedelta(minutes=HOLD_MINUTES)


def is_expired(created_at: datetime, now: datetime) -> bool:
    """A hold is over from the moment it reaches HOLD_MINUTES."""
    return now >= expires_at(created_at)
