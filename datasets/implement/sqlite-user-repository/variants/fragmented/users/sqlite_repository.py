import sqlite3

from users.deletes import delete_user
from users.errors import UserNotFoundError
from users.inserts import insert_user
from users.lookups import select_by_email, select_by_id
from users.model import User
from users.rows import to_user
from users.schema import create_schema
from users.updates import update_user


class SqliteUserRepository:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        create_schema(connection)

    def add(self, email: str, name: str) -> User:
        return insert_user(self._connection, email, name)

    def get(self, user_id: int) -> User:
        row = select_by_id(self._connection, user_id)
        if row is None:
            raise UserNotFoundError(user_id)
        return to_user(row)

    def find_by_email(self, email: str) -> User | None:
        row = select_by_email(self._connection, email)
        return None if row is None else to_user(row)

    def update(self, user: User) -> None:
        update_user(self._connection, user)

    def delete(self, user_id: int) -> None:
        delete_user(self._connection, user_id)
