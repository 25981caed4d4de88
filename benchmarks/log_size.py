"""How big is an `.eval` log per sample, on disk and decompressed, for each task kind?

Issue 16 item 1: the scorers used to close over the whole dataset, so every log carried the
answer key (a review log: 1.45 MB per sample decompressed, 18 MB in all). Runs the offline
`null` control (the log then holds only what archbench itself writes: no answer to count) and
prints the figures per kind.

    .venv/bin/python benchmarks/log_size.py [--limit 5] [--kinds implement review]
"""

from __future__ import annotations

import argparse
import tempfile
import zipfile
from pathlib import Path

from inspect_ai import eval as inspect_eval

from archbench.evalkit import build_task

KINDS = ("implement", "refactor", "review", "design")


def measure(kind: str, limit: int, log_dir: Path) -> tuple[int, int, int]:
    """(samples, bytes on disk, bytes decompressed) of one null-control log of `kind`."""
    [log] = inspect_eval(
        build_task(kind, "null"),  # type: ignore[arg-type]
        limit=limit,
        log_dir=str(log_dir / kind),
        display="none",
        model="none",
    )
    path = Path(log.location)
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    return len(log.samples or []), path.stat().st_size, unpacked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5, help="samples per kind")
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    args = parser.parse_args()
    print(f"{'kind':<10} {'samples':>7} {'disk/sample':>12} {'unzipped/sample':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds:
            samples, disk, unpacked = measure(kind, args.limit, Path(tmp))
            disk_kb, unpacked_kb = (size / max(samples, 1) / 1e3 for size in (disk, unpacked))
            print(f"{kind:<10} {samples:>7} {disk_kb:>10.1f}kB {unpacked_kb:>14.1f}kB")


if __name__ == "__main__":
    main()
