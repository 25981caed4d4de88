"""A size-capped tmpfs over each sample's work directory: the per-sample disk quota.

RLIMIT_FSIZE caps one file (64 MiB), not a sample: an answer could fill the host's disk with
many files. As root, the work directory becomes its own tmpfs of `DISK_QUOTA_BYTES`; a write
beyond it fails with ENOSPC inside the answer's code, which the grader reports as the quota.
Without root (no mount), the per-file limit is all there is, and the sandbox says so once.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

DISK_QUOTA_BYTES = 256 * 1024**2
DISK_FULL_MARKER = "No space left on device"
logger = logging.getLogger(__name__)
_warned = False


def mount_quota(directory: Path, size_bytes: int = DISK_QUOTA_BYTES) -> bool:
    """Mount a tmpfs of `size_bytes` on `directory`; False when this machine cannot."""
    if os.geteuid() != 0:
        _warn_once("not running as root")
        return False
    options = f"size={size_bytes},mode=0700"
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(directory)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    if mounted.returncode != 0:
        _warn_once(mounted.stderr.strip() or f"mount exited {mounted.returncode}")
    return mounted.returncode == 0


def unmount_quota(directory: Path) -> None:
    """Detach the tmpfs (lazily: a process still inside cannot keep it, or the sample, alive)."""
    subprocess.run(["umount", "-l", str(directory)], capture_output=True, timeout=30)


def _warn_once(reason: str) -> None:
    global _warned
    if not _warned:
        logger.warning("no per-sample disk quota (%s): files stay capped at 64 MiB each", reason)
        _warned = True


def describe_disk_full(output: str) -> str | None:
    if DISK_FULL_MARKER not in output:
        return None
    quota_mib = DISK_QUOTA_BYTES // 1024**2
    return f"disk quota exceeded: the work directory holds at most {quota_mib} MiB"
