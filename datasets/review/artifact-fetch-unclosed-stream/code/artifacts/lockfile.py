"""The `artifacts.lock` file: the exact build artifacts a repository's CI jobs depend on.

    [[artifact]]
    name = "protoc"
    version = "25.1"
    sha256 = "9f2c..."
    size = 3145728
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")
SHA256 = re.compile(r"[0-9a-f]{64}")


class LockfileError(ValueError):
    pass


@dataclass(frozen=True)
class LockedArtifact:
    name: str
    version: str
    sha256: str
    size: int

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"


def parse_lockfile(text: str) -> list[LockedArtifact]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LockfileError(f"artifacts.lock is not valid TOML: {exc}") from exc
    entries = document.get("artifact", [])
    if not isinstance(entries, list):
        raise LockfileError("`artifact` must be an array of tables")
    artifacts = [_artifact(position, entry) for position, entry in enumerate(entries, start=1)]
    labels = [artifact.label for artifact in artifacts]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise LockfileError(f"artifacts locked twice: {', '.join(duplicates)}")
    return artifacts


def _artifact(position: int, entry: object) -> LockedArtifact:
    if not isinstance(entry, dict):
        raise LockfileError(f"artifact #{position} is not a table")
    name, version = entry.get("name"), entry.get("version")
    sha256, size = entry.get("sha256"), entry.get("size")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise LockfileError(f"artifact #{position}: invalid name {name!r}")
    if not isinstance(version, str) or not VERSION.fullmatch(version):
        raise LockfileError(f"artifact #{position}: invalid version {version!r}")
    if not isinstance(sha256, str) or not SHA256.fullmatch(sha256):
        raise LockfileError(f"artifact #{position}: sha256 must be 64 lowercase hex digits")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise LockfileError(f"artifact #{position}: size must be a non-negative integer")
    return LockedArtifact(name, version, sha256, size)


def read_lockfile(path: Path) -> list[LockedArtifact]:
    return parse_lockfile(path.read_text(encoding="utf-8"))
