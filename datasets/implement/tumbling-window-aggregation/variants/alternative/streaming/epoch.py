"""Epoch-aligned window arithmetic: which half-open window an instant falls in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def aligned_start(instant: datetime, size: timedelta) -> datetime:
    """Start of the `size`-wide window holding `instant`, counted from the Unix epoch in UTC.

    Floor division on timedeltas keeps instants before 1970 in the right window too.
    """
    return EPOCH + ((instant - EPOCH) // size) * size
