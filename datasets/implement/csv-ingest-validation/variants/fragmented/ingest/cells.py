"""Reading one cell of a row."""

from collections.abc import Mapping


def cell_value(row: Mapping[str, str | None], column: str) -> str:
    return (row.get(column) or "").strip()
