"""Runtime settings: read from the environment in production, built directly in tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    database_path: Path
    default_page_size: int = 20
    max_page_size: int = 100

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_path=Path(os.environ.get("HELPDESK_DB", "helpdesk.sqlite3")),
            default_page_size=int(os.environ.get("HELPDESK_PAGE_SIZE", "20")),
            max_page_size=int(os.environ.get("HELPDESK_MAX_PAGE_SIZE", "100")),
        )
