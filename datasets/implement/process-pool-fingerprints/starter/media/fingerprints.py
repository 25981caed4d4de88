"""Content fingerprints for uploaded media, computed by the nightly ingest batch.

A fingerprint is a key-stretched SHA-256 of the bytes: slow on purpose, so near-duplicate
detection upstream cannot be gamed cheaply, and the batch's most expensive step.
"""

import hashlib
from collections.abc import Callable, Mapping

ROUNDS = 20_000


def fingerprint(blob: bytes) -> str:
    digest = blob
    for _ in range(ROUNDS):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


def fingerprint_assets(
    assets: Mapping[str, bytes], digest: Callable[[bytes], str] = fingerprint
) -> dict[str, str]:
    """The fingerprint of every asset, keyed by asset id in the order given."""
    return {asset_id: digest(blob) for asset_id, blob in assets.items()}
