"""Enrollment use cases: what the registration API and the advisors' console call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from registrar.db import Database
from registrar.models import (
    AlreadyEnrolled,
    Enrollment,
    NotEnrolled,
    SeatsAvailable,
    Section,
    Student,
    StudentInactive,
    WaitlistEntry,
)
from registrar.repositories import (
    EnrollmentRepository,
    SectionRepository,
    StudentRepository,
    WaitlistRepository,
)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SectionStatus:
    section: Section
    enrolled: int
    waiting: int


class EnrollmentService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock
        self._students = StudentRepository(db)
        self._sections = SectionRepository(db)
        self._enrollments = EnrollmentRepository(db)
        self._waitlist = WaitlistRepository(db)

    def enroll(self, student_id: int, section_id: int) -> Enrollment:
        """Enroll a student in a section, taking one of its seats.

        Raises SectionFull when no seat is left; the student may join the waitlist instead.
        """
        self._check_can_enroll(self._students.get(student_id), section_id)
        with self._db.unit_of_work():
            enrollment = self._enrollments.add(student_id, section_id, self._clock())
            self._sections.take_seat(section_id)
            self._waitlist.remove(student_id, section_id)
        return enrollment

    def join_waitlist(self, student_id: int, section_id: int) -> tuple[WaitlistEntry, int]:
        """Queue a student for a full section; returns the entry and its position."""
        self._check_can_enroll(self._students.get(student_id), section_id)
        section = self._sections.get(section_id)
        if section.seats_left > 0:
            raise SeatsAvailable(f"section {section_id} has {section.seats_left} seats left")
        entry = self._waitlist.add(student_id, section_id, self._clock())
        position = self._waitlist.position(student_id, section_id)
        return entry, position or 1

    def drop(self, student_id: int, section_id: int) -> Enrollment | None:
        """Drop an enrollment; the freed seat goes to the longest-waiting student.

        Returns the enrollment of the student who got the seat, if anyone was waiting.
        """
        with self._db.unit_of_work():
            if not self._enrollments.delete(student_id, section_id):
                raise NotEnrolled(f"student {student_id} is not in section {section_id}")
            self._sections.release_seat(section_id)
            entry = self._waitlist.pop_next(section_id)
            if entry is None:
                return None
            promoted = self._enrollments.add(entry.student_id, section_id, self._clock())
            self._sections.take_seat(section_id)
            return promoted

    def transfer(self, student_id: int, from_section: int, to_section: int) -> Enrollment:
        """Move a student to another section; if the new one is full nothing changes."""
        student = self._students.get(student_id)
        with self._db.unit_of_work():
            if not self._enrollments.delete(student_id, from_section):
                raise NotEnrolled(f"student {student_id} is not in section {from_section}")
            self._sections.release_seat(from_section)
            self._check_can_enroll(student, to_section)
            enrollment = self._enrollments.add(student_id, to_section, self._clock())
            self._sections.take_seat(to_section)
            self._waitlist.remove(student_id, to_section)
            return enrollment

    def status(self, section_id: int) -> SectionStatus:
        section = self._sections.get(section_id)
        return SectionStatus(
            section,
            enrolled=self._enrollments.count(section_id),
            waiting=self._waitlist.count(section_id),
        )

    def roster(self, section_id: int) -> list[Student]:
        self._sections.get(section_id)
        return self._enrollments.roster(section_id)

    def _check_can_enroll(self, student: Student, section_id: int) -> None:
        if not student.active:
            raise StudentInactive(f"student {student.id} is not active this term")
        self._sections.get(section_id)
        if self._enrollments.find(student.id, section_id) is not None:
            raise AlreadyEnrolled(f"student {student.id} is already in section {section_id}")
