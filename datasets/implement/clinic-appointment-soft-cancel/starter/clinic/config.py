"""Runtime settings of the booking service."""

from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Where the data lives and when the clinic takes appointments."""

    database_path: Path
    opens_at: time = time(8, 0)
    closes_at: time = time(18, 0)
    # Free-slot search offers start times on this grid, counted from opening time.
    slot_step: timedelta = timedelta(minutes=15)
