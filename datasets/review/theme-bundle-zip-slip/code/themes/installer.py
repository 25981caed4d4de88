"""Installs storefront themes uploaded by merchants as zip bundles.

A bundle holds templates, stylesheets and images; it is unpacked into its own folder under the
themes root, replacing any previous version of the same theme.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

THEME_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_BUNDLE_FILES = 500
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class BundleError(ValueError):
    pass


@dataclass(frozen=True)
class InstalledTheme:
    name: str
    root: Path
    files: tuple[str, ...]


def install_theme(bundle: Path, themes_root: Path, name: str) -> InstalledTheme:
    if not THEME_NAME.match(name):
        raise BundleError(f"invalid theme name {name!r}")
    with zipfile.ZipFile(bundle) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        _check_limits(members)
        staging = themes_root / f".{name}.staging"
        shutil.rmtree(staging, ignore_errors=True)
        for member in members:
            _extract(archive, member, staging / member.filename)
    target = themes_root / name
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return InstalledTheme(name, target, tuple(sorted(m.filename for m in members)))


def _check_limits(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_BUNDLE_FILES:
        raise BundleError(f"bundle has {len(members)} files, the limit is {MAX_BUNDLE_FILES}")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise BundleError(f"bundle unpacks to {unpacked} bytes, the limit is {MAX_UNPACKED_BYTES}")


def _extract(archive: zipfile.ZipFile, member: zipfile.ZipInfo, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(member) as source, destination.open("wb") as sink:
        shutil.copyfileobj(source, sink)
