"""Runtime settings: from the environment in production, built directly in tests."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str
    echo_sql: bool = False

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("ENROLMENT_DB_URL", "sqlite:///enrolment.sqlite3"),
            echo_sql=os.environ.get("ENROLMENT_ECHO_SQL", "") == "1",
        )
