"""Schema migrations for the till's local database.

Each till keeps its sales in a local sqlite file so that it can keep selling while the shop's
connection is down. A release ships its schema changes as numbered SQL scripts
(`0007_add_voided_flag.sql`), and the till applies the ones it has not run yet when it starts.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


class MigrationError(Exception):
    pass


@dataclass(frozen=True, order=True)
class Migration:
    version: int
    name: str
    sql: str = field(compare=False, repr=False)


def discover(directory: Path) -> list[Migration]:
    """The migration scripts in `directory`, oldest first."""
    migrations: list[Migration] = []
    for path in sorted(directory.iterdir()):
        match = MIGRATION_FILE.match(path.name)
        if match is None:
            if path.suffix == ".sql":
                raise MigrationError(f"{path.name} is not named NNNN_description.sql")
            continue
        migrations.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    versions = [m.version for m in migrations]
    repeated = sorted({v for v in versions if versions.count(v) > 1})
    if repeated:
        raise MigrationError(f"two migrations share version {repeated[0]}")
    return sorted(migrations)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Migrator:
    def __init__(
        self, connection: sqlite3.Connection, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self._connection = connection
        self._clock = clock
        with self._connection:
            self._connection.execute(MIGRATIONS_TABLE)

    def applied(self) -> dict[int, str]:
        rows = self._connection.execute("SELECT version, name FROM schema_migrations")
        return {version: name for version, name in rows}

    def pending(self, migrations: Iterable[Migration]) -> list[Migration]:
        """The migrations still to apply; refuses a history that does not match this release."""
        applied = self.applied()
        missing: list[Migration] = []
        for migration in sorted(migrations):
            name = applied.get(migration.version)
            if name is None:
                missing.append(migration)
            elif name != migration.name:
                raise MigrationError(
                    f"version {migration.version} was applied as {name!r}, "
                    f"this release calls it {migration.name!r}"
                )
        newest = max(applied, default=0)
        if missing and missing[0].version < newest:
            raise MigrationError(
                f"migration {missing[0].version} is older than the applied {newest}"
            )
        return missing

    def apply(self, migration: Migration) -> None:
        """Run one migration and record it, all or nothing."""
        try:
            self._connection.executescript(f"BEGIN;\n{migration.sql}\n;")
            self._connection.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, self._clock().isoformat()),
            )
            self._connection.commit()
        except BaseException:
            self._connection.rollback()
            raise

    def migrate(self, migrations: Iterable[Migration]) -> list[Migration]:
        """Apply every pending migration in order; stops at the first that fails."""
        done: list[Migration] = []
        for migration in self.pending(migrations):
            log.info("applying migration %04d_%s", migration.version, migration.name)
            self.apply(migration)
            done.append(migration)
        return done
