"""Sending one message on one channel, retrying transient failures with exponential backoff."""

from collections.abc import Callable
from dataclasses import dataclass

from notify.errors import TransientSendError
from notify.templates import Message

Sender = Callable[[str, str, str], None]


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    base_delay: float
    sleep: Callable[[float], None]

    def wait_before_retry(self, attempt: int) -> None:
        self.sleep(self.base_delay * 2 ** (attempt - 1))


def deliver(
    channel: str, sender: Sender, address: str, message: Message, retry: RetryPolicy
) -> dict[str, object]:
    error = None
    attempt = 0
    while attempt < retry.max_attempts:
        attempt += 1
        try:
            sender(address, message.subject, message.body)
            return channel_result(channel, "sent", attempt)
        except TransientSendError as transient:
            error = f"transient: {transient}"
            if attempt < retry.max_attempts:
                retry.wait_before_retry(attempt)
        except Exception as permanent:  # any other sender failure will not heal on retry
            error = f"permanent: {permanent}"
            break
    return channel_result(channel, "failed", attempt, error)


def channel_result(
    channel: str | None, status: str, attempts: int = 0, error: str | None = None
) -> dict[str, object]:
    return {"channel": channel, "status": status, "attempts": attempts, "error": error}
