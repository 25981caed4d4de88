"""Verification of signed webhook deliveries from the payment provider.

The provider sends a header of the form ``t=<unix seconds>,v1=<hex hmac-sha256>`` where the MAC
is computed over ``"<t>.<raw body>"`` with the endpoint's signing secret.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_TOLERANCE_SECONDS = 300


class SignatureError(Exception):
    """The delivery cannot be trusted and must be rejected."""


@dataclass(frozen=True)
class SignatureHeader:
    timestamp: int
    signatures: tuple[str, ...]


def parse_header(header: str) -> SignatureHeader:
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise SignatureError(f"malformed signature header: {header!r}")
    return SignatureHeader(timestamp, tuple(signatures))


def compute_signature(secret: bytes, timestamp: int, body: bytes) -> str:
    signed_payload = str(timestamp).encode() + b"." + body
    return hmac.new(secret, signed_payload, hashlib.sha256).hexdigest()


class WebhookVerifier:
    def __init__(
        self,
        secret: bytes,
        tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secret = secret
        self._tolerance_seconds = tolerance_seconds
        self._clock = clock

    def verify(self, body: bytes, header: str) -> None:
        """Raise SignatureError unless the body was signed recently with our secret."""
        parsed = parse_header(header)
        if abs(self._clock() - parsed.timestamp) > self._tolerance_seconds:
            raise SignatureError(f"timestamp {parsed.timestamp} outside tolerance")
        expected = compute_signature(self._secret, parsed.timestamp, body)
        if not any(candidate == expected for candidate in parsed.signatures):
            raise SignatureError("no matching v1 signature")
