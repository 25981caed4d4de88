"""The admin commands, run in-process against a temporary database."""

import io
from pathlib import Path

from clinic.cli import main
from clinic.config import Settings
from clinic.db import Database
from clinic.models import AppointmentRequest
from clinic.service import BookingService


def run(database: Path, *arguments: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--database", str(database), *arguments], out=out)
    return code, out.getvalue()


def test_add_practitioner_prints_the_new_id(tmp_path: Path) -> None:
    assert run(tmp_path / "clinic.db", "add-practitioner", "Dr Lee", "GP") == (
        0,
        "registered practitioner 1\n",
    )


def test_day_sheet_lists_the_day_in_order(tmp_path: Path) -> None:
    database_path = tmp_path / "clinic.db"
    run(database_path, "add-practitioner", "Dr Lee", "GP")
    database = Database(database_path)
    service = BookingService(database, Settings(database_path=database_path))
    for start, patient in [("10:00", "Ben Ode"), ("09:00", "Ana Silva")]:
        service.book(
            AppointmentRequest(
                practitioner_id=1,
                patient_name=patient,
                starts_at=f"2024-05-06T{start}:00",  # type: ignore[arg-type]
                duration_minutes=20,
            )
        )

    code, sheet = run(database_path, "day-sheet", "1", "2024-05-06")

    assert code == 0
    assert sheet.splitlines() == [
        "Dr Lee (GP), Monday 06 May 2024",
        "09:00-09:20  Ana Silva",
        "10:00-10:20  Ben Ode",
    ]


def test_day_sheet_of_a_free_day_says_so(tmp_path: Path) -> None:
    run(tmp_path / "clinic.db", "add-practitioner", "Dr Lee", "GP")

    assert run(tmp_path / "clinic.db", "day-sheet", "1", "2024-05-07")[1].endswith(
        "no appointments\n"
    )


def test_day_sheet_of_unknown_practitioner_fails(tmp_path: Path) -> None:
    assert run(tmp_path / "clinic.db", "day-sheet", "9", "2024-05-07") == (
        1,
        "error: practitioner 9 not found\n",
    )


def test_day_sheet_leaves_out_cancelled_appointments(tmp_path: Path) -> None:
    database_path = tmp_path / "clinic.db"
    run(database_path, "add-practitioner", "Dr Lee", "GP")
    service = BookingService(Database(database_path), Settings(database_path=database_path))
    booked = service.book(
        AppointmentRequest(
            practitioner_id=1,
            patient_name="Ana Silva",
            starts_at="2024-05-06T09:00:00",  # type: ignore[arg-type]
            duration_minutes=20,
        )
    )
    service.cancel(booked.id)

    assert run(database_path, "day-sheet", "1", "2024-05-06")[1].endswith("no appointments\n")
