"""Natural ordering of prompt version names, so that v2 sorts before v10."""

from __future__ import annotations

import re
from collections.abc import Iterable

_DIGITS = re.compile(r"(\d+)")


def natural_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key splitting runs of digits out as numbers: 'v10' -> ((1,'v'), (0,10))."""
    parts = _DIGITS.split(version)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


def latest_version(versions: Iterable[str]) -> str:
    """The greatest version in natural order; raises ValueError when there is none."""
    ordered = sorted(versions, key=natural_key)
    if not ordered:
        raise ValueError("no versions")
    return ordered[-1]
