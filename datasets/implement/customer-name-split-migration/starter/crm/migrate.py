"""Applies the numbered migrations in crm/migrations/ in order, once each.

A migration is `NNNN_description.sql` (a script) or `NNNN_description.py` (a module with
`upgrade(connection)`). Applied versions are recorded in `schema_version`, one row each, after
the migration has run.
"""

import importlib.util
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
MIGRATION_NAME = re.compile(r"^(\d{4})_\w+\.(sql|py)$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path


def available_migrations() -> list[Migration]:
    """Every migration file, lowest version first."""
    found = []
    for path in MIGRATIONS_DIR.iterdir():
        match = MIGRATION_NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path))
    return sorted(found, key=lambda migration: migration.version)


def applied_versions(connection: sqlite3.Connection) -> set[int]:
    connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)")
    return {version for (version,) in connection.execute("SELECT version FROM schema_version")}


def migrate(connection: sqlite3.Connection) -> list[int]:
    """Applies the pending migrations in order; returns the versions it applied."""
    done = applied_versions(connection)
    applied = []
    for migration in available_migrations():
        if migration.version in done:
            continue
        _run(connection, migration)
        connection.execute("INSERT INTO schema_version (version) VALUES (?)", (migration.version,))
        connection.commit()
        applied.append(migration.version)
    return applied


def _run(connection: sqlite3.Connection, migration: Migration) -> None:
    if migration.path.suffix == ".sql":
        connection.executescript(migration.path.read_text(encoding="utf-8"))
        return
    module_name = f"crm_migration_{migration.version}"
    spec = importlib.util.spec_from_file_location(module_name, migration.path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.upgrade(connection)
