"""Content fingerprints for uploaded media, computed by the nightly ingest batch.

A fingerprint is a key-stretched SHA-256 of the bytes: slow on purpose, so near-duplicate
detection upstream cannot be gamed cheaply, and the batch's most expensive step. It is pure
CPU work, so the batch spreads it over worker processes (threads would share one GIL).
"""

import hashlib
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor

ROUNDS = 20_000


class FingerprintError(Exception):
    """Fingerprinting one asset failed; the worker's exception is the `__cause__`."""

    def __init__(self, asset_id: str) -> None:
        super().__init__(f"fingerprinting asset {asset_id!r} failed")
        self.asset_id = asset_id


def fingerprint(blob: bytes) -> str:
    digest = blob
    for _ in range(ROUNDS):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


def fingerprint_assets(
    assets: Mapping[str, bytes],
    digest: Callable[[bytes], str] = fingerprint,
    workers: int | None = None,
) -> dict[str, str]:
    """The fingerprint of every asset, keyed by asset id in the order given.

    `digest` runs in a pool of `workers` processes (default: one per CPU), so it must be a
    picklable top-level function. The pool is gone when this returns, also after a failure.
    """
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = {asset_id: pool.submit(digest, blob) for asset_id, blob in assets.items()}
        try:
            return {asset_id: _result(asset_id, job) for asset_id, job in pending.items()}
        except FingerprintError:
            pool.shutdown(cancel_futures=True)  # the batch has failed: skip what hasn't started
            raise


def _result(asset_id: str, job: "Future[str]") -> str:
    try:
        return job.result()
    except Exception as error:
        raise FingerprintError(asset_id) from error
