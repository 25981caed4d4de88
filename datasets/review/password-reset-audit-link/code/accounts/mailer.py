"""The password-reset email."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str


class EmailSender(Protocol):
    def send(self, email: Email) -> None:
        """Put the email on the outgoing queue; returns at once (the relay sends it)."""
        ...


def reset_email(to: str, link: str, expires_at: datetime) -> Email:
    text = (
        "Someone asked to reset the password of your Acme account.\n\n"
        f"To choose a new password, open this link before {expires_at:%H:%M} UTC:\n{link}\n\n"
        "If it wasn't you, ignore this email: your password stays as it is."
    )
    return Email(to, "Reset your Acme password", text)
