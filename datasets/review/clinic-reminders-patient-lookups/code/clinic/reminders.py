"""The evening job that reminds patients of their appointments the next day.

Each patient is reminded on the channel they chose (SMS or email); patients who opted out get
nothing, and patients whose chosen channel has no contact details are reported to reception.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from clinic.gateway import DeliveryError, MessageGateway
from clinic.messages import ClinicInfo, email_message, sms_text
from clinic.models import Appointment, Clinician, Patient, ReminderChannel
from clinic.repositories import AppointmentRepository, ClinicianRepository, PatientRepository


@dataclass(frozen=True)
class PlannedReminder:
    appointment_id: int
    channel: ReminderChannel
    recipient: str
    subject: str | None
    text: str


@dataclass(frozen=True)
class ReminderPlan:
    reminders: list[PlannedReminder]
    unreachable: list[int]
    """Appointments whose patient chose a channel we have no contact details for."""


@dataclass
class RunReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    unreachable: list[int] = field(default_factory=list)


class ReminderPlanner:
    def __init__(self, connection: sqlite3.Connection, clinic: ClinicInfo) -> None:
        self._appointments = AppointmentRepository(connection)
        self._patients = PatientRepository(connection)
        self._clinicians = ClinicianRepository(connection)
        self._clinic = clinic

    def plan(self, day: date) -> ReminderPlan:
        """The reminders still to send for `day`'s booked appointments."""
        appointments = self._appointments.on_day(day)
        already_sent = self._appointments.reminded(a.id for a in appointments)
        due = [a for a in appointments if a.id not in already_sent]
        clinicians = self._clinicians.get_many(a.clinician_id for a in due)
        reminders: list[PlannedReminder] = []
        unreachable: list[int] = []
        for appointment in due:
            patient = self._patients.get(appointment.patient_id)
            if patient.reminder_channel is ReminderChannel.NONE:
                continue
            reminder = self._reminder(appointment, patient, clinicians[appointment.clinician_id])
            if reminder is None:
                unreachable.append(appointment.id)
            else:
                reminders.append(reminder)
        return ReminderPlan(reminders, unreachable)

    def _reminder(
        self, appointment: Appointment, patient: Patient, clinician: Clinician
    ) -> PlannedReminder | None:
        if patient.reminder_channel is ReminderChannel.SMS and patient.phone:
            text = sms_text(
                self._clinic, patient.first_name, appointment.starts_at, clinician.display_name
            )
            return PlannedReminder(appointment.id, ReminderChannel.SMS, patient.phone, None, text)
        if patient.reminder_channel is ReminderChannel.EMAIL and patient.email:
            message = email_message(
                self._clinic,
                patient.full_name,
                appointment.starts_at,
                clinician.display_name,
                clinician.room,
            )
            return PlannedReminder(
                appointment.id, ReminderChannel.EMAIL, patient.email, message.subject, message.body
            )
        return None


class ReminderJob:
    def __init__(
        self,
        connection: sqlite3.Connection,
        gateway: MessageGateway,
        clinic: ClinicInfo,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self._connection = connection
        self._gateway = gateway
        self._planner = ReminderPlanner(connection, clinic)
        self._appointments = AppointmentRepository(connection)
        self._clock = clock

    def run(self, day: date) -> RunReport:
        plan = self._planner.plan(day)
        report = RunReport(unreachable=list(plan.unreachable))
        for reminder in plan.reminders:
            try:
                self._send(reminder)
            except DeliveryError:
                report.failed.append(reminder.appointment_id)
                continue
            # Recorded and committed as each one goes out, so a crash halfway through the run
            # does not send the same reminder twice when the job is restarted.
            self._appointments.record_reminder(
                reminder.appointment_id, reminder.channel, self._clock()
            )
            self._connection.commit()
            report.sent.append(reminder.appointment_id)
        return report

    def _send(self, reminder: PlannedReminder) -> None:
        if reminder.channel is ReminderChannel.SMS:
            self._gateway.send_sms(reminder.recipient, reminder.text)
        else:
            self._gateway.send_email(reminder.recipient, reminder.subject or "", reminder.text)
