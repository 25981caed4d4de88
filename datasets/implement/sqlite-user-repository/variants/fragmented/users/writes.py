"""Transactions around writes that may clash on the email index."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from users.errors import DuplicateEmailError


@contextmanager
def write_with_email(connection: sqlite3.Connection, email: str) -> Iterator[None]:
    """Commit on success, roll back on error; the unique email index is the only
    constraint a well-typed write can violate, so IntegrityError means a duplicate."""
    try:
        with connection:
            yield
    except sqlite3.IntegrityError as error:
        raise DuplicateEmailError(email) from error
