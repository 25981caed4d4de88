"""`crm-admin`: support tooling run by the operations team against a tenant's customer book.

    crm-admin --database crm.db export --tenant 42 --segment vip --out vip.csv
    crm-admin --database crm.db count --tenant 42
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from crm.db import connect
from crm.export import CustomerExport
from crm.models import Segment
from crm.service import CustomerService


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm-admin")
    parser.add_argument("--database", required=True, help="path of the database file")
    commands = parser.add_subparsers(dest="command", required=True)

    export = commands.add_parser("export", help="write a tenant's customers to a CSV file")
    export.add_argument("--tenant", type=int, required=True)
    export.add_argument("--segment", choices=[s.value for s in Segment])
    export.add_argument("--out", type=Path, required=True)

    count = commands.add_parser("count", help="count a tenant's customers")
    count.add_argument("--tenant", type=int, required=True)
    count.add_argument("--segment", choices=[s.value for s in Segment])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    segment = Segment(args.segment) if args.segment else None
    connection = connect(args.database)
    try:
        service = CustomerService(connection)
        if args.command == "export":
            if args.out.exists():
                print(f"{args.out} already exists, not overwriting it", file=sys.stderr)
                return 1
            written = CustomerExport(service).write_file(args.tenant, args.out, segment)
            print(f"exported {written} customers of tenant {args.tenant} to {args.out}")
        else:
            print(service.count_customers(args.tenant, segment))
    finally:
        connection.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
