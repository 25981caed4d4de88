"""Admin commands: `python -m stockroom.cli --database FILE <command> ...`.

`import-catalogue` creates products from the buyers' catalogue CSV (`sku,name,reorder_level`);
`reorder-report` prints what is at or below its reorder level, for the buyers' Monday email.
"""

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from stockroom.config import Settings
from stockroom.db import Database
from stockroom.errors import DuplicateSku
from stockroom.models import ProductCreate
from stockroom.service import InventoryService


def main(arguments: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    options = _parser().parse_args(arguments)
    service = _service(Path(options.database))
    if options.command == "import-catalogue":
        return import_catalogue(service, Path(options.catalogue), out)
    print_reorder_report(service, out)
    return 0


def import_catalogue(service: InventoryService, catalogue: Path, out: TextIO) -> int:
    """Creates each product of the catalogue; existing SKUs are skipped, invalid rows reported."""
    created = skipped = invalid = 0
    with catalogue.open(newline="", encoding="utf-8") as rows:
        for number, row in enumerate(csv.DictReader(rows), start=2):
            try:
                service.create_product(ProductCreate.model_validate(row))
                created += 1
            except DuplicateSku:
                skipped += 1
            except ValidationError:
                print(f"line {number}: invalid product, not imported", file=out)
                invalid += 1
    print(f"{created} created, {skipped} already present, {invalid} invalid", file=out)
    return 1 if invalid else 0


def print_reorder_report(service: InventoryService, out: TextIO) -> None:
    low = service.products(needing_reorder=True)
    for product in low:
        print(
            f"{product.sku:<20} {product.on_hand:>6} / {product.reorder_level:<6} {product.name}",
            file=out,
        )
    print(f"{len(low)} products to reorder", file=out)


def _service(database_path: Path) -> InventoryService:
    database = Database(database_path)
    database.initialise()
    return InventoryService(database, Settings(database_path=database_path))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stockroom")
    parser.add_argument("--database", required=True, help="the service's SQLite file")
    commands = parser.add_subparsers(dest="command", required=True)
    importer = commands.add_parser("import-catalogue", help="create products from a CSV")
    importer.add_argument("catalogue", help="CSV with sku,name,reorder_level columns")
    commands.add_parser("reorder-report", help="print products at or below reorder level")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
