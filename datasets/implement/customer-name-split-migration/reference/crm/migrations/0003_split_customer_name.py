"""Adds first_name / last_name to customers and fills them from name.

Safe to run again over a partial run of itself (the runner records a version only once the
migration returns): missing columns are added, and only rows still without a first_name are
filled, so rows a previous run or a new app server already filled are left alone.
`name` stays: old app servers keep reading and writing it during the rollout.
"""

import sqlite3

NEW_COLUMNS = ("first_name", "last_name")


def upgrade(connection: sqlite3.Connection) -> None:
    existing = {row[1] for row in connection.execute("PRAGMA table_info(customers)")}
    for column in NEW_COLUMNS:
        if column not in existing:
            connection.execute(f"ALTER TABLE customers ADD COLUMN {column} TEXT")
    pending = connection.execute("SELECT id, name FROM customers WHERE first_name IS NULL")
    connection.executemany(
        "UPDATE customers SET first_name = ?, last_name = ? WHERE id = ?",
        [(*split_name(name), customer_id) for customer_id, name in pending.fetchall()],
    )


def split_name(name: str) -> tuple[str, str]:
    # A frozen copy of the app's rule: a migration must not change when the app code does.
    words = name.split()
    return (words[0], " ".join(words[1:])) if words else ("", "")
