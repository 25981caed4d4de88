"""Hidden tests for the process-pool fingerprint step.

The digests passed in are top-level functions of this module, so they pickle; they report
the id of the process they ran in, which is how the tests see where the work happened.
"""

import hashlib
import multiprocessing
import os

import pytest

import media.fingerprints as fingerprints_module
from media.dedupe import duplicate_groups
from media.fingerprints import fingerprint, fingerprint_assets

ASSETS = {f"asset-{n}": f"content {n}".encode() for n in range(12)}


def pid_digest(blob: bytes) -> str:
    return f"{os.getpid()}:{blob.decode()}"


def reversed_digest(blob: bytes) -> str:
    return blob[::-1].hex()


def digest_refusing_seven(blob: bytes) -> str:
    if blob.endswith(b"7"):
        raise ValueError(f"corrupt upload: {blob!r}")
    return blob.hex()


def digest_refusing_odd(blob: bytes) -> str:
    if int(blob.split()[-1]) % 2:
        raise LookupError(f"no codec for {blob!r}")
    return blob.hex()


def stretched_sha256(blob: bytes, rounds: int) -> str:
    digest = blob
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


def pids(result: dict[str, str]) -> set[int]:
    return {int(value.split(":")[0]) for value in result.values()}


# --- Existing behaviour ----------------------------------------------------------------------


def test_fingerprint_is_the_stretched_sha256() -> None:
    assert fingerprint(b"cat.jpg bytes") == stretched_sha256(b"cat.jpg bytes", 20_000)


def test_default_digest_is_the_fingerprint() -> None:
    assets = {"a": b"one", "b": b"two"}

    assert fingerprint_assets(assets) == {"a": fingerprint(b"one"), "b": fingerprint(b"two")}


def test_custom_digest_is_applied_to_every_asset() -> None:
    assert fingerprint_assets(ASSETS, reversed_digest) == {
        asset_id: reversed_digest(blob) for asset_id, blob in ASSETS.items()
    }


def test_no_assets_means_no_fingerprints() -> None:
    assert fingerprint_assets({}) == {}


def test_duplicate_groups_follow_the_fingerprints() -> None:
    assets = {"a": b"same", "b": b"other", "c": b"same", "d": b"lonely", "e": b"other"}

    assert duplicate_groups(assets) == [["a", "c"], ["b", "e"]]


# --- Worker processes ------------------------------------------------------------------------


def test_digest_runs_in_other_processes() -> None:
    result = fingerprint_assets(ASSETS, pid_digest, workers=2)

    assert os.getpid() not in pids(result)
    assert {key: value.split(":")[1] for key, value in result.items()} == {
        key: blob.decode() for key, blob in ASSETS.items()
    }


def test_results_equal_the_sequential_ones_in_input_order() -> None:
    result = fingerprint_assets(ASSETS, reversed_digest, workers=3)

    assert list(result.items()) == [
        (asset_id, reversed_digest(blob)) for asset_id, blob in ASSETS.items()
    ]


def test_one_worker_means_one_process() -> None:
    result = fingerprint_assets(ASSETS, pid_digest, workers=1)

    (worker,) = pids(result)
    assert worker != os.getpid()


def test_a_single_asset_still_runs_in_a_worker() -> None:
    result = fingerprint_assets({"only": b"tiny"}, pid_digest)

    assert result["only"].endswith(":tiny")
    assert pids(result) != {os.getpid()}


def test_default_digest_also_runs_in_workers() -> None:
    assets = {"a": b"one", "b": b"two", "c": b"one"}

    assert fingerprint_assets(assets, workers=2) == {
        "a": fingerprint(b"one"),
        "b": fingerprint(b"two"),
        "c": fingerprint(b"one"),
    }


def test_pool_is_shut_down_after_the_batch() -> None:
    fingerprint_assets(ASSETS, pid_digest, workers=2)

    assert multiprocessing.active_children() == []


# --- Failures --------------------------------------------------------------------------------


def test_worker_error_names_the_asset_and_keeps_the_cause() -> None:
    with pytest.raises(fingerprints_module.FingerprintError) as raised:
        fingerprint_assets(ASSETS, digest_refusing_seven, workers=2)

    error = raised.value
    assert error.asset_id == "asset-7"
    assert "asset-7" in str(error)
    assert isinstance(error.__cause__, ValueError)
    assert "corrupt upload: b'content 7'" in str(error.__cause__)


def test_first_failing_asset_in_input_order_is_reported() -> None:
    with pytest.raises(fingerprints_module.FingerprintError) as raised:
        fingerprint_assets(ASSETS, digest_refusing_odd, workers=3)

    assert raised.value.asset_id == "asset-1"
    assert isinstance(raised.value.__cause__, LookupError)


def test_pool_is_shut_down_after_a_failure() -> None:
    with pytest.raises(fingerprints_module.FingerprintError):
        fingerprint_assets(ASSETS, digest_refusing_seven, workers=2)

    assert multiprocessing.active_children() == []


def test_failure_is_an_exception_the_batch_can_catch() -> None:
    assert issubclass(fingerprints_module.FingerprintError, Exception)
    with pytest.raises(Exception) as raised:
        fingerprint_assets({"only": b"content 7"}, digest_refusing_seven, workers=1)

    assert type(raised.value) is fingerprints_module.FingerprintError
