"""Runtime settings: from the environment in production, built directly in tests."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Kilometres between two services of a kind, as the manufacturers' schedules recommend.
DEFAULT_SERVICE_INTERVALS_KM: dict[str, int] = {
    "oil_change": 15_000,
    "brakes": 30_000,
    "tyres": 40_000,
    "inspection": 20_000,
}


@dataclass(frozen=True)
class Settings:
    database_path: Path
    service_intervals_km: dict[str, int] = field(
        default_factory=lambda: dict(DEFAULT_SERVICE_INTERVALS_KM)
    )

    @classmethod
    def from_env(cls) -> Settings:
        return cls(database_path=Path(os.environ.get("FLEET_DB", "fleet.sqlite3")))
