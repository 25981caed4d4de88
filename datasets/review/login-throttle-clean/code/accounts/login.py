"""Password login for the customer portal."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Protocol

from accounts.throttle import AttemptLimiter

PBKDF2_ITERATIONS = 600_000
# Hashed against when the email is unknown, so both failures take the same time.
UNKNOWN_USER_SALT = b"unknown-user-salt"


@dataclass(frozen=True)
class UserRecord:
    id: str
    email: str
    salt: bytes
    password_hash: bytes
    iterations: int = PBKDF2_ITERATIONS


class UserDirectory(Protocol):
    async def find_by_email(self, email: str) -> UserRecord | None: ...


class InvalidCredentials(Exception):
    pass


class TooManyAttempts(Exception):
    pass


def hash_password(password: str, salt: bytes, iterations: int = PBKDF2_ITERATIONS) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)


class LoginService:
    def __init__(self, users: UserDirectory, limiter: AttemptLimiter) -> None:
        self._users = users
        self._limiter = limiter

    async def login(self, email: str, password: str, client_ip: str) -> str:
        """Check the credentials; returns a new session token."""
        normalized = email.strip().lower()
        if not await self._limiter.allow(f"login:{client_ip}:{normalized}"):
            raise TooManyAttempts("too many login attempts, try again later")
        user = await self._users.find_by_email(normalized)
        if user is None:
            await asyncio.to_thread(hash_password, password, UNKNOWN_USER_SALT)
            raise InvalidCredentials("unknown email or wrong password")
        # PBKDF2 takes a few hundred milliseconds: keep it off the event loop.
        candidate = await asyncio.to_thread(hash_password, password, user.salt, user.iterations)
        if not hmac.compare_digest(candidate, user.password_hash):
            raise InvalidCredentials("unknown email or wrong password")
        return secrets.token_urlsafe(32)
