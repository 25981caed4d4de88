"""Enrolment use cases: seat limits and the enrol/drop lifecycle."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from enrolment.errors import (
    AlreadyEnrolled,
    CapacityTooSmall,
    CourseFull,
    CourseNotFound,
    DuplicateCourse,
    DuplicateStudent,
    NotEnrolled,
    StudentNotFound,
)
from enrolment.models import Course, Enrolment, EnrolmentStatus, Student
from enrolment.repository import CourseRepository, EnrolmentRepository, StudentRepository

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class CourseView:
    """A course with the occupancy figures the API shows."""

    course: Course
    enrolled: int
    waitlisted: int

    @property
    def seats_left(self) -> int:
        return self.course.capacity - self.enrolled


@dataclass(frozen=True)
class CourseChanges:
    """A partial update of a course's limits: None keeps the current value."""

    capacity: int | None = None
    waitlist_capacity: int | None = None


class EnrolmentService:
    """One instance per request; every public method that changes data commits."""

    def __init__(self, session: Session, clock: Clock) -> None:
        self._session = session
        self._clock = clock
        self._courses = CourseRepository(session)
        self._students = StudentRepository(session)
        self._enrolments = EnrolmentRepository(session)

    def create_course(
        self, code: str, title: str, capacity: int, waitlist_capacity: int = 0
    ) -> CourseView:
        if self._courses.by_code(code) is not None:
            raise DuplicateCourse(code)
        course = Course(
            code=code,
            title=title,
            capacity=capacity,
            waitlist_capacity=waitlist_capacity,
            created_at=self._clock(),
        )
        self._courses.add(course)
        self._session.commit()
        return CourseView(course, 0, 0)

    def course(self, code: str) -> CourseView:
        return self._view(self._course(code))

    def update_course(self, code: str, changes: CourseChanges) -> CourseView:
        course = self._course(code)
        if changes.capacity is not None:
            enrolled = self._enrolments.count(course.id, EnrolmentStatus.ENROLLED)
            if changes.capacity < enrolled:
                raise CapacityTooSmall(code, enrolled)
            course.capacity = changes.capacity
        if changes.waitlist_capacity is not None:
            # A smaller waitlist only stops new students joining; nobody waiting is removed.
            course.waitlist_capacity = changes.waitlist_capacity
        self._promote_waiting(course)
        self._session.commit()
        return self._view(course)

    def change_capacity(self, code: str, capacity: int) -> CourseView:
        return self.update_course(code, CourseChanges(capacity=capacity))

    def register_student(self, email: str, name: str) -> Student:
        if self._students.by_email(email) is not None:
            raise DuplicateStudent(email)
        student = Student(email=email, name=name)
        self._students.add(student)
        self._session.commit()
        return student

    def student(self, student_id: int) -> Student:
        student = self._students.get(student_id)
        if student is None:
            raise StudentNotFound(student_id)
        return student

    def enrol(self, code: str, student_id: int) -> Enrolment:
        course = self._course(code)
        self.student(student_id)
        if self._enrolments.current(course.id, student_id) is not None:
            raise AlreadyEnrolled(code, student_id)
        enrolment = Enrolment(
            course_id=course.id,
            student_id=student_id,
            status=self._status_for_newcomer(course).value,
            enrolled_at=self._clock(),
        )
        self._enrolments.add(enrolment)
        self._session.commit()
        return enrolment

    def waitlist(self, code: str) -> list[Enrolment]:
        """The course's waiting students, first in line first."""
        course = self._course(code)
        return self._enrolments.with_status(course.id, EnrolmentStatus.WAITLISTED)

    def waitlist_position(self, enrolment: Enrolment) -> int | None:
        """1 for the student next in line; None unless the enrolment is waitlisted."""
        if enrolment.status != EnrolmentStatus.WAITLISTED.value:
            return None
        waiting = self._enrolments.with_status(enrolment.course_id, EnrolmentStatus.WAITLISTED)
        return [entry.id for entry in waiting].index(enrolment.id) + 1

    def drop(self, code: str, student_id: int) -> None:
        course = self._course(code)
        enrolment = self._enrolments.current(course.id, student_id)
        if enrolment is None:
            raise NotEnrolled(code, student_id)
        enrolment.status = EnrolmentStatus.DROPPED.value
        enrolment.dropped_at = self._clock()
        # The session autoflushes, so the promotion's count no longer sees the dropped seat.
        self._promote_waiting(course)
        self._session.commit()

    def roster(self, code: str) -> list[Enrolment]:
        course = self._course(code)
        return self._enrolments.with_status(course.id, EnrolmentStatus.ENROLLED)

    def courses_of(self, student_id: int) -> list[Course]:
        self.student(student_id)
        return self._enrolments.courses_of(student_id)

    def _view(self, course: Course) -> CourseView:
        return CourseView(
            course,
            self._enrolments.count(course.id, EnrolmentStatus.ENROLLED),
            self._enrolments.count(course.id, EnrolmentStatus.WAITLISTED),
        )

    def _status_for_newcomer(self, course: Course) -> EnrolmentStatus:
        """Enrolled while seats are left, else waitlisted while the waitlist has room."""
        if self._enrolments.count(course.id, EnrolmentStatus.ENROLLED) < course.capacity:
            return EnrolmentStatus.ENROLLED
        if self._enrolments.count(course.id, EnrolmentStatus.WAITLISTED) < course.waitlist_capacity:
            return EnrolmentStatus.WAITLISTED
        raise CourseFull(course.code)

    def _promote_waiting(self, course: Course) -> None:
        """Give every free seat to the students waiting longest; their seat dates from now."""
        free = course.capacity - self._enrolments.count(course.id, EnrolmentStatus.ENROLLED)
        waiting = self._enrolments.with_status(course.id, EnrolmentStatus.WAITLISTED)
        now = self._clock()
        for enrolment in waiting[: max(free, 0)]:
            enrolment.status = EnrolmentStatus.ENROLLED.value
            enrolment.enrolled_at = now

    def _course(self, code: str) -> Course:
        course = self._courses.by_code(code)
        if course is None:
            raise CourseNotFound(code)
        return course
