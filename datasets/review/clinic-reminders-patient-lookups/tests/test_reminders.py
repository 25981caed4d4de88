import sqlite3
from datetime import date, datetime, timezone

import pytest

from clinic.gateway import RecordingGateway
from clinic.messages import ClinicInfo
from clinic.reminders import ReminderJob, ReminderPlanner
from clinic.schema import connect

CLINIC = ClinicInfo("Riverside Physio", "020 7946 0000", "12 Quay Street")
DAY = date(2025, 3, 14)
SENT_AT = datetime(2025, 3, 13, 18, 0, tzinfo=timezone.utc)


class SelectCounter:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.selects = 0
        connection.set_trace_callback(self._trace)

    def _trace(self, statement: str) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.selects += 1


def add_day(connection: sqlite3.Connection, patients: int, first_id: int = 1) -> None:
    """`patients` patients, each with one booked appointment on DAY (every 5th by email)."""
    for offset in range(patients):
        patient_id = first_id + offset
        by_email = patient_id % 5 == 0
        connection.execute(
            "INSERT INTO patients (id, first_name, last_name, phone, email, reminder_channel) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                patient_id,
                f"Pat{patient_id}",
                "Jones",
                f"07700 9{patient_id:05d}",
                f"pat{patient_id}@example.org",
                "email" if by_email else "sms",
            ),
        )
        connection.execute(
            "INSERT INTO appointments (id, patient_id, clinician_id, starts_at, duration_minutes) "
            "VALUES (?, ?, ?, ?, 30)",
            (patient_id, patient_id, 1 + patient_id % 2, f"2025-03-14T{8 + offset // 4:02d}:"
             f"{(offset % 4) * 15:02d}"),
        )
    connection.commit()


@pytest.fixture
def connection() -> sqlite3.Connection:
    connection = connect(":memory:")
    connection.executemany(
        "INSERT INTO clinicians (id, display_name, room) VALUES (?, ?, ?)",
        [(1, "Dr Okafor", "Room 2"), (2, "Sam Reyes", "Room 5")],
    )
    connection.commit()
    return connection


def test_sms_and_email_reminders_are_worded_for_the_patient(
    connection: sqlite3.Connection,
) -> None:
    add_day(connection, 5)
    plan = ReminderPlanner(connection, CLINIC).plan(DAY)
    assert [r.appointment_id for r in plan.reminders] == [1, 2, 3, 4, 5]
    first = plan.reminders[0]
    assert first.recipient == "07700 900001"
    assert first.text.startswith("Hi Pat1, your appointment with Sam Reyes is on Friday 14 March")
    email = plan.reminders[4]
    assert email.recipient == "pat5@example.org" and email.subject is not None
    assert "Dear Pat5 Jones" in email.text and "Room 5" in email.text


def test_opted_out_patients_are_skipped_and_missing_contacts_reported(
    connection: sqlite3.Connection,
) -> None:
    add_day(connection, 4)
    connection.execute("UPDATE patients SET reminder_channel = 'none' WHERE id = 2")
    connection.execute("UPDATE patients SET phone = NULL WHERE id = 3")
    connection.execute("UPDATE appointments SET status = 'cancelled' WHERE id = 4")
    plan = ReminderPlanner(connection, CLINIC).plan(DAY)
    assert [r.appointment_id for r in plan.reminders] == [1]
    assert plan.unreachable == [3]


def test_a_second_run_sends_only_what_failed(connection: sqlite3.Connection) -> None:
    add_day(connection, 3)
    gateway = RecordingGateway(failing_recipients={"07700 900002"})
    job = ReminderJob(connection, gateway, CLINIC, clock=lambda: SENT_AT)
    assert job.run(DAY).sent == [1, 3]
    gateway.failing_recipients.clear()
    again = job.run(DAY)
    assert (again.sent, again.failed) == ([2], [])
    assert [phone for phone, _ in gateway.sms] == ["07700 900001", "07700 900003", "07700 900002"]


def test_planning_costs_the_same_number_of_queries_for_any_day_size(
    connection: sqlite3.Connection,
) -> None:
    add_day(connection, 40)
    planner = ReminderPlanner(connection, CLINIC)
    counter = SelectCounter(connection)
    plan = planner.plan(DAY)
    assert len(plan.reminders) == 40
    assert counter.selects <= 4, f"{counter.selects} queries to plan 40 reminders"
