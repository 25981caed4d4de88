"""Runtime settings of the billing service."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    database_path: Path
    # A billing run catches up at most this many periods per subscription, so a subscription
    # forgotten for years cannot flood a customer with invoices in one run.
    max_catch_up_periods: int = 24
