from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from registrar.db import Database
from registrar.models import SectionFull
from registrar.repositories import SectionRepository, StudentRepository
from registrar.service import EnrollmentService


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "registrar.db")
    database.create_schema()
    yield database
    database.close()


def fixed_clock() -> datetime:
    return datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def setup_section(db: Database, capacity: int, students: int) -> tuple[int, list[int]]:
    section = SectionRepository(db).add("CS101", "2025S", "A", capacity)
    repo = StudentRepository(db)
    ids = [repo.add(f"Student {i}", f"s{i}@uni.test").id for i in range(students)]
    return section.id, ids


def test_enroll_takes_a_seat(db: Database) -> None:
    section, (ada, _) = setup_section(db, capacity=2, students=2)
    service = EnrollmentService(db, fixed_clock)
    service.enroll(ada, section)
    status = service.status(section)
    assert (status.enrolled, status.section.seats_taken) == (1, 1)
    assert [s.id for s in service.roster(section)] == [ada]


def test_full_section_leaves_no_enrollment_behind(db: Database) -> None:
    section, (ada, bob) = setup_section(db, capacity=1, students=2)
    service = EnrollmentService(db, fixed_clock)
    service.enroll(ada, section)
    with pytest.raises(SectionFull):
        service.enroll(bob, section)
    reopened = EnrollmentService(db, fixed_clock)
    assert [s.id for s in reopened.roster(section)] == [ada], "a refused student is on the roster"
    status = reopened.status(section)
    assert (status.enrolled, status.section.seats_taken) == (1, 1)


def test_refused_student_can_join_the_waitlist_and_gets_the_freed_seat(db: Database) -> None:
    section, (ada, bob) = setup_section(db, capacity=1, students=2)
    service = EnrollmentService(db, fixed_clock)
    service.enroll(ada, section)
    with pytest.raises(SectionFull):
        service.enroll(bob, section)
    _, position = service.join_waitlist(bob, section)
    assert position == 1
    promoted = service.drop(ada, section)
    assert promoted is not None and promoted.student_id == bob
    assert [s.id for s in service.roster(section)] == [bob]
    assert service.status(section).waiting == 0


def test_transfer_into_a_full_section_changes_nothing(db: Database) -> None:
    open_section, (ada, bob) = setup_section(db, capacity=2, students=2)
    full_section = SectionRepository(db).add("CS101", "2025S", "B", 1).id
    service = EnrollmentService(db, fixed_clock)
    service.enroll(ada, open_section)
    service.enroll(bob, full_section)
    with pytest.raises(SectionFull):
        service.transfer(ada, open_section, full_section)
    assert [s.id for s in service.roster(open_section)] == [ada]
    assert service.status(open_section).section.seats_taken == 1
