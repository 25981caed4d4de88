"""Notifier adapter that keeps notifications in memory (tests, local runs)."""

from notifications.ports import Notification


class InMemoryNotifier:
    def __init__(self) -> None:
        self.sent: list[Notification] = []

    def send(self, notification: Notification) -> None:
        self.sent.append(notification)
