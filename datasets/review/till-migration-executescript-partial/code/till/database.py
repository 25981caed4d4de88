"""Opening the till's database at start-up."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from till.migrations import MigrationError, Migrator, discover

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class TillCannotStart(Exception):
    """The database is not usable by this release; the till shows the support screen."""


def open_database(path: Path, migrations_dir: Path = MIGRATIONS_DIR) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        applied = Migrator(connection).migrate(discover(migrations_dir))
    except (MigrationError, sqlite3.Error) as error:
        connection.close()
        log.error("database %s cannot be migrated: %s", path, error)
        raise TillCannotStart(str(error)) from error
    if applied:
        log.info("database %s migrated to version %d", path, applied[-1].version)
    return connection
