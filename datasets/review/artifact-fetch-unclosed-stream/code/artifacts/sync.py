"""`artifacts-sync`: the first step of every CI job.

Reads the repository's `artifacts.lock`, fetches what the runner's cache lacks, and links each
artifact into the job's workspace as `.artifacts/<name>`.

    artifacts-sync --lockfile artifacts.lock --cache /var/cache/artifacts --workspace .
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from artifacts.cache import ContentCache
from artifacts.fetcher import Fetcher, FetchReport
from artifacts.lockfile import LockedArtifact, LockfileError, read_lockfile
from artifacts.registry import RegistryClient, make_client

REGISTRY_URL = "https://artifacts.internal.example"


def link_into_workspace(
    workspace: Path, artifacts: Sequence[LockedArtifact], report: FetchReport
) -> list[Path]:
    """Point `.artifacts/<name>` at each available artifact's cached file."""
    folder = workspace / ".artifacts"
    folder.mkdir(exist_ok=True)
    links = []
    for artifact in artifacts:
        cached = report.paths.get(artifact.label)
        if cached is None:
            continue
        link = folder / artifact.name
        link.unlink(missing_ok=True)
        link.symlink_to(cached)
        links.append(link)
    return links


def run(lockfile: Path, cache_root: Path, workspace: Path, registry: RegistryClient) -> int:
    try:
        artifacts = read_lockfile(lockfile)
    except (OSError, LockfileError) as exc:
        print(f"artifacts-sync: {exc}", file=sys.stderr)
        return 2
    report = Fetcher(registry, ContentCache(cache_root)).fetch_all(artifacts)
    link_into_workspace(workspace, artifacts, report)
    print(
        f"{len(report.paths)} of {len(artifacts)} artifacts available, "
        f"{report.downloaded} downloaded"
    )
    for failure in report.failures:
        print(f"  FAILED {failure.artifact.label}: {failure.reason}", file=sys.stderr)
    return 0 if report.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="artifacts-sync")
    parser.add_argument("--lockfile", type=Path, default=Path("artifacts.lock"))
    parser.add_argument("--cache", type=Path, default=Path("/var/cache/artifacts"))
    parser.add_argument("--workspace", type=Path, default=Path.cwd())
    parser.add_argument("--registry", default=os.environ.get("ARTIFACTS_URL", REGISTRY_URL))
    args = parser.parse_args(argv)
    token = os.environ.get("ARTIFACTS_TOKEN")
    if not token:
        print("artifacts-sync: ARTIFACTS_TOKEN is not set", file=sys.stderr)
        return 2
    with make_client(args.registry, token) as http:
        return run(args.lockfile, args.cache, args.workspace, RegistryClient(http))


if __name__ == "__main__":
    raise SystemExit(main())
