import hashlib
import hmac

import pytest

from billing import signatures
from billing.signatures import SignatureError, WebhookVerifier

SECRET = b"whsec_test"
NOW = 1_700_000_000
BODY = b'{"id": "evt_1", "type": "charge.succeeded"}'


class EqualityTrap(str):
    """A header value that records any plain == / != comparison made against it."""

    compared_with_eq = False

    def __eq__(self, other: object) -> bool:
        type(self).compared_with_eq = True
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        type(self).compared_with_eq = True
        return str.__ne__(self, other)

    __hash__ = str.__hash__


def sign(timestamp: int, body: bytes) -> str:
    return hmac.new(SECRET, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def verifier() -> WebhookVerifier:
    return WebhookVerifier(SECRET, clock=lambda: NOW)


def test_accepts_valid_signature() -> None:
    verifier().verify(BODY, f"t={NOW},v1={sign(NOW, BODY)}")


def test_rejects_tampered_body() -> None:
    with pytest.raises(SignatureError):
        verifier().verify(BODY + b" ", f"t={NOW},v1={sign(NOW, BODY)}")


def test_rejects_stale_timestamp() -> None:
    old = NOW - 301
    with pytest.raises(SignatureError):
        verifier().verify(BODY, f"t={old},v1={sign(old, BODY)}")


def test_signature_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    real_parse = signatures.parse_header

    def parse_with_trap(header: str) -> signatures.SignatureHeader:
        parsed = real_parse(header)
        return signatures.SignatureHeader(
            parsed.timestamp, tuple(EqualityTrap(s) for s in parsed.signatures)
        )

    EqualityTrap.compared_with_eq = False
    monkeypatch.setattr(signatures, "parse_header", parse_with_trap)
    verifier().verify(BODY, f"t={NOW},v1={sign(NOW, BODY)}")
    assert not EqualityTrap.compared_with_eq, "signature compared with ==, leaking timing"
