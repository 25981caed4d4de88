"""What the registrar stores, and the ways an enrollment request can be refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Student:
    id: int
    name: str
    email: str
    active: bool


@dataclass(frozen=True)
class Section:
    id: int
    course_code: str
    term: str
    label: str
    capacity: int
    seats_taken: int

    @property
    def seats_left(self) -> int:
        return self.capacity - self.seats_taken


@dataclass(frozen=True)
class Enrollment:
    id: int
    student_id: int
    section_id: int
    enrolled_at: datetime


@dataclass(frozen=True)
class WaitlistEntry:
    id: int
    student_id: int
    section_id: int
    joined_at: datetime


class EnrollmentError(Exception):
    """A request the registrar refuses; the API answers it with 409 and the message."""


class UnknownStudent(EnrollmentError):
    pass


class UnknownSection(EnrollmentError):
    pass


class StudentInactive(EnrollmentError):
    pass


class SectionFull(EnrollmentError):
    pass


class AlreadyEnrolled(EnrollmentError):
    pass


class NotEnrolled(EnrollmentError):
    pass


class AlreadyWaitlisted(EnrollmentError):
    pass


class SeatsAvailable(EnrollmentError):
    """The section has free seats: the student should enroll rather than wait."""
