"""Split `customers.name` into `first_name` and `last_name`, keeping `name`.

Safe to run again after any partial run (the runner records a migration only once it has
returned, so a deploy that died halfway runs it again from the start): each column is added only
if it is not there yet, in place (no table rebuild), and only rows whose `first_name` is still
NULL are filled. Rows are filled in batches, each committed, so a retry on a big table resumes
where the previous run stopped instead of starting over.

`name` and its values stay: old app servers keep reading it and inserting rows with only
`name` and `email` during the rollout (the app works those rows' names out on read).
"""

import sqlite3

BATCH_SIZE = 1000


def split_name(name: str) -> tuple[str, str]:
    """First word, and the remaining words joined by single spaces; whitespace ignored."""
    words = name.split()
    if not words:
        return "", ""
    return words[0], " ".join(words[1:])


def _columns(connection: sqlite3.Connection) -> set[str]:
    return {row[1] for row in connection.execute("PRAGMA table_info(customers)")}


def upgrade(connection: sqlite3.Connection) -> None:
    existing = _columns(connection)
    for column in ("first_name", "last_name"):
        if column not in existing:
            connection.execute(f"ALTER TABLE customers ADD COLUMN {column} TEXT")
    connection.commit()

    last_id = None
    while True:
        if last_id is None:
            rows = connection.execute(
                "SELECT id, name FROM customers WHERE first_name IS NULL ORDER BY id LIMIT ?",
                (BATCH_SIZE,),
            ).fetchall()
        else:
            rows = connection.execute(
                "SELECT id, name FROM customers WHERE first_name IS NULL AND id > ?"
                " ORDER BY id LIMIT ?",
                (last_id, BATCH_SIZE),
            ).fetchall()
        if not rows:
            break
        connection.executemany(
            "UPDATE customers SET first_name = ?, last_name = ? WHERE id = ? AND first_name IS NULL",
            [(*split_name(name or ""), customer_id) for customer_id, name in rows],
        )
        connection.commit()
        last_id = rows[-1][0]
