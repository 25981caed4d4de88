"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from enrolment.models import Course, Enrolment, Student
from enrolment.service import CourseView

COURSE_CODE = r"^[A-Z]{2,4}-[0-9]{3}$"
# Loose on purpose: the registrar's mail system is the real judge of an address.
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
MAX_SEATS = 500
MAX_WAITLIST = 500


class CourseCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    code: str = Field(pattern=COURSE_CODE)
    title: str = Field(min_length=1, max_length=200)
    capacity: int = Field(ge=1, le=MAX_SEATS)
    waitlist_capacity: int = Field(default=0, ge=0, le=MAX_WAITLIST)


class CourseUpdate(BaseModel):
    """Either field alone, or both; a field left out keeps its value."""

    capacity: int | None = Field(default=None, ge=1, le=MAX_SEATS)
    waitlist_capacity: int | None = Field(default=None, ge=0, le=MAX_WAITLIST)

    @model_validator(mode="after")
    def _something_to_change(self) -> CourseUpdate:
        if self.capacity is None and self.waitlist_capacity is None:
            raise ValueError("give capacity, waitlist_capacity or both")
        return self


class CourseOut(BaseModel):
    code: str
    title: str
    capacity: int
    enrolled: int
    seats_left: int
    waitlist_capacity: int
    waitlisted: int

    @classmethod
    def of(cls, view: CourseView) -> CourseOut:
        course = view.course
        return cls(
            code=course.code,
            title=course.title,
            capacity=course.capacity,
            enrolled=view.enrolled,
            seats_left=view.seats_left,
            waitlist_capacity=course.waitlist_capacity,
            waitlisted=view.waitlisted,
        )


class CourseSummary(BaseModel):
    code: str
    title: str

    @classmethod
    def of(cls, course: Course) -> CourseSummary:
        return cls(code=course.code, title=course.title)


class StudentCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    email: str = Field(pattern=EMAIL)
    name: str = Field(min_length=1, max_length=100)


class StudentOut(BaseModel):
    id: int
    email: str
    name: str

    @classmethod
    def of(cls, student: Student) -> StudentOut:
        return cls(id=student.id, email=student.email, name=student.name)


class EnrolmentRequest(BaseModel):
    student_id: int


class EnrolmentOut(BaseModel):
    course_code: str
    student_id: int
    status: str
    enrolled_at: datetime
    # Place on the waitlist (1 = next in line); None for an enrolled student.
    position: int | None = None

    @classmethod
    def of(
        cls, course_code: str, enrolment: Enrolment, position: int | None = None
    ) -> EnrolmentOut:
        return cls(
            course_code=course_code,
            student_id=enrolment.student_id,
            status=enrolment.status,
            enrolled_at=enrolment.enrolled_at,
            position=position,
        )


class RosterEntry(BaseModel):
    student_id: int
    name: str
    email: str
    enrolled_at: datetime

    @classmethod
    def of(cls, enrolment: Enrolment) -> RosterEntry:
        student = enrolment.student
        return cls(
            student_id=student.id,
            name=student.name,
            email=student.email,
            enrolled_at=enrolment.enrolled_at,
        )


class WaitlistEntry(BaseModel):
    student_id: int
    name: str
    position: int
    joined_at: datetime

    @classmethod
    def of(cls, enrolment: Enrolment, position: int) -> WaitlistEntry:
        return cls(
            student_id=enrolment.student_id,
            name=enrolment.student.name,
            position=position,
            joined_at=enrolment.enrolled_at,
        )
