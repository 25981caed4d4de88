"""Admin commands for the front desk: `python -m clinic.cli <command> --database FILE ...`.

`add-practitioner` registers someone without going through the API; `day-sheet` prints a
practitioner's day for the printed sheet on the consulting-room door.
"""

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from clinic.config import Settings
from clinic.db import Database
from clinic.errors import NotFound
from clinic.models import Appointment, PractitionerCreate
from clinic.service import BookingService


def main(arguments: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    options = _parser().parse_args(arguments)
    service = _service(Path(options.database))
    try:
        if options.command == "add-practitioner":
            data = PractitionerCreate(name=options.name, specialty=options.specialty)
            print(f"registered practitioner {service.register_practitioner(data).id}", file=out)
        else:
            print_day_sheet(service, options.practitioner, options.day, out)
    except NotFound as error:
        print(f"error: {error}", file=out)
        return 1
    return 0


def print_day_sheet(service: BookingService, practitioner_id: int, day: date, out: TextIO) -> None:
    practitioner = service.practitioner(practitioner_id)
    print(f"{practitioner.name} ({practitioner.specialty}), {day:%A %d %B %Y}", file=out)
    schedule = service.day_schedule(practitioner_id, day)
    for appointment in schedule:
        print(_sheet_line(appointment), file=out)
    if not schedule:
        print("no appointments", file=out)


def _sheet_line(appointment: Appointment) -> str:
    return f"{appointment.starts_at:%H:%M}-{appointment.ends_at:%H:%M}  {appointment.patient_name}"


def _service(database_path: Path) -> BookingService:
    database = Database(database_path)
    database.initialise()
    return BookingService(database, Settings(database_path=database_path))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clinic")
    parser.add_argument("--database", required=True, help="the service's SQLite file")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-practitioner", help="register a practitioner")
    add.add_argument("name")
    add.add_argument("specialty")
    sheet = commands.add_parser("day-sheet", help="print a practitioner's day")
    sheet.add_argument("practitioner", type=int)
    sheet.add_argument("day", type=date.fromisoformat)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
