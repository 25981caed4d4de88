"""Natural ordering of prompt version names, so that v2 sorts before v10."""

from __future__ import annotations

import re
from collections.abc import Iterable

_DIGITS = re.compile(r"(\d+)")


def natural_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key splitting runs of digits out as numbers: 'v10' -> ((1,'v'), (0,10))."""
    parts = _DIGITS.split(version)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


def same_number(versions: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of version names that sort as equals ('v1' and 'v01'): neither is the later one."""
    seen: dict[tuple[tuple[int, int | str], ...], str] = {}
    clashes = []
    for version in sorted(versions):
        key = natural_key(version)
        if key in seen:
            clashes.append((seen[key], version))
        else:
            seen[key] = version
    return clashes


def latest_version(versions: Iterable[str]) -> str:
    """The greatest version in natural order; raises ValueError when there is none."""
    ordered = sorted(versions, key=natural_key)
    if not ordered:
        raise ValueError("no versions")
    return ordered[-1]
