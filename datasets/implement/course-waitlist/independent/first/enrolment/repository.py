"""Queries over the ORM models. The service decides; these only fetch and store."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enrolment.models import Course, Enrolment, EnrolmentStatus, Student


class CourseRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, course: Course) -> None:
        self._session.add(course)

    def by_code(self, code: str) -> Course | None:
        return self._session.scalars(select(Course).where(Course.code == code)).first()


class StudentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, student: Student) -> None:
        self._session.add(student)

    def get(self, student_id: int) -> Student | None:
        return self._session.get(Student, student_id)

    def by_email(self, email: str) -> Student | None:
        return self._session.scalars(select(Student).where(Student.email == email)).first()


class EnrolmentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, enrolment: Enrolment) -> None:
        self._session.add(enrolment)

    def current(self, course_id: int, student_id: int) -> Enrolment | None:
        """The student's enrolment on the course, unless it was dropped."""
        query = select(Enrolment).where(
            Enrolment.course_id == course_id,
            Enrolment.student_id == student_id,
            Enrolment.status != EnrolmentStatus.DROPPED.value,
        )
        return self._session.scalars(query).first()

    def count(self, course_id: int, status: EnrolmentStatus) -> int:
        query = select(func.count()).where(
            Enrolment.course_id == course_id, Enrolment.status == status.value
        )
        return self._session.scalar(query) or 0

    def with_status(self, course_id: int, status: EnrolmentStatus) -> list[Enrolment]:
        """The course's enrolments in a status, oldest first (for the waitlist: next in line first)."""
        query = (
            select(Enrolment)
            .where(Enrolment.course_id == course_id, Enrolment.status == status.value)
            .order_by(Enrolment.enrolled_at, Enrolment.id)
        )
        return list(self._session.scalars(query))

    def waitlist_position(self, enrolment: Enrolment) -> int:
        """1-based place in line of a waiting enrolment: how many wait ahead of it, plus one."""
        ahead = select(func.count()).where(
            Enrolment.course_id == enrolment.course_id,
            Enrolment.status == EnrolmentStatus.WAITLISTED.value,
            (Enrolment.enrolled_at < enrolment.enrolled_at)
            | ((Enrolment.enrolled_at == enrolment.enrolled_at) & (Enrolment.id < enrolment.id)),
        )
        return (self._session.scalar(ahead) or 0) + 1

    def courses_of(self, student_id: int) -> list[Course]:
        query = (
            select(Course)
            .join(Enrolment, Enrolment.course_id == Course.id)
            .where(
                Enrolment.student_id == student_id,
                Enrolment.status == EnrolmentStatus.ENROLLED.value,
            )
            .order_by(Course.code)
        )
        return list(self._session.scalars(query))
