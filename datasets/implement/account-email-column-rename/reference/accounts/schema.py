"""The accounts table. New installs (dev, CI) get it from create_schema.

Renaming `mail` to `email` without downtime: `expand_email_column` (this step) adds `email`
next to `mail` and keeps the two equal while old servers, which only know `mail`, still run.
The contract step (dropping `mail` and the triggers) comes once no old server is left.
"""

import sqlite3

# Old servers write `mail` only; these copy what they write into `email`. New servers write
# both columns, so the WHEN clauses leave their rows alone.
SYNC_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS accounts_email_from_mail_on_insert"
    " AFTER INSERT ON accounts WHEN NEW.email IS NULL"
    " BEGIN UPDATE accounts SET email = NEW.mail WHERE id = NEW.id; END",
    "CREATE TRIGGER IF NOT EXISTS accounts_email_from_mail_on_update"
    " AFTER UPDATE OF mail ON accounts WHEN NEW.email IS NOT NEW.mail"
    " BEGIN UPDATE accounts SET email = NEW.mail WHERE id = NEW.id; END",
)


def create_schema(connection: sqlite3.Connection) -> None:
    connection.execute(
        "CREATE TABLE IF NOT EXISTS accounts ("
        " id INTEGER PRIMARY KEY,"
        " username TEXT NOT NULL,"
        " mail TEXT NOT NULL UNIQUE)"
    )
    expand_email_column(connection)  # commits


def expand_email_column(connection: sqlite3.Connection) -> None:
    """Adds `email`, fills it from `mail` and keeps it in step; safe to run again."""
    with connection:
        if not _has_column(connection, "accounts", "email"):
            connection.execute("ALTER TABLE accounts ADD COLUMN email TEXT")
        connection.execute("UPDATE accounts SET email = mail WHERE email IS NULL")
        connection.execute("CREATE UNIQUE INDEX IF NOT EXISTS accounts_email ON accounts (email)")
        for trigger in SYNC_TRIGGERS:
            connection.execute(trigger)


def _has_column(connection: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in connection.execute(f"PRAGMA table_info({table})"))
