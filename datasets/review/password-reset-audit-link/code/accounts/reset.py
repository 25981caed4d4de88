"""Password reset by email link.

The link carries a random token in its fragment (`#token=...`), which browsers never send to
servers, so it stays out of access logs and Referer headers; the reset page reads it and posts
it with the new password. Only the token's SHA-256 is stored. A token works once, for 30 minutes,
and completing a reset ends every other link and every session of the account.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from accounts.audit import AuditLog
from accounts.mailer import EmailSender, reset_email
from accounts.passwords import check_policy, hash_password
from accounts.store import ResetToken, ResetTokens, Sessions, Users

TOKEN_LIFETIME = timedelta(minutes=30)
RESEND_COOLDOWN = timedelta(minutes=1)


class InvalidResetToken(Exception):
    """The link is unknown, used or expired (the page offers to send a new one)."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class ResetSettings:
    app_url: str = "https://app.acme.example"


class PasswordResetService:
    def __init__(
        self,
        users: Users,
        tokens: ResetTokens,
        sessions: Sessions,
        mailer: EmailSender,
        audit: AuditLog,
        settings: ResetSettings = ResetSettings(),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._users = users
        self._tokens = tokens
        self._sessions = sessions
        self._mailer = mailer
        self._audit = audit
        self._settings = settings
        self._clock = clock

    def request_reset(self, email: str, client_ip: str) -> None:
        """Send a reset link if the address has an account; say nothing either way."""
        now = self._clock()
        user = self._users.by_email(email)
        if user is None or not user.active:
            self._audit.record("password_reset_unknown_account", client_ip=client_ip)
            return
        latest = self._tokens.latest_for(user.id)
        if latest is not None and now - latest.issued_at < RESEND_COOLDOWN:
            self._audit.record("password_reset_throttled", user_id=user.id, client_ip=client_ip)
            return
        token = secrets.token_urlsafe(32)
        expires_at = now + TOKEN_LIFETIME
        self._tokens.add(ResetToken(token_digest(token), user.id, now, expires_at))
        link = f"{self._settings.app_url}/reset-password#token={token}"
        self._mailer.send(reset_email(user.email, link, expires_at))
        self._audit.record(
            "password_reset_requested",
            user_id=user.id, client_ip=client_ip, reset_url=link, expires_at=expires_at,
        )  # fmt: skip

    def complete_reset(self, token: str, new_password: str, client_ip: str) -> None:
        now = self._clock()
        stored = self._tokens.get(token_digest(token))
        if stored is None or stored.used or now >= stored.expires_at:
            self._audit.record("password_reset_rejected", client_ip=client_ip)
            raise InvalidResetToken("this link is no longer valid")
        user = self._users.get(stored.user_id)
        if user is None or not user.active:
            raise InvalidResetToken("this link is no longer valid")
        check_policy(new_password, user.email)
        self._users.set_password(user.id, hash_password(new_password))
        self._tokens.use_all_for(user.id)
        self._sessions.revoke_all(user.id)
        self._audit.record("password_reset_completed", user_id=user.id, client_ip=client_ip)
