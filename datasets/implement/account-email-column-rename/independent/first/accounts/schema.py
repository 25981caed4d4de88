"""The accounts table. New installs (dev, CI) get it from create_schema.

`accounts.mail` is being renamed to `email` by expand/contract. This is the expand step: `email`
is added next to `mail` and the two are kept identical by the database itself, whichever column
a writer uses, so old servers (which only know `mail`) and new servers (which read `email`) agree
at all times during the rollout. The contract step (dropping `mail` and the sync triggers) comes
once the last old server is gone.
"""

import sqlite3

# Old servers insert and update `mail` only: copy it into `email`. A writer that changes `email`
# alone gets it copied into `mail`, so old servers read what it wrote. The WHEN/WHERE guards make
# each trigger a no-op when the two columns already agree (new servers write both), so the
# triggers never ping-pong.
_SYNC_TRIGGERS = (
    """
    CREATE TRIGGER IF NOT EXISTS accounts_mail_to_email_on_insert
    AFTER INSERT ON accounts
    WHEN NEW.email IS NOT NEW.mail
    BEGIN
        UPDATE accounts SET email = NEW.mail WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS accounts_mail_to_email_on_update
    AFTER UPDATE OF mail ON accounts
    WHEN NEW.mail IS NOT OLD.mail AND NEW.email IS NOT NEW.mail
    BEGIN
        UPDATE accounts SET email = NEW.mail WHERE id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS accounts_email_to_mail_on_update
    AFTER UPDATE OF email ON accounts
    WHEN NEW.email IS NOT OLD.email AND NEW.email IS NOT NULL AND NEW.mail IS NOT NEW.email
    BEGIN
        UPDATE accounts SET mail = NEW.email WHERE id = NEW.id;
    END
    """,
)


def create_schema(connection: sqlite3.Connection) -> None:
    """The accounts table as a new install gets it: the expanded schema."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS accounts ("
        " id INTEGER PRIMARY KEY,"
        " username TEXT NOT NULL,"
        " mail TEXT NOT NULL UNIQUE)"
    )
    connection.commit()
    expand_email_column(connection)


def _columns(connection: sqlite3.Connection) -> set[str]:
    return {row[1] for row in connection.execute("PRAGMA table_info(accounts)")}


def expand_email_column(connection: sqlite3.Connection) -> None:
    """Expand step of the `mail` -> `email` rename; running it again is harmless.

    Adds a nullable `email` column (nullable so old servers, which insert `mail` only, keep
    working), the triggers that keep it equal to `mail`, fills it for existing accounts, and a
    unique index on it. All in one transaction, committed at the end, so a server writing
    meanwhile can't slip a row in between the column and the triggers.
    """
    if connection.in_transaction:
        connection.commit()
    connection.execute("BEGIN IMMEDIATE")
    try:
        if "email" not in _columns(connection):
            connection.execute("ALTER TABLE accounts ADD COLUMN email TEXT")
        for trigger in _SYNC_TRIGGERS:
            connection.execute(trigger)
        connection.execute("UPDATE accounts SET email = mail WHERE email IS NULL")
        connection.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS accounts_email_unique ON accounts (email)"
        )
    except BaseException:
        connection.rollback()
        raise
    connection.commit()
