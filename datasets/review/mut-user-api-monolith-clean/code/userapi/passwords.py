"""Salted PBKDF2 password hashes stored as '<salt hex>$<digest hex>'."""

import hashlib
import hmac
import os

_ITERATIONS = 10_000


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    return f"{salt.hex()}${_digest(password, salt).hex()}"


def verify_password(password: str, stored_hash: str) -> bool:
    salt_hex, digest_hex = stored_hash.split("$")
    candidate = _digest(password, bytes.fromhex(salt_hex)).hex()
    return hmac.compare_digest(candidate, digest_hex)


def _digest(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _ITERATIONS)
