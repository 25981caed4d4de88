"""Enrolment use cases: seat limits, waitlists and the enrol/drop lifecycle.

Invariant kept by every method that changes data: a course never has a free seat while
someone is on its waitlist. Each freed seat goes, right away, to whoever has waited longest.
"""

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
    waitlisted: int = 0

    @property
    def seats_left(self) -> int:
        return self.course.capacity - self.enrolled


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
        return CourseView(course, 0)

    def course(self, code: str) -> CourseView:
        return self._view(self._course(code))

    def change_capacity(self, code: str, capacity: int) -> CourseView:
        return self.update_course(code, capacity=capacity)

    def update_course(
        self, code: str, capacity: int | None = None, waitlist_capacity: int | None = None
    ) -> CourseView:
        """Change the seat limit and/or the waitlist's size; None leaves a field as it is.

        More seats go to the waitlist at once; a smaller waitlist removes nobody already in it.
        """
        course = self._course(code)
        if capacity is not None:
            enrolled = self._enrolments.count(course.id, EnrolmentStatus.ENROLLED)
            if capacity < enrolled:
                raise CapacityTooSmall(code, enrolled)
            course.capacity = capacity
        if waitlist_capacity is not None:
            course.waitlist_capacity = waitlist_capacity
        self._fill_free_seats(course, self._clock())
        self._session.commit()
        return self._view(course)

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
        """A seat if one is free, else a place on the waitlist if it has room, else CourseFull.

        A student already enrolled or waiting is AlreadyEnrolled.
        """
        course = self._course(code)
        self.student(student_id)
        if self._enrolments.current(course.id, student_id) is not None:
            raise AlreadyEnrolled(code, student_id)
        if self._enrolments.count(course.id, EnrolmentStatus.ENROLLED) < course.capacity:
            status = EnrolmentStatus.ENROLLED
        elif self._enrolments.count(course.id, EnrolmentStatus.WAITLISTED) < (
            course.waitlist_capacity
        ):
            status = EnrolmentStatus.WAITLISTED
        else:
            raise CourseFull(code)
        enrolment = Enrolment(
            course_id=course.id,
            student_id=student_id,
            status=status.value,
            enrolled_at=self._clock(),
        )
        self._enrolments.add(enrolment)
        self._session.commit()
        return enrolment

    def waitlist_position(self, enrolment: Enrolment) -> int | None:
        """Place in line (1 = next) of a waiting enrolment; None for any other."""
        if enrolment.status != EnrolmentStatus.WAITLISTED.value:
            return None
        return self._enrolments.waitlist_position(enrolment)

    def drop(self, code: str, student_id: int) -> None:
        """Take the student off the course, or off its waitlist; a freed seat is refilled."""
        course = self._course(code)
        enrolment = self._enrolments.current(course.id, student_id)
        if enrolment is None:
            raise NotEnrolled(code, student_id)
        now = self._clock()
        enrolment.status = EnrolmentStatus.DROPPED.value
        enrolment.dropped_at = now
        self._session.flush()
        self._fill_free_seats(course, now)
        self._session.commit()

    def waitlist(self, code: str) -> list[Enrolment]:
        """The course's waiting students, next in line first."""
        course = self._course(code)
        return self._enrolments.with_status(course.id, EnrolmentStatus.WAITLISTED)

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

    def _fill_free_seats(self, course: Course, now: datetime) -> None:
        """Promote waiting students, longest-waiting first, into any free seats, at `now`."""
        self._session.flush()
        free = course.capacity - self._enrolments.count(course.id, EnrolmentStatus.ENROLLED)
        if free <= 0:
            return
        for enrolment in self._enrolments.with_status(course.id, EnrolmentStatus.WAITLISTED)[:free]:
            enrolment.status = EnrolmentStatus.ENROLLED.value
            enrolment.enrolled_at = now
        self._session.flush()

    def _course(self, code: str) -> Course:
        course = self._courses.by_code(code)
        if course is None:
            raise CourseNotFound(code)
        return course
