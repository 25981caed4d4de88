"""Goods-in manifests: the supplier's CSV of `sku,quantity` rows, received in one go."""

import csv
import io
from dataclasses import dataclass

from stockroom.errors import InvalidManifest

HEADER = ["sku", "quantity"]


@dataclass(frozen=True)
class ManifestLine:
    sku: str
    quantity: int


def parse_manifest(text: str) -> list[ManifestLine]:
    """The manifest's lines in file order; blank rows are skipped, other malformed ones refused."""
    rows = csv.reader(io.StringIO(text))
    if [cell.strip() for cell in next(rows, [])] != HEADER:
        raise InvalidManifest(1, "the header must be sku,quantity")
    lines = [_parse_row(number, row) for number, row in enumerate(rows, start=2) if any(row)]
    if not lines:
        raise InvalidManifest(1, "the manifest has no lines")
    return lines


def _parse_row(number: int, row: list[str]) -> ManifestLine:
    if len(row) != len(HEADER):
        raise InvalidManifest(number, f"expected {len(HEADER)} fields, got {len(row)}")
    sku, quantity = (cell.strip() for cell in row)
    if not quantity.isdigit() or int(quantity) == 0:
        raise InvalidManifest(number, f"quantity {quantity!r} is not a positive whole number")
    return ManifestLine(sku=sku, quantity=int(quantity))
