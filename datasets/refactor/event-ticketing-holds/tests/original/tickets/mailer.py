"""Outgoing email: the mailer is injected, so tests and the cron job can use an outbox."""

from dataclasses import dataclass, field
from typing import Protocol


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


@dataclass
class Outbox:
    """A mailer that keeps what it was asked to send."""

    sent: list[tuple[str, str, str]] = field(default_factory=list)

    def send(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))
