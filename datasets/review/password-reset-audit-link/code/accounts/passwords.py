"""Password hashing (scrypt) and the password policy."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

MIN_LENGTH = 12
MAX_LENGTH = 256
COMMON_PASSWORDS = frozenset(
    {"password1234", "123456789012", "qwertyuiopas", "letmein12345", "iloveyou1234"}
)
_N, _R, _P, _DKLEN = 2**14, 8, 1, 32


class WeakPassword(ValueError):
    """The new password breaks the policy; the message says how."""


@dataclass(frozen=True)
class PasswordHash:
    salt: bytes
    digest: bytes

    def matches(self, password: str) -> bool:
        return hmac.compare_digest(_scrypt(password, self.salt), self.digest)


def _scrypt(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)


def hash_password(password: str) -> PasswordHash:
    salt = secrets.token_bytes(16)
    return PasswordHash(salt, _scrypt(password, salt))


def check_policy(password: str, email: str) -> None:
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise WeakPassword(f"use {MIN_LENGTH} to {MAX_LENGTH} characters")
    if password.lower() in COMMON_PASSWORDS:
        raise WeakPassword("this password is too common")
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        raise WeakPassword("the password must not contain your email address")
