"""Content fingerprints for uploaded media, computed by the nightly ingest batch.

A fingerprint is a key-stretched SHA-256 of the bytes: slow on purpose, so near-duplicate
detection upstream cannot be gamed cheaply, and the batch's most expensive step. It is pure
CPU, so `fingerprint_assets` runs it in a pool of worker processes (threads would serialise
on the GIL).
"""

import hashlib
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

ROUNDS = 20_000


class FingerprintError(Exception):
    """`digest` raised for an asset; the worker's exception is the `__cause__`."""

    def __init__(self, asset_id: str, message: str) -> None:
        super().__init__(asset_id, message)
        self.asset_id = asset_id
        self.message = message

    def __str__(self) -> str:
        return self.message


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

    `digest` runs in a pool of `workers` processes (None: one per CPU) that lives only for
    this call; it must be picklable (a top-level function). If `digest` raises, the rest of
    the batch is abandoned and FingerprintError is raised for the first failing asset in
    `assets` order, chained from the worker's exception.
    """
    items = list(assets.items())
    if not items:
        return {}
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(digest, blob) for _, blob in items]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        if any(_failed(future) for future in done):
            # No point finishing a failed batch: drop what hasn't started. Work already
            # handed to a worker can't be interrupted, so let it end: it may be an earlier
            # asset's failure, which is the one to report.
            for future in futures:
                future.cancel()
            wait(futures)
            for (asset_id, _), future in zip(items, futures):
                if _failed(future):
                    error = future.exception()
                    if isinstance(error, BrokenProcessPool):
                        raise error  # a worker died: not this asset's digest raising
                    raise FingerprintError(
                        asset_id,
                        f"fingerprinting asset {asset_id!r} failed: "
                        f"{type(error).__name__}: {error}",
                    ) from error
        return {asset_id: future.result() for (asset_id, _), future in zip(items, futures)}
    finally:
        # Returns only once every worker process has exited.
        pool.shutdown(wait=True, cancel_futures=True)


def _failed(future: "Future[str]") -> bool:
    return not future.cancelled() and future.exception() is not None
