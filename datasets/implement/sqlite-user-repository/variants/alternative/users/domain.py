"""Users as the application sees them, and the errors a repository reports (no sqlite here)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str


class DuplicateEmailError(Exception):
    def __init__(self, email: str) -> None:
        super().__init__(f"another user already has the email {email!r}")
        self.email = email


class UserNotFoundError(LookupError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"no user with id {user_id}")
        self.user_id = user_id
