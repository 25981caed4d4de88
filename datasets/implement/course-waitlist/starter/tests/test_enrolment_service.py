"""Service-level tests: the rules without HTTP, over an in-memory database."""

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from enrolment.db import init_db, session_factory
from enrolment.errors import AlreadyEnrolled, CapacityTooSmall, CourseFull, NotEnrolled
from enrolment.models import EnrolmentStatus
from enrolment.service import EnrolmentService

NOON = datetime(2024, 9, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def session() -> Iterator[Session]:
    # StaticPool: every session shares the one connection that holds the in-memory database.
    engine = create_engine("sqlite://", poolclass=StaticPool)
    init_db(engine)
    with session_factory(engine)() as session:
        yield session


@pytest.fixture
def service(session: Session) -> EnrolmentService:
    return EnrolmentService(session, clock=lambda: NOON)


def test_enrolment_is_stamped_with_the_clock(service: EnrolmentService) -> None:
    service.create_course("CS-101", "Intro", 1)
    ann = service.register_student("ann@uni.example", "Ann")

    enrolment = service.enrol("CS-101", ann.id)

    assert enrolment.status == EnrolmentStatus.ENROLLED.value
    assert enrolment.enrolled_at == NOON


def test_full_course_raises(service: EnrolmentService) -> None:
    service.create_course("CS-101", "Intro", 1)
    ann = service.register_student("ann@uni.example", "Ann")
    bob = service.register_student("bob@uni.example", "Bob")
    service.enrol("CS-101", ann.id)

    with pytest.raises(CourseFull):
        service.enrol("CS-101", bob.id)


def test_enrolling_twice_raises(service: EnrolmentService) -> None:
    service.create_course("CS-101", "Intro", 3)
    ann = service.register_student("ann@uni.example", "Ann")
    service.enrol("CS-101", ann.id)

    with pytest.raises(AlreadyEnrolled):
        service.enrol("CS-101", ann.id)


def test_drop_keeps_the_row_for_history(service: EnrolmentService, session: Session) -> None:
    service.create_course("CS-101", "Intro", 3)
    ann = service.register_student("ann@uni.example", "Ann")
    enrolment = service.enrol("CS-101", ann.id)

    service.drop("CS-101", ann.id)

    session.refresh(enrolment)
    assert (enrolment.status, enrolment.dropped_at) == (EnrolmentStatus.DROPPED.value, NOON)
    with pytest.raises(NotEnrolled):
        service.drop("CS-101", ann.id)


def test_capacity_below_enrolment_raises(service: EnrolmentService) -> None:
    service.create_course("CS-101", "Intro", 2)
    for name in ("ann", "bob"):
        student = service.register_student(f"{name}@uni.example", name)
        service.enrol("CS-101", student.id)

    with pytest.raises(CapacityTooSmall):
        service.change_capacity("CS-101", 1)
    assert service.course("CS-101").seats_left == 0
