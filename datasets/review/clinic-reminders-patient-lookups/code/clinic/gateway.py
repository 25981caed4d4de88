"""Outbound messaging: the SMS provider and the mail relay sit behind one small interface."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class DeliveryError(Exception):
    """The provider refused or failed to accept the message; it may be retried later."""


class MessageGateway(Protocol):
    def send_sms(self, phone: str, text: str) -> None: ...

    def send_email(self, address: str, subject: str, body: str) -> None: ...


@dataclass
class RecordingGateway:
    """Keeps messages in memory instead of sending them (local runs and tests)."""

    sms: list[tuple[str, str]] = field(default_factory=list)
    emails: list[tuple[str, str, str]] = field(default_factory=list)
    failing_recipients: set[str] = field(default_factory=set)

    def send_sms(self, phone: str, text: str) -> None:
        if phone in self.failing_recipients:
            raise DeliveryError(f"provider rejected {phone}")
        self.sms.append((phone, text))

    def send_email(self, address: str, subject: str, body: str) -> None:
        if address in self.failing_recipients:
            raise DeliveryError(f"relay rejected {address}")
        self.emails.append((address, subject, body))
