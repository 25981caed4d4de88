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

    def create_course(self, code: str, title: str, capacity: int) -> CourseView:
        if self._courses.by_code(code) is not None:
            raise DuplicateCourse(code)
        course = Course(code=code, title=title, capacity=capacity, created_at=self._clock())
        self._courses.add(course)
        self._session.commit()
        return CourseView(course, 0)

    def course(self, code: str) -> CourseView:
        course = self._course(code)
        return CourseView(course, self._enrolments.count(course.id, EnrolmentStatus.ENROLLED))

    def change_capacity(self, code: str, capacity: int) -> CourseView:
        view = self.course(code)
        if capacity < view.enrolled:
            raise CapacityTooSmall(code, view.enrolled)
        view.course.capacity = capacity
        self._session.commit()
        return view

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
        if self._enrolments.count(course.id, EnrolmentStatus.ENROLLED) >= course.capacity:
            raise CourseFull(code)
        enrolment = Enrolment(
            course_id=course.id,
            student_id=student_id,
            status=EnrolmentStatus.ENROLLED.value,
            enrolled_at=self._clock(),
        )
        self._enrolments.add(enrolment)
        self._session.commit()
        return enrolment

    def drop(self, code: str, student_id: int) -> None:
        course = self._course(code)
        enrolment = self._enrolments.current(course.id, student_id)
        if enrolment is None:
            raise NotEnrolled(code, student_id)
        enrolment.status = EnrolmentStatus.DROPPED.value
        enrolment.dropped_at = self._clock()
        self._session.commit()

    def roster(self, code: str) -> list[Enrolment]:
        course = self._course(code)
        return self._enrolments.with_status(course.id, EnrolmentStatus.ENROLLED)

    def courses_of(self, student_id: int) -> list[Course]:
        self.student(student_id)
        return self._enrolments.courses_of(student_id)

    def _course(self, code: str) -> Course:
        course = self._courses.by_code(code)
        if course is None:
            raise CourseNotFound(code)
        return course
