"""The notifier port: what the domain needs from any notification transport."""

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Notification:
    recipient: str
    subject: str
    body: str


@runtime_checkable
class Notifier(Protocol):
    def send(self, notification: Notification) -> None: ...


class NotificationError(Exception):
    """Raised by a notifier adapter when delivery fails."""
