"""Check the seal the in-sandbox launcher puts on a hidden-test report.

The launcher signs the JUnit report's bytes, pytest's exit code and the list of test-framework
functions it found replaced, with a one-time secret it read before any solution code ran. A
report whose seal is missing or wrong was not produced by the harness's pytest run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field

SEAL_SEPARATOR = b"\n--archbench-seal--\n"


@dataclass(frozen=True)
class SealCheck:
    """Whether a report can be trusted, and if not, why."""

    trusted: bool
    problem: str = ""
    tampered: list[str] = field(default_factory=list)
    # The evidence shows tampering (a seal that does not verify, a replaced framework
    # function), not merely a run that ended early or left a broken seal.
    forged: bool = False


def seal_message(report: bytes, exit_code: int, tampered: list[str]) -> bytes:
    """The bytes the launcher signs (must match `pytest_launcher.main`)."""
    return report + SEAL_SEPARATOR + json.dumps([exit_code, tampered]).encode()


def check_seal(secret: bytes, report: bytes, seal_text: str | None) -> SealCheck:
    if seal_text is None:
        return SealCheck(False, "the test run ended before the harness sealed its report")
    try:
        seal = json.loads(seal_text)
        exit_code, tampered, mac = int(seal["exit_code"]), list(seal["tampered"]), str(seal["mac"])
    except (ValueError, KeyError, TypeError):
        return SealCheck(False, "the report's seal is malformed")
    expected = hmac.new(
        secret, seal_message(report, exit_code, tampered), hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(expected, mac):
        return SealCheck(
            False,
            "the report's seal does not match: the report was forged or altered",
            forged=True,
        )
    if tampered:
        return SealCheck(
            False,
            f"the solution replaced test-framework functions: {', '.join(tampered)}",
            tampered,
            forged=True,
        )
    return SealCheck(True)
