"""Users, reset tokens and sessions, as the reset flow needs them (in memory here; Postgres in
production behind the same methods)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from accounts.passwords import PasswordHash


@dataclass(frozen=True)
class User:
    id: int
    email: str
    password: PasswordHash
    active: bool = True


@dataclass(frozen=True)
class ResetToken:
    digest: str
    """SHA-256 of the token sent by email: the token itself is never stored."""
    user_id: int
    issued_at: datetime
    expires_at: datetime
    used: bool = False


class Users:
    def __init__(self, users: list[User]) -> None:
        self._by_id = {user.id: user for user in users}

    def by_email(self, email: str) -> User | None:
        wanted = email.strip().lower()
        return next((u for u in self._by_id.values() if u.email.lower() == wanted), None)

    def get(self, user_id: int) -> User | None:
        return self._by_id.get(user_id)

    def set_password(self, user_id: int, password: PasswordHash) -> None:
        self._by_id[user_id] = replace(self._by_id[user_id], password=password)


class ResetTokens:
    def __init__(self) -> None:
        self._by_digest: dict[str, ResetToken] = {}

    def add(self, token: ResetToken) -> None:
        self._by_digest[token.digest] = token

    def get(self, digest: str) -> ResetToken | None:
        return self._by_digest.get(digest)

    def latest_for(self, user_id: int) -> ResetToken | None:
        mine = [t for t in self._by_digest.values() if t.user_id == user_id]
        return max(mine, key=lambda t: t.issued_at, default=None)

    def use_all_for(self, user_id: int) -> None:
        """Mark every token of the user used: a reset ends all outstanding links."""
        for digest, token in self._by_digest.items():
            if token.user_id == user_id:
                self._by_digest[digest] = replace(token, used=True)


class Sessions:
    def __init__(self) -> None:
        self.by_user: dict[int, set[str]] = {}

    def revoke_all(self, user_id: int) -> None:
        self.by_user.pop(user_id, None)
