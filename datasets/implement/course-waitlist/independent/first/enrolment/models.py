"""ORM models. Times are stored as UTC and always come back timezone-aware."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum

from sqlalchemy import DateTime, ForeignKey, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UtcDateTime(TypeDecorator[datetime]):
    """SQLite drops the offset of a datetime; store UTC and put the offset back on load."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class EnrolmentStatus(str, Enum):
    ENROLLED = "enrolled"
    # In line for a seat on a full course; `enrolled_at` is when the student joined the line
    # until they are promoted, then the time of promotion.
    WAITLISTED = "waitlisted"
    DROPPED = "dropped"


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int]
    # How many students may wait for a seat once the course is full; 0 means no waitlist.
    waitlist_capacity: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Student(Base):
    __tablename__ = "students"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class Enrolment(Base):
    """One student's place (or place in line) on one course.

    Dropping, or leaving the waitlist, keeps the row, for the registrar's history.
    """

    __tablename__ = "enrolments"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id"))
    status: Mapped[str] = mapped_column(String(20))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    dropped_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

    course: Mapped[Course] = relationship()
    student: Mapped[Student] = relationship()
