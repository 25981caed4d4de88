"""HTTP layer: parsing, status codes and error mapping; the rules live in the service.

No `from __future__ import annotations`: FastAPI must see the route signatures' real types.
"""

from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Annotated

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker

from enrolment.config import Settings
from enrolment.db import init_db, make_engine, session_factory
from enrolment.errors import (
    AlreadyEnrolled,
    CapacityTooSmall,
    CourseFull,
    CourseNotFound,
    DuplicateCourse,
    DuplicateStudent,
    EnrolmentError,
    NotEnrolled,
    StudentNotFound,
)
from enrolment.schemas import (
    CourseCreate,
    CourseOut,
    CourseSummary,
    CourseUpdate,
    EnrolmentOut,
    EnrolmentRequest,
    RosterEntry,
    StudentCreate,
    StudentOut,
    WaitlistEntry,
)
from enrolment.models import EnrolmentStatus
from enrolment.service import Clock, EnrolmentService

ERROR_STATUS: dict[type[EnrolmentError], int] = {
    CourseNotFound: 404,
    StudentNotFound: 404,
    NotEnrolled: 404,
    DuplicateCourse: 409,
    DuplicateStudent: 409,
    CourseFull: 409,
    AlreadyEnrolled: 409,
    CapacityTooSmall: 409,
}

ServiceFactory = Callable[[], Iterator[EnrolmentService]]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def create_app(settings: Settings, clock: Clock = utc_now) -> FastAPI:
    engine = make_engine(settings)
    init_db(engine)
    sessions = session_factory(engine)
    app = FastAPI(title="Course enrolment")

    @app.exception_handler(EnrolmentError)
    def domain_error(request: Request, error: EnrolmentError) -> JSONResponse:
        body = {"detail": str(error), "code": error.code}
        return JSONResponse(body, status_code=ERROR_STATUS[type(error)])

    service = _service_factory(sessions, clock)
    _course_routes(app, service)
    _student_routes(app, service)
    return app


def _service_factory(sessions: sessionmaker[Session], clock: Clock) -> ServiceFactory:
    def service() -> Iterator[EnrolmentService]:
        with sessions() as session:
            yield EnrolmentService(session, clock)

    return service


def _course_routes(app: FastAPI, service: ServiceFactory) -> None:
    Svc = Annotated[EnrolmentService, Depends(service)]  # noqa: N806 - a type alias

    @app.post("/courses", status_code=201)
    def create_course(body: CourseCreate, svc: Svc) -> CourseOut:
        view = svc.create_course(body.code, body.title, body.capacity, body.waitlist_capacity)
        return CourseOut.of(view)

    @app.get("/courses/{code}")
    def get_course(code: str, svc: Svc) -> CourseOut:
        return CourseOut.of(svc.course(code))

    @app.patch("/courses/{code}")
    def update_course(code: str, body: CourseUpdate, svc: Svc) -> CourseOut:
        return CourseOut.of(svc.update_course(code, body.capacity, body.waitlist_capacity))

    @app.post(
        "/courses/{code}/enrolments",
        status_code=201,
        responses={202: {"model": EnrolmentOut, "description": "Put on the waitlist"}},
    )
    def enrol(code: str, body: EnrolmentRequest, svc: Svc, response: Response) -> EnrolmentOut:
        enrolment = svc.enrol(code, body.student_id)
        if enrolment.status == EnrolmentStatus.WAITLISTED.value:
            response.status_code = 202
        return EnrolmentOut.of(code, enrolment, svc.waitlist_position(enrolment))

    @app.delete("/courses/{code}/enrolments/{student_id}", status_code=204)
    def drop(code: str, student_id: int, svc: Svc) -> Response:
        svc.drop(code, student_id)
        return Response(status_code=204)

    @app.get("/courses/{code}/roster")
    def roster(code: str, svc: Svc) -> list[RosterEntry]:
        return [RosterEntry.of(enrolment) for enrolment in svc.roster(code)]

    @app.get("/courses/{code}/waitlist")
    def waitlist(code: str, svc: Svc) -> list[WaitlistEntry]:
        waiting = svc.waitlist(code)
        return [WaitlistEntry.of(e, position) for position, e in enumerate(waiting, start=1)]


def _student_routes(app: FastAPI, service: ServiceFactory) -> None:
    Svc = Annotated[EnrolmentService, Depends(service)]  # noqa: N806 - a type alias

    @app.post("/students", status_code=201)
    def register(body: StudentCreate, svc: Svc) -> StudentOut:
        return StudentOut.of(svc.register_student(body.email, body.name))

    @app.get("/students/{student_id}")
    def get_student(student_id: int, svc: Svc) -> StudentOut:
        return StudentOut.of(svc.student(student_id))

    @app.get("/students/{student_id}/courses")
    def courses_of(student_id: int, svc: Svc) -> list[CourseSummary]:
        return [CourseSummary.of(course) for course in svc.courses_of(student_id)]
