"""Mapping database rows to users."""

from typing import Any

from users.model import User


def to_user(row: Any) -> User:
    user_id, email, name = row
    return User(id=user_id, email=email, name=name)
